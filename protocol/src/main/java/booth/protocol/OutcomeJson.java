package booth.protocol;

import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A write outcome as the outcome stream, {@code democtl tail}, {@code status.last} and the
 * Kafka topic carry it (schema version 1, fields only ever added):
 * {@code v, seq, time, write_level, read_level, kind, latency_ms, coordinator} (null or
 * {@code {dc, rack, address, name}}), {@code error} (null or the failure's numbers),
 * {@code read_back} ({@code kind}, {@code found_seq} when stale, {@code error} when failed),
 * {@code screen} ([top, bottom] as the LCD showed them), {@code backlight}, {@code text} (added:
 * the outcome in one line as the screen says it without alternating, kind's numbers and
 * coordinator together).
 */
public final class OutcomeJson {
    private OutcomeJson() {
    }

    /** An outcome serialized once: its line, and the event line for other consumers when asked. */
    public static final class Encoded {
        private final ObjectNode tree;
        private final String line;

        Encoded(ObjectNode tree) {
            this.tree = tree;
            this.line = Wire.line(tree);
        }

        /** The outcome stream's line, newline included. */
        public String line() {
            return line;
        }

        /** The event's line for {@code client}, newline included (see {@link #event}). */
        public String eventLine(String client) {
            return Wire.line(event(client, tree));
        }
    }

    /** The outcome with what the LCD showed for it and its one-line text, serialized. */
    public static Encoded encode(WriteOutcome o, LcdShown frame, String text) {
        return new Encoded(of(o, frame, text));
    }

    /** The outcome with what the LCD showed for it. */
    private static ObjectNode of(WriteOutcome o, LcdShown frame, String text) {
        ObjectNode n = Wire.versioned();
        fill(n, o, frame);
        n.put("text", text);
        return n;
    }

    /**
     * The outcome made by {@link #of} as an event for other consumers: the same fields, with its
     * type and the client's name after {@code v}.
     */
    static ObjectNode event(String client, ObjectNode outcome) {
        // v is put again by setAll and keeps its place, first
        return Wire.versioned().put("type", "outcome").put("client", client).setAll(outcome);
    }

    private static void fill(ObjectNode n, WriteOutcome o, LcdShown frame) {
        n.put("seq", o.seq())
                .put("time", o.at().toString())
                .put("write_level", o.writeLevel().name())
                .put("read_level", o.readLevel().name())
                .put("kind", o.kind().wireName())
                .put("latency_ms", millis(o.latency().toNanos()));
        if (o.coordinator().isPresent()) {
            Coordinator c = o.coordinator().get();
            n.putObject("coordinator").put("dc", c.dc()).put("rack", c.rack()).put("address", c.address())
                    .put("name", c.name());
        } else {
            n.putNull("coordinator");
        }
        if (o.failure().isPresent()) {
            error(n.putObject("error"), o.failure().get());
        } else {
            n.putNull("error");
        }
        ObjectNode r = n.putObject("read_back").put("kind", o.readBack().kind());
        if (o.readBack() instanceof ReadBack.Stale s) {
            r.put("found_seq", s.foundSeq());
        } else if (o.readBack() instanceof ReadBack.Failed f) {
            error(r.putObject("error"), f.failure());
        }
        n.putArray("screen").add(frame.top()).add(frame.bottom());
        n.put("backlight", frame.backlight());
    }

    /** Milliseconds with three decimals, as written since version 1 ({@code 3.100}). */
    static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
    }

    private static void error(ObjectNode e, Failure f) {
        e.put("kind", f.kind().wireName());
        if (f instanceof Failure.Unavailable u) {
            // alive_known false: Cassandra's alive is not a count (EACH_QUORUM in 5.0 reports 0);
            // the raw numbers are kept as they came
            e.put("level", u.level().name()).put("required", u.required()).put("alive", u.alive())
                    .put("alive_known", u.aliveKnown());
        } else if (f instanceof Failure.WriteTimeout w) {
            e.put("level", w.level().name()).put("received", w.received()).put("block_for", w.blockFor())
                    .put("write_type", w.writeType());
        } else if (f instanceof Failure.ReadTimeout r) {
            e.put("level", r.level().name()).put("received", r.received()).put("block_for", r.blockFor())
                    .put("data_present", r.dataPresent());
        } else if (f instanceof Failure.ClientTimeout c) {
            e.put("after_ms", c.after().toMillis());
        } else if (f instanceof Failure.ConnectionLost c) {
            e.put("cause", c.cause());
        } else if (f instanceof Failure.Overloaded o) {
            e.put("message", o.message());
        } else if (f instanceof Failure.Other o) {
            e.put("class", o.className()).put("message", o.message());
        }
    }
}
