package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.model.ClusterNode;
import booth.model.ClusterView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The caps on a line from outside, one line per poison: each refused with its kind and the
 * field named, before any of it is decoded; the booth's own lines at their largest pass.
 */
class OutsideLineTest {
    private static final Instant AT = Instant.parse("2026-11-21T07:24:44Z");

    private static List<ClusterNode> nodes(int n) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new ClusterNode("DC" + (i % 3), "r" + (i % 4), "127.0." + (i / 200) + "." + (i % 200 + 1),
                    "rpidc1r1n" + i, "up", 1, false));
        }
        return nodes;
    }

    private static String cluster(int n) {
        return Wire.line(ClusterJson.of("rpiclient1", AT, new ClusterView("DC1", nodes(n), Map.of("DC1", 3, "DC2", 3), false)));
    }

    @Test
    void eachPoisonIsRefusedWithItsKindAndTheFieldNamed() {
        String line = cluster(2);
        record Case(String line, Rejection kind, String message) {
        }
        for (Case c : List.of(
                new Case(cluster(65), Rejection.TOO_LARGE, "nodes has more than 64 elements"),
                new Case(line.replace("\"DC1\",\"nodes\"", "\"" + "x".repeat(4097) + "\",\"nodes\""), Rejection.TOO_LARGE,
                        "local_dc is longer than 4096 characters"),
                new Case(line.replace("rpiclient1", "rpi\\u001b[2Jclient1"), Rejection.CONTROL_CHARACTERS,
                        "client holds a control character"),
                new Case(line.replace("rpidc1r1n0", "n\\u009b31m0"), Rejection.CONTROL_CHARACTERS,
                        "nodes[0].name holds a control character"),
                new Case(line.replace("rpidc1r1n0", "n\\u202e0"), Rejection.CONTROL_CHARACTERS,
                        "nodes[0].name holds a control character"),
                new Case(line.replace("{\"v\":1,", "{\"v\":1,\"a\\u0007\":1,"), Rejection.CONTROL_CHARACTERS,
                        "a field name of the line holds a control character"),
                new Case(line.replace("{\"v\":1,", "{\"v\":1,\"deep\":" + "[".repeat(9) + "]".repeat(9) + ","),
                        Rejection.TOO_LARGE, "deep[0][0][0][0][0][0][0][0] is nested deeper than 8"),
                new Case("{\"v\":1,\"s\":\"" + "z".repeat(OutsideLine.LINE) + "\"}", Rejection.TOO_LARGE,
                        "the line is longer than 65536 characters"),
                new Case("{\"v\":1,\"type\":", Rejection.MALFORMED, null))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoothEvent.decode(c.line()));
            assertEquals(c.kind(), Rejection.of(e), c.message());
            if (c.message() != null) {
                assertEquals(c.message(), e.getMessage());
            }
        }
    }

    @Test
    void theBoothsOwnLinesAtTheirLargestPass() {
        assertEquals(64, ((ClusterEvent) BoothEvent.decode(cluster(64))).nodes().size());
        String withBreaks = cluster(1).replace("\"DC1\",\"nodes\"", "\"a DC\\nwith a line break\\tand a tab\",\"nodes\"");
        assertEquals("a DC\nwith a line break\tand a tab", ((ClusterEvent) BoothEvent.decode(withBreaks)).localDc(),
                "an exception's message may hold line breaks and tabs: they are shown as spaces, not refused");
    }
}
