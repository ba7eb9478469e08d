package booth.hal;

/** Keys of a computer's keyboard that stand for the booth's buttons in laptop mode. */
public enum TypedKey {
    UP(KeypadButton.UP), DOWN(KeypadButton.DOWN), LEFT(KeypadButton.LEFT), RIGHT(KeypadButton.RIGHT),
    ENTER(KeypadButton.SELECT),
    DIGIT_1(StaffButton.POWER_OFF), DIGIT_2(StaffButton.REBOOT), DIGIT_3(StaffButton.RESTART_DISPLAY),
    DIGIT_4(StaffButton.RESET_DEMO);

    private final Key button;

    TypedKey(Key button) {
        this.button = button;
    }

    /** The button this key stands for. */
    public Key button() {
        return button;
    }
}
