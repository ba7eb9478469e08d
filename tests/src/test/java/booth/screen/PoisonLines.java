package booth.screen;

import booth.model.Acks;
import booth.model.CircleRecord;
import booth.protocol.CircleJson;
import booth.protocol.Wire;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a hostile producer on the booth network writes, each line made from a real one of the
 * booth so that only its poison sets it apart: a Kafka demo record numbered 10^12 vouching for a
 * full window, 60 kB strings, terminal escapes, a cluster view of 65 nodes, 16 clients nobody
 * knows (one of them with a view of 64 nodes nobody knows either). {@link PoisonIT} writes them and counts what each reader must refuse.
 */
final class PoisonLines {
    /** The length of the long strings: within the topics' largest message (65536 bytes), far beyond a string's cap. */
    static final int LONG = 60_000;
    /** What a terminal would obey: clear the screen, retitle the window, a C1 CSI, a bidirectional override. */
    static final String ESCAPES = "\u001b[2J\u001b]0;owned\u0007\u009b31m\u202e";
    /** Names nobody in the topology file has. */
    static final List<String> FAKE_CLIENTS = IntStream.rangeClosed(1, 16).mapToObj(i -> String.format("fake%02d", i)).toList();

    private PoisonLines() {
    }

    /** A record of {@code real}'s producer and session numbered 10^12, claiming the 256 before it acknowledged: judged, they would all be lost. */
    static String farJump(CircleRecord real) {
        BitSet all = new BitSet();
        all.set(0, CircleRecord.WINDOW);
        return CircleJson.encode(new CircleRecord(real.client(), real.session(), 1_000_000_000_000L, System.currentTimeMillis(),
                Acks.ALL, all));
    }

    /** {@code real} with a field of 60 kB. */
    static String longRecord(CircleRecord real) {
        ObjectNode n = Wire.parseObject(CircleJson.encode(real));
        n.put("pad", "x".repeat(LONG));
        return Wire.line(n);
    }

    /** {@code real} whose producer's name carries escapes. */
    static String escapedRecord(CircleRecord real) {
        return CircleJson.encode(new CircleRecord(real.client() + ESCAPES, real.session(), real.seq(), real.sentMillis(),
                real.acks(), real.acked()));
    }

    /** {@code real} as if produced by each fake client, on the real box's topic. */
    static List<String> foreignRecords(CircleRecord real) {
        return FAKE_CLIENTS.stream().map(c -> CircleJson.encode(new CircleRecord(c, real.session(), real.seq() + 1,
                real.sentMillis(), real.acks(), real.acked()))).toList();
    }

    /** The real outcome event {@code real} with its text 60 kB long. */
    static String longOutcome(String real) {
        ObjectNode n = Wire.parseObject(real);
        n.put("text", "y".repeat(LONG));
        return Wire.line(n);
    }

    /** The real outcome event {@code real} with escapes in its text and its LCD's rows. */
    static String escapedOutcome(String real) {
        ObjectNode n = Wire.parseObject(real);
        n.put("text", ESCAPES + "all is well");
        ArrayNode screen = n.putArray("screen");
        screen.add(ESCAPES + "acks=all").add("\u001b[1A\u001b[2K");
        return Wire.line(n);
    }

    /** The real outcome event {@code real} as each fake client's. */
    static List<String> fakeClientOutcomes(String real) {
        List<String> out = new ArrayList<>();
        for (String c : FAKE_CLIENTS) {
            ObjectNode n = Wire.parseObject(real);
            n.put("client", c);
            out.add(Wire.line(n));
        }
        return out;
    }

    /** A cluster view of {@code client} naming {@code count} nodes, none of them the booth's (65: one past the cap). */
    static String view(String client, int count) {
        ObjectNode n = Wire.versioned().put("type", "cluster").put("client", client).put("time", Instant.now().toString())
                .put("local_dc", "DC1");
        ArrayNode nodes = n.putArray("nodes");
        for (int i = 1; i <= count; i++) {
            nodes.addObject().put("dc", "DC9").put("rack", "r" + (i % 3 + 1)).put("address", "127.0.9." + i)
                    .put("name", "fake" + i).put("state", "up").put("open_connections", 1);
        }
        return Wire.line(n);
    }
}
