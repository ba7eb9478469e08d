package booth.screen;

import booth.hal.Backlight;
import booth.model.ClusterNode;
import booth.protocol.BoothEvent;
import booth.protocol.ClusterEvent;
import booth.protocol.OutcomeEvent;
import booth.protocol.OutcomeJson;
import booth.protocol.OutcomeLine;
import java.util.Arrays;

/**
 * What the page can draw, beyond what the protocol's decoder checks: a client name fit for the
 * page, rows no longer than the plate's, one of the plate's colours, a kind's name, short
 * names, a bounded number of nodes. An event the page cannot draw is malformed for the screen,
 * counted and dropped whole like one that does not decode.
 */
final class Drawable {
    private static final String CLIENT_NAME = "[A-Za-z0-9_-]{1,32}";
    private static final String KIND = "[a-z_]{1,32}";
    static final int ROW = 16;
    /** The longest name (a DC, a rack, an address, a node's name, a state) the page takes. */
    static final int NAME = 64;

    private Drawable() {
    }

    /** @throws IllegalArgumentException saying what the page cannot draw */
    static void check(BoothEvent e) {
        if (!e.client().matches(CLIENT_NAME)) {
            throw new IllegalArgumentException("client is not a name such as rpiclient1");
        }
        if (e instanceof OutcomeEvent o) {
            outcome(o.outcome());
        } else if (e instanceof ClusterEvent c) {
            if (c.nodes().size() > BoothScreen.NODES) {
                throw new IllegalArgumentException("nodes has more than " + BoothScreen.NODES);
            }
            name("local_dc", c.localDc());
            for (ClusterNode n : c.nodes()) {
                name("dc", n.dc());
                name("rack", n.rack());
                name("address", n.address());
                name("state", n.state());
                if (n.name() != null) {
                    name("name", n.name());
                }
            }
        }
    }

    private static void outcome(OutcomeLine o) {
        if (o.shown().top().length() > ROW || o.shown().bottom().length() > ROW) {
            throw new IllegalArgumentException("screen has a row longer than the plate's " + ROW + " characters");
        }
        if (Arrays.stream(Backlight.values()).noneMatch(b -> b.name().equals(o.shown().backlight()))) {
            throw new IllegalArgumentException("backlight is not one of the plate's colours");
        }
        if (!o.kind().matches(KIND)) {
            throw new IllegalArgumentException("kind is not a kind's name");
        }
        if (o instanceof OutcomeJson.WriteLine w && w.coordinator().isPresent()) {
            name("coordinator.address", w.coordinator().get().address());
        }
    }

    private static void name(String field, String value) {
        if (value.isEmpty() || value.length() > NAME) {
            throw new IllegalArgumentException(field + " is empty or longer than " + NAME + " characters");
        }
    }
}
