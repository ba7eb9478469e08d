package booth.protocol;

import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.model.Prediction;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A write outcome as the outcome stream, {@code democtl tail}, {@code status.last} and the
 * Kafka topic carry it (schema version 1, fields only ever added):
 * {@code v, seq, time, write_level, read_level, kind, latency_ms, coordinator} (null or
 * {@code {dc, rack, address, name}}), {@code error} (null or the failure's numbers),
 * {@code read_back} ({@code kind}, {@code found_seq} when stale, {@code error} when failed),
 * {@code screen} ([top, bottom] as the LCD showed them), {@code backlight}, {@code text} (added:
 * the outcome in one line as the screen says it without alternating, kind's numbers and
 * coordinator together), {@code run} (added: the run the write belongs to; {@code seq} is the
 * write's number in it), {@code prediction} (added: null, or what the write level survived in
 * the client's view as of the write: {@code kind}, {@code racks} and {@code fatal} for
 * {@code survives}, {@code replicas} for {@code needs_all}, and the {@code words} its keypad
 * shows). Written by {@link #encode}, read by {@link #decode}.
 */
public final class OutcomeJson {
    private OutcomeJson() {
    }

    /**
     * A write's outcome as its line reports it. Kinds are wire names, a newer daemon's
     * included (kinds are only ever added); the read-back's latency is not on the wire.
     *
     * @param coordinator the node that coordinated it (its name null when the topology file does not name it)
     * @param text        the outcome in one line; from a daemon older than the field, the LCD's second row
     * @param run         the write's run; empty from a daemon older than the field (its seq was a time)
     * @param prediction  what the write level survived as of the write; empty without a view, and
     *                    from a daemon older than the field
     */
    public record WriteLine(long seq, Instant at, Level writeLevel, Level readLevel, String kind, Duration latency,
                            Optional<Coordinator> coordinator, Optional<ErrorFields> error, ReadBackFields readBack,
                            LcdShown shown, String text, Optional<String> run, Optional<PredictionFields> prediction)
            implements OutcomeLine {
        @Override
        public String level() {
            return writeLevel.name();
        }

        @Override
        public boolean succeeded() {
            return kind.equals(OutcomeKind.WRITTEN.wireName());
        }
    }

    /**
     * A failure's {@code error} object, a write's or a failed read-back's: its kind and every
     * number of the schema's table, each empty unless the kind carries it. Each is read as it
     * came, so that a reader can check the numbers for itself, a faulty daemon's too.
     */
    public record ErrorFields(String kind, Optional<Level> level, OptionalInt required, OptionalInt alive,
                              Optional<Boolean> aliveKnown, OptionalInt received, OptionalInt blockFor,
                              Optional<String> writeType, Optional<Boolean> dataPresent, OptionalLong afterMs,
                              Optional<String> cause, Optional<String> className, Optional<String> message) {
        /** What the line says of {@code f}. */
        public static ErrorFields of(Failure f) {
            String kind = f.kind().wireName();
            OptionalInt no = OptionalInt.empty();
            Optional<String> none = Optional.empty();
            // alive_known false: Cassandra's alive is not a count (EACH_QUORUM in 5.0 reports 0);
            // the raw numbers are kept as they came
            if (f instanceof Failure.Unavailable u) {
                return new ErrorFields(kind, Optional.of(u.level()), OptionalInt.of(u.required()), OptionalInt.of(u.alive()),
                        Optional.of(u.aliveKnown()), no, no, none, Optional.empty(), OptionalLong.empty(), none, none, none);
            } else if (f instanceof Failure.WriteTimeout w) {
                return new ErrorFields(kind, Optional.of(w.level()), no, no, Optional.empty(), OptionalInt.of(w.received()),
                        OptionalInt.of(w.blockFor()), Optional.of(w.writeType()), Optional.empty(), OptionalLong.empty(),
                        none, none, none);
            } else if (f instanceof Failure.ReadTimeout r) {
                return new ErrorFields(kind, Optional.of(r.level()), no, no, Optional.empty(), OptionalInt.of(r.received()),
                        OptionalInt.of(r.blockFor()), none, Optional.of(r.dataPresent()), OptionalLong.empty(), none, none,
                        none);
            } else if (f instanceof Failure.ClientTimeout c) {
                return new ErrorFields(kind, Optional.empty(), no, no, Optional.empty(), no, no, none, Optional.empty(),
                        OptionalLong.of(c.after().toMillis()), none, none, none);
            } else if (f instanceof Failure.NoNodeAvailable) {
                return new ErrorFields(kind, Optional.empty(), no, no, Optional.empty(), no, no, none, Optional.empty(),
                        OptionalLong.empty(), none, none, none);
            } else if (f instanceof Failure.ConnectionLost c) {
                return new ErrorFields(kind, Optional.empty(), no, no, Optional.empty(), no, no, none, Optional.empty(),
                        OptionalLong.empty(), Optional.of(c.cause()), none, none);
            } else if (f instanceof Failure.Overloaded o) {
                return new ErrorFields(kind, Optional.empty(), no, no, Optional.empty(), no, no, none, Optional.empty(),
                        OptionalLong.empty(), none, none, Optional.of(o.message()));
            } else if (f instanceof Failure.Other o) {
                return new ErrorFields(kind, Optional.empty(), no, no, Optional.empty(), no, no, none, Optional.empty(),
                        OptionalLong.empty(), none, Optional.of(o.className()), Optional.of(o.message()));
            }
            throw new IllegalStateException("no fields for the new kind of failure " + f);
        }
    }

    /**
     * The {@code prediction} object, read as it came (a reader judges it for itself).
     *
     * @param kind     {@code survives}, {@code needs_all} or {@code fails_now}
     * @param racks    for {@code survives}: any this many more racks cut leave the level writable
     * @param fatal    for {@code survives} with {@code racks} 0: the racks (DC1:r2) each of whose
     *                 cut alone fails it
     * @param replicas for {@code needs_all}: the replicas every write waits for
     * @param words    what the keypad's prediction page says
     */
    public record PredictionFields(String kind, OptionalInt racks, List<String> fatal, OptionalInt replicas, String words) {
        public static final String SURVIVES = "survives";
        public static final String NEEDS_ALL = "needs_all";
        public static final String FAILS_NOW = "fails_now";

        public PredictionFields {
            fatal = List.copyOf(fatal);
        }

        /** What the line says of {@code p}. */
        public static PredictionFields of(Prediction p) {
            if (p instanceof Prediction.Survives s) {
                return new PredictionFields(SURVIVES, OptionalInt.of(s.racks()), s.fatal(), OptionalInt.empty(), p.words());
            } else if (p instanceof Prediction.NeedsAll n) {
                return new PredictionFields(NEEDS_ALL, OptionalInt.empty(), List.of(), OptionalInt.of(n.replicas()), p.words());
            }
            return new PredictionFields(FAILS_NOW, OptionalInt.empty(), List.of(), OptionalInt.empty(), p.words());
        }
    }

    /**
     * The {@code read_back} object.
     *
     * @param kind     {@code not_read}, {@code current}, {@code stale}, {@code missing} or {@code failed}
     * @param foundSeq the older seq a stale read found
     * @param error    a failed read's failure
     */
    public record ReadBackFields(String kind, OptionalLong foundSeq, Optional<ErrorFields> error) {
        /** What the line says of {@code r}. */
        public static ReadBackFields of(ReadBack r) {
            return new ReadBackFields(r.kind(), r instanceof ReadBack.Stale s ? OptionalLong.of(s.foundSeq()) : OptionalLong.empty(),
                    r instanceof ReadBack.Failed f ? Optional.of(ErrorFields.of(f.failure())) : Optional.empty());
        }
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

    /**
     * The outcome with what the LCD showed for it, its one-line text and what its level survived
     * as of the write (empty without a view), serialized.
     */
    public static Encoded encode(WriteOutcome o, LcdShown frame, String text, Optional<Prediction> prediction) {
        return new Encoded(of(o, frame, text, prediction.map(PredictionFields::of)));
    }

    /**
     * Reads a write's line (an outcome event's too: its type and client are not looked at).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed, or saying
     *                                  that the line is a Kafka demo record's
     */
    public static WriteLine decode(String line) {
        Fields f = Fields.of(line).versioned();
        if (f.optionalText("demo").isPresent()) {
            throw new IllegalArgumentException("demo is " + f.text("demo") + ": not a write's line");
        }
        return read(f);
    }

    /** An outcome line of either demo, told apart by {@code demo}. */
    static OutcomeLine readEither(Fields f) {
        Optional<String> demo = f.optionalText("demo");
        if (demo.isEmpty()) {
            return read(f);
        }
        if (!demo.get().equals(ProduceJson.DEMO)) {
            throw new IllegalArgumentException("demo is " + demo.get() + ", not one this reader knows");
        }
        return ProduceJson.read(f);
    }

    private static WriteLine read(Fields f) {
        LcdShown shown = shown(f);
        return new WriteLine(f.integer("seq"), f.time("time"), level(f, "write_level"), level(f, "read_level"),
                f.text("kind"), f.millis("latency_ms"), f.optionalObject("coordinator").map(c -> new Coordinator(
                        c.text("dc"), c.text("rack"), c.text("address"), c.optionalText("name").orElse(null))),
                f.optionalObject("error").map(OutcomeJson::error), readBack(f.object("read_back")), shown,
                text(f, shown), f.optionalText("run"), f.optionalObject("prediction").map(OutcomeJson::prediction));
    }

    private static PredictionFields prediction(Fields p) {
        String kind = p.text("kind");
        return switch (kind) {
            case PredictionFields.SURVIVES -> new PredictionFields(kind, OptionalInt.of(p.smallInteger("racks")),
                    p.list("fatal", Fields.Element::text), OptionalInt.empty(), p.text("words"));
            case PredictionFields.NEEDS_ALL -> new PredictionFields(kind, OptionalInt.empty(), List.of(),
                    OptionalInt.of(p.smallInteger("replicas")), p.text("words"));
            case PredictionFields.FAILS_NOW -> new PredictionFields(kind, OptionalInt.empty(), List.of(), OptionalInt.empty(),
                    p.text("words"));
            default -> throw new IllegalArgumentException("prediction.kind is not survives, needs_all or fails_now");
        };
    }

    private static ReadBackFields readBack(Fields r) {
        return new ReadBackFields(r.text("kind"), r.optionalInteger("found_seq"), r.optionalObject("error").map(OutcomeJson::error));
    }

    private static ErrorFields error(Fields e) {
        return new ErrorFields(e.text("kind"), e.optionalText("level").map(l -> level(e, "level")),
                e.optionalSmallInteger("required"), e.optionalSmallInteger("alive"), e.optionalFlag("alive_known"),
                e.optionalSmallInteger("received"), e.optionalSmallInteger("block_for"), e.optionalText("write_type"),
                e.optionalFlag("data_present"), e.optionalInteger("after_ms"), e.optionalText("cause"),
                e.optionalText("class"), e.optionalText("message"));
    }

    private static Level level(Fields f, String field) {
        String name = f.text(field);
        try {
            return Level.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a consistency level");
        }
    }

    /** {@code screen} and {@code backlight}: what the LCD showed, as every outcome line carries it. */
    static LcdShown shown(Fields f) {
        List<String> rows = f.list("screen", Fields.Element::text);
        if (rows.size() != 2) {
            throw new IllegalArgumentException("screen is not two rows");
        }
        return new LcdShown(rows.get(0), rows.get(1), f.text("backlight"));
    }

    /** {@code text}; a daemon older than the field said it on the LCD's second row alone. */
    static String text(Fields f, LcdShown shown) {
        return f.optionalText("text").orElse(shown.bottom().strip());
    }

    /** The outcome with what the LCD showed for it. */
    private static ObjectNode of(WriteOutcome o, LcdShown frame, String text, Optional<PredictionFields> prediction) {
        ObjectNode n = Wire.versioned();
        fill(n, o, frame);
        n.put("text", text);
        n.put("run", o.run());
        if (prediction.isPresent()) {
            PredictionFields p = prediction.get();
            ObjectNode pn = n.putObject("prediction").put("kind", p.kind());
            p.racks().ifPresent(r -> pn.put("racks", r));
            if (p.kind().equals(PredictionFields.SURVIVES)) {
                com.fasterxml.jackson.databind.node.ArrayNode fatal = pn.putArray("fatal");
                p.fatal().forEach(fatal::add);
            }
            p.replicas().ifPresent(r -> pn.put("replicas", r));
            pn.put("words", p.words());
        } else {
            n.putNull("prediction");
        }
        return n;
    }

    /**
     * The outcome made by {@link #of} as an event for other consumers: the same fields, with its
     * type and the client's name after {@code v}.
     */
    static ObjectNode event(String client, ObjectNode outcome) {
        // v is put again by setAll and keeps its place, first
        return Wire.versioned().put("type", OutcomeEvent.TYPE).put("client", client).setAll(outcome);
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
            error(n.putObject("error"), ErrorFields.of(o.failure().get()));
        } else {
            n.putNull("error");
        }
        ReadBackFields r = ReadBackFields.of(o.readBack());
        ObjectNode rb = n.putObject("read_back").put("kind", r.kind());
        r.foundSeq().ifPresent(s -> rb.put("found_seq", s));
        r.error().ifPresent(e -> error(rb.putObject("error"), e));
        n.putArray("screen").add(frame.top()).add(frame.bottom());
        n.put("backlight", frame.backlight());
    }

    /** Milliseconds with three decimals, as written since version 1 ({@code 3.100}). */
    static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
    }

    /** The fields {@code e} has, in the order written since version 1. */
    private static void error(ObjectNode n, ErrorFields e) {
        n.put("kind", e.kind());
        e.level().ifPresent(l -> n.put("level", l.name()));
        e.required().ifPresent(v -> n.put("required", v));
        e.alive().ifPresent(v -> n.put("alive", v));
        e.aliveKnown().ifPresent(v -> n.put("alive_known", v));
        e.received().ifPresent(v -> n.put("received", v));
        e.blockFor().ifPresent(v -> n.put("block_for", v));
        e.writeType().ifPresent(v -> n.put("write_type", v));
        e.dataPresent().ifPresent(v -> n.put("data_present", v));
        e.afterMs().ifPresent(v -> n.put("after_ms", v));
        e.cause().ifPresent(v -> n.put("cause", v));
        e.className().ifPresent(v -> n.put("class", v));
        e.message().ifPresent(v -> n.put("message", v));
    }
}
