package booth.protocol.control;

import static booth.protocol.JsonFields.bool;
import static booth.protocol.JsonFields.integer;
import static booth.protocol.JsonFields.object;
import static booth.protocol.JsonFields.optionalNumber;
import static booth.protocol.JsonFields.optionalObject;
import static booth.protocol.JsonFields.optionalSmallInteger;
import static booth.protocol.JsonFields.smallInteger;
import static booth.protocol.JsonFields.smallIntegers;
import static booth.protocol.JsonFields.text;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.protocol.Wire;
import booth.protocol.control.DaemonStatus.Box;
import booth.protocol.control.DaemonStatus.Cassandra;
import booth.protocol.control.DaemonStatus.Counters;
import booth.protocol.control.DaemonStatus.Events;
import booth.protocol.control.DaemonStatus.Kafka;
import booth.protocol.control.DaemonStatus.Partition;
import booth.protocol.control.DaemonStatus.Percentiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code status} object: {@code client, local_dc, write_level, read_level, read_back,
 * paused, connection, connecting_s, plate_present, uptime_s, pid, counters, latency_ms,
 * dropped_outcomes, demo, kafka_demo, kafka, last}, in that order (the Kafka fields were added
 * within version 1, after the others). Milliseconds are JSON numbers of the nanoseconds / 10^6,
 * which read back to the same nanoseconds.
 */
final class StatusJson {
    private StatusJson() {
    }

    static ObjectNode encode(DaemonStatus s) {
        Box b = s.box();
        Cassandra c = s.cassandra();
        ObjectNode st = Wire.object();
        st.put("client", b.client()).put("local_dc", b.localDc())
                .put("write_level", c.writeLevel().name()).put("read_level", c.readLevel().name())
                .put("read_back", c.readBack()).put("paused", s.paused())
                .put("connection", c.connected() ? "connected" : "connecting")
                .put("connecting_s", c.connectingS()).put("plate_present", b.platePresent())
                .put("uptime_s", b.uptimeS()).put("pid", b.pid());
        ObjectNode counters = st.putObject("counters");
        for (OutcomeKind kind : OutcomeKind.values()) {
            counters.put(kind.wireName(), c.counters().count(kind));
        }
        counters.put("skipped_ticks", c.counters().skippedTicks());
        millis(st.putObject("latency_ms"), "p50", "p99", c.latency());
        st.put("dropped_outcomes", s.droppedOutcomes());
        st.put("demo", wireName(s.demo()));
        kafka(st.putObject("kafka_demo"), s.kafka());
        ObjectNode events = st.putObject("kafka").put("enabled", s.events().isPresent());
        s.events().ifPresent(e -> events.put("published", e.published()).put("delivered", e.delivered())
                .put("dropped", e.dropped()).put("queued", e.queued()));
        if (s.last().isPresent()) {
            st.set("last", Wire.parseObject(s.last().get()));
        } else {
            st.putNull("last");
        }
        return st;
    }

    private static void kafka(ObjectNode k, Kafka s) {
        k.put("acks", s.acks().wireName()).put("acked", s.acked()).put("failed", s.failed());
        if (s.partition().isPresent()) {
            Partition v = s.partition().get();
            ObjectNode p = k.putObject("partition").put("topic", v.topic()).put("partition", v.partition());
            p.put("leader", v.leader().orElse(null));
            v.isr().forEach(p.putArray("isr")::add);
            v.elr().forEach(p.putArray("elr")::add);
            p.put("min_insync", v.minInsync());
        } else {
            k.putNull("partition");
        }
        CircleCounts c = s.circle();
        ObjectNode circle = k.putObject("circle").put("delivered", c.delivered()).put("late", c.late())
                .put("lost", c.lost()).put("duplicated", c.duplicated()).put("missing", c.missing())
                .put("own_lost", c.ownLost());
        millis(circle, "p50_ms", "p99_ms", c.p50().map(p50 -> new Percentiles(p50, c.p99().orElseThrow())));
    }

