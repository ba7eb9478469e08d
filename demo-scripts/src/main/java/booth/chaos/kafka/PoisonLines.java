package booth.chaos.kafka;

import booth.model.Acks;
import booth.model.CircleRecord;
import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.protocol.CircleJson;
import booth.protocol.Rejection;
import booth.protocol.ClusterJson;
import booth.protocol.Wire;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a hostile producer on the booth network writes, each line made from a real one of the
 * booth so that only its poison sets it apart: a Kafka demo record numbered 10^12 vouching for a
 * full window, 60 kB strings, terminal escapes, a cluster view of 65 nodes, 16 clients nobody
 * knows (one of them with a view of 64 nodes nobody knows either). PoisonIT (tests) writes them and counts what each reader must refuse.
 */
public final class PoisonLines {
    /** The length of the long strings: within the topics' largest message (65536 bytes), far beyond a string's cap. */
    public static final int LONG = 60_000;
    /** What a terminal would obey: clear the screen, retitle the window, a C1 CSI, a bidirectional override. */
    public static final String ESCAPES = "\u001b[2J\u001b]0;owned\u0007\u009b31m\u202e";
    /** Names nobody in the topology file has. */
    public static final List<String> FAKE_CLIENTS = IntStream.rangeClosed(1, 16).mapToObj(i -> String.format("fake%02d", i)).toList();

    /**
     * What a booth screen pinned to the topology must refuse of the {@link #events} poison, by
     * kind: the 60 kB outcome and the view of 65 nodes are too large, the escaped outcome carries
     * control characters, and the 16 fake clients' outcomes and the fake's view name clients the
     * topology does not: 20 in all.
     */
    public static final Map<Rejection, Long> EVENTS_REFUSED = Map.of(Rejection.TOO_LARGE, 2L,
            Rejection.CONTROL_CHARACTERS, 1L, Rejection.UNKNOWN_CLIENT, FAKE_CLIENTS.size() + 1L);

    /** One line of the events poison: for the outcome topic or the cluster topic, with its key. */
    public record EventLine(boolean outcome, String key, String value) {
    }

    private PoisonLines() {
    }

    /**
     * The events poison made from {@code client}'s real outcome event {@code real}: its outcome
     * 60 kB long and with escapes, as each fake client's, and cluster views of 65 nodes keyed by
     * {@code client} and of 64 keyed by a fake client.
     */
    public static List<EventLine> events(String client, String real) {
        List<EventLine> out = new ArrayList<>();
        out.add(new EventLine(true, client, longOutcome(real)));
        out.add(new EventLine(true, client, escapedOutcome(real)));
        fakeClientOutcomes(real).forEach(v -> out.add(new EventLine(true, client, v)));
        String fake = FAKE_CLIENTS.get(0);
        out.add(new EventLine(false, client, view(client, 65)));
        out.add(new EventLine(false, fake, view(fake, 64)));
        return out;
    }

    /** A record of {@code real}'s producer and session numbered 10^12, claiming the 256 before it acknowledged: judged, they would all be lost. */
    public static String farJump(CircleRecord real) {
        BitSet all = new BitSet();
        all.set(0, CircleRecord.WINDOW);
        return CircleJson.encode(new CircleRecord(real.client(), real.session(), 1_000_000_000_000L, System.currentTimeMillis(),
                Acks.ALL, all));
    }

    /** {@code real} with a field of 60 kB. */
    public static String longRecord(CircleRecord real) {
        ObjectNode n = Wire.parseObject(CircleJson.encode(real));
        n.put("pad", "x".repeat(LONG));
        return Wire.line(n);
    }

    /** {@code real} whose producer's name carries escapes. */
    public static String escapedRecord(CircleRecord real) {
        return CircleJson.encode(new CircleRecord(real.client() + ESCAPES, real.session(), real.seq(), real.sentMillis(),
                real.acks(), real.acked()));
    }

    /** {@code real} as if produced by each fake client, on the real box's topic. */
    public static List<String> foreignRecords(CircleRecord real) {
        return FAKE_CLIENTS.stream().map(c -> CircleJson.encode(new CircleRecord(c, real.session(), real.seq() + 1,
                real.sentMillis(), real.acks(), real.acked()))).toList();
    }

    /** The real outcome event {@code real} with its text 60 kB long. */
    public static String longOutcome(String real) {
        ObjectNode n = Wire.parseObject(real);
        n.put("text", "y".repeat(LONG));
        return Wire.line(n);
    }

    /** The real outcome event {@code real} with escapes in its text and its LCD's rows. */
    public static String escapedOutcome(String real) {
        ObjectNode n = Wire.parseObject(real);
        n.put("text", ESCAPES + "all is well");
        ArrayNode screen = n.putArray("screen");
        screen.add(ESCAPES + "acks=all").add("\u001b[1A\u001b[2K");
        return Wire.line(n);
    }

    /** The real outcome event {@code real} as each fake client's. */
    public static List<String> fakeClientOutcomes(String real) {
        List<String> out = new ArrayList<>();
        for (String c : FAKE_CLIENTS) {
            ObjectNode n = Wire.parseObject(real);
            n.put("client", c);
            out.add(Wire.line(n));
        }
        return out;
    }

    /** A cluster view of {@code client} naming {@code count} nodes, none of them the booth's (65: one past the cap). */
    public static String view(String client, int count) {
        List<ClusterNode> nodes = IntStream.rangeClosed(1, count)
                .mapToObj(i -> new ClusterNode("DC9", "r" + (i % 3 + 1), "127.0.9." + i, "fake" + i, "up", 1, false)).toList();
        return Wire.line(ClusterJson.of(client, Instant.now(), new ClusterView("DC1", nodes, Map.of("DC1", 3, "DC2", 3), false)));
    }
}
