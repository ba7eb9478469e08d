package booth.protocol;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceKind;
import booth.model.ProduceOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Kafka demo record's outcome as the outcome stream, {@code democtl tail}, {@code status.last}
 * and the events topic carry it: the same schema version 1 as a write's ({@link OutcomeJson}),
 * told apart by {@code demo: "kafka"} (a write's line has no {@code demo}; readers that do not
 * know the field skip these lines by their {@code kind}). Fields: {@code v, demo, seq, time,
 * acks, kind} ({@code acked}, {@code sent}, {@code not_enough_replicas}, {@code timeout},
 * {@code no_leader}, {@code other}), {@code latency_ms, topic, partition, offset} (null when
 * unknown), {@code leader} (broker id or null), {@code error} (null or {@code {kind, ...}}),
 * {@code isr} (null or {@code {leader, isr, elr, min_insync}} as last described),
 * {@code circle} ({@code delivered, late, lost, duplicated, missing, own_lost, p50_ms, p99_ms, rejected}),
 * {@code screen, backlight, text}. Written by {@link #encode}, read by {@link #decode}.
 */
public final class ProduceJson {
    /** The value of {@code demo} that marks a Kafka demo record's line. */
    static final String DEMO = "kafka";

    private ProduceJson() {
    }

    /**
     * A Kafka demo record's outcome as its line reports it. Kinds are wire names, a newer
     * daemon's included.
     *
     * @param offset where the leader put it, when known
     * @param leader the broker it was sent to, when known
     * @param isr    the partition as last described, before the first description empty
     * @param text   the outcome in one line; from a daemon older than the field, the LCD's second row
     */
    public record RecordLine(long seq, Instant at, Acks acks, String kind, Duration latency, String topic, int partition,
                             OptionalLong offset, Optional<Integer> leader, Optional<ErrorFields> error, Optional<Isr> isr,
                             CircleCounts circle, LcdShown shown, String text) implements OutcomeLine {
        /** The producer's acks as tail and the booth screen name it where a write has its level: {@code acks=all}. */
        @Override
        public String level() {
            return "acks=" + acks.wireName();
        }

        /** Acknowledged, or sent at acks=0. */
        @Override
        public boolean succeeded() {
            return kind.equals(ProduceKind.ACKED.wireName()) || kind.equals(ProduceKind.SENT.wireName());
        }
    }

    /** A record's {@code error}: its kind and the fields of the schema's table, each empty unless the kind carries it. */
    public record ErrorFields(String kind, Optional<Boolean> afterAppend, OptionalLong afterMs, Optional<String> className,
                              Optional<String> message) {
        /** What the line says of {@code f}. */
        public static ErrorFields of(ProduceFailure f) {
            String kind = f.kind().wireName();
            if (f instanceof ProduceFailure.NotEnoughReplicas r) {
                return new ErrorFields(kind, Optional.of(r.afterAppend()), OptionalLong.empty(), Optional.empty(), Optional.empty());
            } else if (f instanceof ProduceFailure.Timeout t) {
                return new ErrorFields(kind, Optional.empty(), OptionalLong.of(t.after().toMillis()), Optional.empty(),
                        Optional.of(t.message()));
            } else if (f instanceof ProduceFailure.NoLeader l) {
                return new ErrorFields(kind, Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.of(l.message()));
            } else if (f instanceof ProduceFailure.Other o) {
                return new ErrorFields(kind, Optional.empty(), OptionalLong.empty(), Optional.of(o.className()),
                        Optional.of(o.message()));
            }
            throw new IllegalStateException("no fields for the new kind of failure " + f);
        }
    }

    /**
     * The partition as the {@code isr} object describes it (a {@link PartitionView} without what
     * the line does not carry).
     *
     * @param leader the leader's broker id; empty without a leader
     */
    public record Isr(Optional<Integer> leader, List<Integer> isr, List<Integer> elr, int minInsync) {
        public Isr {
            isr = List.copyOf(isr);
            elr = List.copyOf(elr);
        }

        /** What the line says of {@code v}. */
        public static Isr of(PartitionView v) {
            return new Isr(v.leader(), v.isr(), v.elr(), v.minInsync());
        }
    }

    public static OutcomeJson.Encoded encode(ProduceOutcome o, Optional<PartitionView> view, CircleCounts circle,
                                             LcdShown frame, String text) {
        ObjectNode n = Wire.versioned().put("demo", DEMO)
                .put("seq", o.seq())
                .put("time", o.at().toString())
                .put("acks", o.acks().wireName())
                .put("kind", o.kind().wireName())
                .put("latency_ms", OutcomeJson.millis(o.latency().toNanos()))
                .put("topic", o.topic())
                .put("partition", o.partition());
        if (o.offset() >= 0) {
            n.put("offset", o.offset());
        } else {
            n.putNull("offset");
        }
        if (o.leader().isPresent()) {
            n.put("leader", o.leader().get());
        } else {
            n.putNull("leader");
        }
        if (o.failure().isPresent()) {
            error(n.putObject("error"), ErrorFields.of(o.failure().get()));
        } else {
            n.putNull("error");
        }
        if (view.isPresent()) {
            Isr v = Isr.of(view.get());
            ObjectNode i = n.putObject("isr");
            if (v.leader().isPresent()) {
                i.put("leader", v.leader().get());
            } else {
                i.putNull("leader");
            }
            ids(i, "isr", v.isr());
            ids(i, "elr", v.elr());
            i.put("min_insync", v.minInsync());
        } else {
            n.putNull("isr");
        }
        ObjectNode c = n.putObject("circle").put("delivered", circle.delivered()).put("late", circle.late())
                .put("lost", circle.lost()).put("duplicated", circle.duplicated()).put("missing", circle.missing())
                .put("own_lost", circle.ownLost());
        millis(c, "p50_ms", circle.p50());
        millis(c, "p99_ms", circle.p99());
        c.put("rejected", circle.rejected());
        n.putArray("screen").add(frame.top()).add(frame.bottom());
        n.put("backlight", frame.backlight());
        n.put("text", text);
        return new OutcomeJson.Encoded(n);
    }

    /**
     * Reads a Kafka demo record's line (an outcome event's too: its type and client are not
     * looked at).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed, or saying
     *                                  that the line is not a Kafka demo record's
     */
    public static RecordLine decode(String line) {
        Fields f = Fields.of(line).versioned();
        if (!f.optionalText("demo").orElse("").equals(DEMO)) {
            throw new IllegalArgumentException("demo is not " + DEMO + ": not a Kafka demo record's line");
        }
        return read(f);
    }

    static RecordLine read(Fields f) {
        String acks = f.text("acks");
        LcdShown shown = OutcomeJson.shown(f);
        return new RecordLine(f.integer("seq"), f.time("time"),
                Acks.parse(acks).orElseThrow(() -> new IllegalArgumentException("acks is not 0, 1 or all")), f.text("kind"),
                f.millis("latency_ms"), f.text("topic"), f.smallInteger("partition"), f.optionalInteger("offset"),
                boxed(f.optionalSmallInteger("leader")), f.optionalObject("error").map(ProduceJson::error),
                f.optionalObject("isr").map(ProduceJson::isr), circle(f.object("circle")), shown, OutcomeJson.text(f, shown));
    }

    private static ErrorFields error(Fields e) {
        return new ErrorFields(e.text("kind"), e.optionalFlag("after_append"), e.optionalInteger("after_ms"),
                e.optionalText("class"), e.optionalText("message"));
    }

    private static Isr isr(Fields i) {
        return new Isr(boxed(i.optionalSmallInteger("leader")), i.list("isr", Fields.Element::smallInteger),
                i.list("elr", Fields.Element::smallInteger), i.smallInteger("min_insync"));
    }

    private static CircleCounts circle(Fields c) {
        return new CircleCounts(c.integer("delivered"), c.integer("late"), c.integer("lost"), c.integer("duplicated"),
                c.integer("missing"), c.integer("own_lost"), c.optionalMillis("p50_ms"), c.optionalMillis("p99_ms"),
                c.optionalInteger("rejected").orElse(0)); // a daemon before the field counted none
    }

    private static Optional<Integer> boxed(OptionalInt i) {
        return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
    }

    private static void ids(ObjectNode into, String field, List<Integer> ids) {
        var a = into.putArray(field);
        ids.forEach(a::add);
    }

    private static void millis(ObjectNode into, String field, Optional<Duration> d) {
        if (d.isPresent()) {
            into.put(field, OutcomeJson.millis(d.get().toNanos()));
        } else {
            into.putNull(field);
        }
    }

    /** The fields {@code e} has, in the order written since version 1. */
    private static void error(ObjectNode n, ErrorFields e) {
        n.put("kind", e.kind());
        e.afterAppend().ifPresent(v -> n.put("after_append", v));
        e.afterMs().ifPresent(v -> n.put("after_ms", v));
        e.className().ifPresent(v -> n.put("class", v));
        e.message().ifPresent(v -> n.put("message", v));
    }
}
