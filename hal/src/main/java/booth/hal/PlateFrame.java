package booth.hal;

import booth.hal.Backlight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the plate shows at one moment: two rows of exactly 16 characters, the backlight
 * colour, and the custom glyphs the rows may use. Characters are those of the LCD's ROM
 * ({@link CharacterRom}); {@link CharacterRom#glyph(int)} stands for custom glyph n.
 *
 * @param glyphs custom glyphs by slot (index 0-7); a null entry leaves that slot as it is
 */
public record PlateFrame(String top, String bottom, Backlight backlight, List<Glyph> glyphs) {
    /** Characters a row: the plate's LCD is a 16x2 HD44780 module. */
    public static final int COLUMNS = 16;

    public static final PlateFrame BLANK = of(" ".repeat(16), " ".repeat(16), Backlight.OFF);

    public PlateFrame {
        check(top, "top");
        check(bottom, "bottom");
        if (glyphs.size() > 8) {
            throw new IllegalArgumentException("the LCD has 8 glyph slots, got " + glyphs.size());
        }
        glyphs = Collections.unmodifiableList(new ArrayList<>(glyphs));
    }

    /** A frame with no custom glyphs. */
    public static PlateFrame of(String top, String bottom, Backlight backlight) {
        return new PlateFrame(top, bottom, backlight, List.of());
    }

    public String row(int r) {
        return r == 0 ? top : bottom;
    }

    private static void check(String row, String which) {
        if (row.length() != COLUMNS) {
            throw new IllegalArgumentException(which + " row must be exactly 16 characters, got "
                    + row.length() + ": '" + row + "'");
        }
        for (char c : row.toCharArray()) {
            if (CharacterRom.toCode(c) < 0) {
                throw new IllegalArgumentException(which + " row has '" + c + "' (U+"
                        + String.format("%04X", (int) c) + "), which the LCD cannot show: '" + row + "'");
            }
        }
    }
}
