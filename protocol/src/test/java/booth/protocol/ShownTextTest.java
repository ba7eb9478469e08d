package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text from outside as a terminal or the page may show it: one line per escape. */
class ShownTextTest {
    @Test
    void escapesAndControlCharactersAreGoneAndTheRestKept() {
        record Case(String raw, String shown) {
        }
        for (Case c : List.of(
                new Case("plain DC1 r1 n1 12ms", "plain DC1 r1 n1 12ms"),
                new Case("\u001b[2J\u001b[Hcleared", "cleared"),
                new Case("red \u001b[31;1mALERT\u001b[0m", "red ALERT"),
                new Case("\u001b]0;pwned title\u0007after", "after"),
                new Case("\u001b]8;;http://x\u001b\\link", "link"),
                new Case("c1 \u009b2Jcsi", "c1 csi"),
                new Case("osc \u009d0;t\u0007end", "osc end"),
                new Case("bell\u0007 nul\u0000 del\u007f", "bell nul del"),
                new Case("two\nlines\tand\rtab", "two lines and tab"),
                new Case("bidi \u202eevil\u202c ok", "bidi evil ok"),
                new Case("glyph \ue000 kept", "glyph \ue000 kept"),
                new Case("lone \ud800 surrogate", "lone  surrogate"),
                new Case("dangling escape \u001b", "dangling escape "))) {
            assertEquals(c.shown(), ShownText.of(c.raw(), 80), c.raw());
        }
    }

    @Test
    void longTextIsCutWithAnEllipsisNeverHalfACharacter() {
        assertEquals("a".repeat(79) + "…", ShownText.of("a".repeat(1_000_000), 80));
        assertEquals("a".repeat(80), ShownText.of("a".repeat(80), 80));
        assertEquals("a".repeat(78) + "…", ShownText.of("a".repeat(78) + "\ud83d\ude00" + "b", 80));
    }
}
