package booth.hal;

import java.util.Arrays;

/**
 * A custom 5x8 character: eight rows, top first, each the low five bits (bit 4 is the leftmost dot).
 */
public final class Glyph {
    private final int[] rows;

    private Glyph(int[] rows) {
        this.rows = rows;
    }

    /** A glyph from eight rows of five dots each. */
    public static Glyph of(int... rows) {
        if (rows.length != 8) {
            throw new IllegalArgumentException("a glyph has 8 rows, got " + rows.length);
        }
        for (int r : rows) {
            if (r < 0 || r > 0x1F) {
                throw new IllegalArgumentException(String.format("a glyph row has 5 dots (0x00-0x1f), got 0x%x", r));
            }
        }
        return new Glyph(rows.clone());
    }

    /**
     * A glyph drawn as eight strings of five characters, '#' for a dot and '.' for none:
     * the readable form for glyph tables.
     */
    public static Glyph parse(String... picture) {
        int[] rows = new int[picture.length];
        for (int i = 0; i < picture.length; i++) {
            if (!picture[i].matches("[#.]{5}")) {
                throw new IllegalArgumentException("glyph row must be 5 of '#' or '.': '" + picture[i] + "'");
            }
            for (char c : picture[i].toCharArray()) {
                rows[i] = rows[i] << 1 | (c == '#' ? 1 : 0);
            }
        }
        return of(rows);
    }

    public int row(int i) {
        return rows[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glyph g && Arrays.equals(rows, g.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rows);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Glyph[");
        for (int r : rows) {
            for (int bit = 4; bit >= 0; bit--) {
                b.append((r >> bit & 1) == 1 ? '#' : '.');
            }
            b.append(' ');
        }
        return b.append(']').toString();
    }
}
