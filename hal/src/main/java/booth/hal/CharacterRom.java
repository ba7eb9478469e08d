package booth.hal;

import java.util.HashMap;
import java.util.Map;

/**
 * The HD44780U's character generator ROM, code A00 (the one on Adafruit's plates): which
 * character each code shows. ASCII 0x20-0x7D is itself except 0x5C, which is a yen sign;
 * codes 0-7 (and their mirrors 8-15) are the eight custom glyphs in CGRAM.
 */
public final class CharacterRom {
    /** Stand-in for a custom glyph: U+E000 + slot, in the Unicode private use area. */
    public static final char GLYPH_BASE = '\uE000';

    private static final Map<Integer, Character> EXTRA = Map.ofEntries(
            Map.entry(0x5C, '¥'), Map.entry(0x7E, '→'), Map.entry(0x7F, '←'),
            Map.entry(0xA5, '·'), Map.entry(0xDF, '°'), Map.entry(0xE0, 'α'), Map.entry(0xE2, 'β'),
            Map.entry(0xE4, 'µ'), Map.entry(0xF4, 'Ω'), Map.entry(0xF6, 'Σ'), Map.entry(0xF7, 'π'),
            Map.entry(0xFF, '█'));
    private static final Map<Character, Integer> CODES = new HashMap<>();

    static {
        for (int c = 0x20; c <= 0x7D; c++) {
            if (c != 0x5C) {
                CODES.put((char) c, c);
            }
        }
        EXTRA.forEach((code, ch) -> CODES.put(ch, code));
        for (int slot = 0; slot < 8; slot++) {
            CODES.put((char) (GLYPH_BASE + slot), slot);
        }
    }

    private CharacterRom() {
    }

    /** What a person sees for {@code code}: a glyph stand-in for 0-15, '?' where the ROM has no Unicode equivalent here. */
    public static char toUnicode(int code) {
        if (code < 16) {
            return (char) (GLYPH_BASE + (code & 7));
        }
        if (code >= 0x20 && code <= 0x7D && code != 0x5C) {
            return (char) code;
        }
        return EXTRA.getOrDefault(code, code < 0x20 ? ' ' : '?');
    }

    /** The code that shows {@code ch}, or -1 when the ROM has no such character. */
    public static int toCode(char ch) {
        return CODES.getOrDefault(ch, -1);
    }

    /** The stand-in character for custom glyph {@code slot} (0-7). */
    public static char glyph(int slot) {
        if (slot < 0 || slot > 7) {
            throw new IllegalArgumentException("glyph slot must be 0-7: " + slot);
        }
        return (char) (GLYPH_BASE + slot);
    }
}
