package booth.protocol;

import java.util.List;

/**
 * What the LCD showed with a line: its two rows and its backlight colour's name, as the wire
 * writes them ({@code "screen": [top, bottom], "backlight": "GREEN"}).
 */
public record LcdShown(String top, String bottom, String backlight) {
    public List<String> rows() {
        return List.of(top, bottom);
    }
}
