package booth.protocol.control;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.protocol.Fields;
import booth.protocol.Wire;
import booth.protocol.control.DaemonStatus.Box;
import booth.protocol.control.DaemonStatus.Cassandra;
import booth.protocol.control.DaemonStatus.Counters;
import booth.protocol.control.DaemonStatus.Events;
import booth.protocol.control.DaemonStatus.Kafka;
import booth.protocol.control.DaemonStatus.Lanes;
import booth.protocol.control.DaemonStatus.Partition;
import booth.protocol.control.DaemonStatus.Percentiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code status} object: {@code client, local_dc, write_level, read_level, read_back,
 * paused, connection, connecting_s, plate_present, uptime_s, pid, counters, latency_ms,
 * dropped_outcomes, demo, kafka_demo, kafka, last, clock, lanes}, in that order (the Kafka
 * fields, then {@code clock}, then {@code lanes} were added within version 1, after the others;
 * a status without {@code clock} reads as unknown). Milliseconds are JSON numbers of the nanoseconds / 10^6,
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
        st.put("clock", b.clock().wireName());
        Lanes l = s.lanes();
        st.putObject("lanes").put("queued", l.queued()).put("dropped_keys", l.droppedKeys())
                .put("busy_requests", l.busyRequests()).put("dropped_log_lines", l.droppedLogLines());
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
        circle.put("rejected", c.rejected());
    }

    private static void millis(ObjectNode into, String p50, String p99, Optional<Percentiles> p) {
        if (p.isPresent()) {
            into.put(p50, p.get().p50().toNanos() / 1e6).put(p99, p.get().p99().toNanos() / 1e6);
        } else {
            into.putNull(p50).putNull(p99);
        }
    }

    /** @throws IllegalArgumentException naming the first field that is missing or of the wrong type */
    static DaemonStatus decode(Fields st) {
        Box box = new Box(st.text("client"), st.text("local_dc"), st.flag("plate_present"), st.integer("uptime_s"),
                st.integer("pid"), st.optionalText("clock").map(ClockSync::ofWireName).orElse(ClockSync.UNKNOWN));
        Fields counters = st.object("counters");
        Cassandra cassandra = new Cassandra(level(st, "write_level"), level(st, "read_level"), st.flag("read_back"),
                st.text("connection").equals("connected"), st.integer("connecting_s"),
                Counters.of(kind -> counters.integer(kind.wireName()), counters.integer("skipped_ticks")),
                percentiles(st.object("latency_ms"), "p50", "p99"));
        Fields events = st.object("kafka");
        Optional<Events> counts = events.flag("enabled")
                ? Optional.of(new Events(events.integer("published"), events.integer("delivered"), events.integer("dropped"),
                        events.integer("queued")))
                : Optional.empty();
        return new DaemonStatus(box, cassandra, st.flag("paused"), st.integer("dropped_outcomes"), demo(st),
                kafka(st.object("kafka_demo")), counts, st.optionalObject("last").map(Fields::line), lanes(st));
    }

    /** A daemon from before the lanes has none: read as nothing queued or dropped. */
    private static Lanes lanes(Fields st) {
        return st.optionalObject("lanes").map(l -> new Lanes(l.integer("queued"), l.integer("dropped_keys"),
                l.integer("busy_requests"), l.integer("dropped_log_lines"))).orElse(Lanes.NONE);
    }

    private static Kafka kafka(Fields k) {
        Acks acks = Acks.parse(k.text("acks")).orElseThrow(() -> new IllegalArgumentException("kafka_demo.acks is not 0, 1 or all"));
        Optional<Partition> partition = k.optionalObject("partition").map(p -> new Partition(p.text("topic"),
                p.smallInteger("partition"), boxed(p.optionalSmallInteger("leader")), p.list("isr", Fields.Element::smallInteger),
                p.list("elr", Fields.Element::smallInteger), p.smallInteger("min_insync")));
        Fields c = k.object("circle");
        Optional<Percentiles> p = percentiles(c, "p50_ms", "p99_ms");
        CircleCounts circle = new CircleCounts(c.integer("delivered"), c.integer("late"), c.integer("lost"),
                c.integer("duplicated"), c.integer("missing"), c.integer("own_lost"), p.map(Percentiles::p50),
                p.map(Percentiles::p99), c.optionalInteger("rejected").orElse(0)); // a daemon before the field counted none
        return new Kafka(acks, k.integer("acked"), k.integer("failed"), partition, circle);
    }

    /** Both, as {@link #millis} wrote them (read back to the same nanoseconds), or neither. */
    private static Optional<Percentiles> percentiles(Fields n, String p50, String p99) {
        Optional<Duration> median = n.optionalMillis(p50);
        Optional<Duration> high = n.optionalMillis(p99);
        if (median.isPresent() != high.isPresent()) {
            throw new IllegalArgumentException(p50 + " and " + p99 + " are not both numbers or both null");
        }
        return median.map(m -> new Percentiles(m, high.get()));
    }

    private static Optional<Integer> boxed(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }

    static Level level(Fields n, String field) {
        return Level.parse(n.text(field)).orElseThrow(() -> new IllegalArgumentException(field + " is not a consistency level"));
    }

    static Demo demo(Fields n) {
        return demo(n.text("demo")).orElseThrow(() -> new IllegalArgumentException("demo is not cassandra or kafka"));
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
