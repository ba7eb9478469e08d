package booth.hal;

/**
 * What an LCD plate shows a person at one moment, read back from the (virtual) chips: the two
 * rows as characters of {@link CharacterRom}, the backlight's colour, and whether the display is on.
 */
public record PlateView(String top, String bottom, Backlight backlight, boolean displayOn) {
    /** Both rows, for messages: "top|bottom". */
    public String text() {
        return top + "|" + bottom;
    }
}
