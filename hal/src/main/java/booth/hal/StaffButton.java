package booth.hal;

/**
 * The PiTFT's four buttons, behind pinholes, for booth staff. Default lines are BCM GPIO
 * numbers of the PiTFT; the configuration may move them.
 */
public enum StaffButton implements Key {
    /** Power the Pi off cleanly (after a deliberate hold). */
    POWER_OFF(17),
    /** Reboot the Pi (after a deliberate hold). */
    REBOOT(22),
    /** Restart the display program. */
    RESTART_DISPLAY(23),
    /** Reset the demo: default levels, counters cleared. */
    RESET_DEMO(27);

    private final int defaultBcm;

    StaffButton(int defaultBcm) {
        this.defaultBcm = defaultBcm;
    }

    /** The PiTFT's BCM GPIO line for this button. */
    public int defaultBcm() {
        return defaultBcm;
    }
}