    private static void millis(ObjectNode into, String p50, String p99, Optional<Percentiles> p) {
        if (p.isPresent()) {
            into.put(p50, p.get().p50().toNanos() / 1e6).put(p99, p.get().p99().toNanos() / 1e6);
        } else {
            into.putNull(p50).putNull(p99);
        }
    }

    /** @throws IllegalArgumentException naming the first field that is missing or of the wrong type */
    static DaemonStatus decode(JsonNode st) {
        Box box = new Box(text(st, "client"), text(st, "local_dc"), bool(st, "plate_present"), integer(st, "uptime_s"),
                integer(st, "pid"));
        JsonNode counters = object(st, "counters");
        Cassandra cassandra = new Cassandra(level(st, "write_level"), level(st, "read_level"), bool(st, "read_back"),
                text(st, "connection").equals("connected"), integer(st, "connecting_s"),
                Counters.of(kind -> integer(counters, kind.wireName()), integer(counters, "skipped_ticks")),
                percentiles(object(st, "latency_ms"), "p50", "p99"));
        JsonNode events = object(st, "kafka");
        Optional<Events> counts = bool(events, "enabled")
                ? Optional.of(new Events(integer(events, "published"), integer(events, "delivered"),
                        integer(events, "dropped"), integer(events, "queued")))
                : Optional.empty();
        return new DaemonStatus(box, cassandra, bool(st, "paused"), integer(st, "dropped_outcomes"),
                demo(st), kafka(object(st, "kafka_demo")), counts,
                optionalObject(st, "last").map(Wire::line).map(String::strip));
    }

    private static Kafka kafka(JsonNode k) {
        Acks acks = Acks.parse(text(k, "acks")).orElseThrow(() -> new IllegalArgumentException("unknown acks " + k.get("acks")));
        Optional<Partition> partition = optionalObject(k, "partition").map(p -> new Partition(text(p, "topic"),
                smallInteger(p, "partition"), optionalSmallInteger(p, "leader"), smallIntegers(p, "isr"),
                smallIntegers(p, "elr"), smallInteger(p, "min_insync")));
        JsonNode c = object(k, "circle");
        Optional<Percentiles> p = percentiles(c, "p50_ms", "p99_ms");
        CircleCounts circle = new CircleCounts(integer(c, "delivered"), integer(c, "late"), integer(c, "lost"),
                integer(c, "duplicated"), integer(c, "missing"), integer(c, "own_lost"), p.map(Percentiles::p50),
                p.map(Percentiles::p99));
        return new Kafka(acks, integer(k, "acked"), integer(k, "failed"), partition, circle);
    }

    private static Optional<Percentiles> percentiles(JsonNode n, String p50, String p99) {
        Optional<Double> median = optionalNumber(n, p50);
        Optional<Double> high = optionalNumber(n, p99);
        if (median.isPresent() != high.isPresent()) {
            throw new IllegalArgumentException("\"" + p50 + "\" and \"" + p99 + "\" must both be numbers or both null");
        }
        return median.map(m -> new Percentiles(nanos(m), nanos(high.get())));
    }

    /** Back from the milliseconds {@link #millis} wrote: the same nanoseconds. */
    private static Duration nanos(double millis) {
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    static Demo demo(JsonNode n) {
        return demo(text(n, "demo")).orElseThrow(() -> new IllegalArgumentException("unknown demo " + n.get("demo")));
    }

    static Level level(JsonNode n, String field) {
        return Level.parse(text(n, field)).orElseThrow(() -> new IllegalArgumentException("unknown level " + n.get(field)));
    }

    /** The demo named {@code name}, any case, or empty. */
    static Optional<Demo> demo(String name) {
        for (Demo d : Demo.values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** {@code cassandra} or {@code kafka}: a demo's name on the wire. */
    static String wireName(Demo d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
