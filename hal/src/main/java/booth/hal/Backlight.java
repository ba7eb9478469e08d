package booth.hal;

/** The plate's RGB backlight: each colour is a combination of the three LEDs, full on or off. */
public enum Backlight {
    OFF(false, false, false),
    RED(true, false, false),
    GREEN(false, true, false),
    BLUE(false, false, true),
    YELLOW(true, true, false),
    TEAL(false, true, true),
    VIOLET(true, false, true),
    WHITE(true, true, true);

    private final boolean red;
    private final boolean green;
    private final boolean blue;

    Backlight(boolean red, boolean green, boolean blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    public boolean red() {
        return red;
    }

    public boolean green() {
        return green;
    }

    public boolean blue() {
        return blue;
    }

    /** The colour the three LEDs make together. */
    public static Backlight of(boolean red, boolean green, boolean blue) {
        for (Backlight b : values()) {
            if (b.red == red && b.green == green && b.blue == blue) {
                return b;
            }
        }
        throw new AssertionError("all eight combinations are colours");
    }
}
