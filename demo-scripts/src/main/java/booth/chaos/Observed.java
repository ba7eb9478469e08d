package booth.chaos;

import booth.protocol.OutcomeJson;
import booth.protocol.OutcomeJson.ErrorFields;
import booth.protocol.OutcomeJson.PredictionFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of a daemon's outcome stream as the truth checker reads it: plain fields, no
 * interpretation. The line is read by the protocol's decoder, as every reader reads it; what the
 * fields may be the checker decides for itself: it never asks the daemon's classes what a kind
 * means.
 *
 * @param at        when the write started (the stream's {@code time})
 * @param latency   the write's latency (the read-back comes after it)
 * @param error     the {@code error} object's fields, or empty
 * @param readBack  the {@code read_back} object's {@code kind}
 * @param readError the {@code read_back.error} object, or empty
 * @param run       the write's run ("" from a daemon before the field)
 * @param prediction what the write level survived in the box's view as of the write, as the line says
 */
public record Observed(String client, long seq, Instant at, Duration latency, String writeLevel, String readLevel,
                       String kind, Optional<Coordinator> coordinator, Optional<ErrorFields> error, String readBack,
                       Optional<ErrorFields> readError, String top, String bottom, String backlight, String line,
                       String run, Duration clockOffset, Optional<PredictionFields> prediction) {

    /** The coordinator as the stream names it ({@code name} "" when the topology file does not name it). */
    public record Coordinator(String dc, String rack, String address, String name) {
    }

    /**
     * This outcome with {@code at} on the true clock, for a box whose wall clock was
     * {@code offset} off it (a clock step of the run): the cluster's history is on the true clock.
     */
    public Observed onTrueClock(Duration offset) {
        return new Observed(client, seq, at.minus(offset), latency, writeLevel, readLevel, kind, coordinator, error, readBack,
                readError, top, bottom, backlight, line, run, offset, prediction);
    }

    /** The time the line says, on the box's own clock (the row's {@code written_at} is on it too). */
    public Instant lineTime() {
        return at.plus(clockOffset);
    }

    /** When the write's answer came back. */
    public Instant end() {
        return at.plus(latency);
    }

    /**
     * Reads one line of {@code client}'s stream.
     *
     * @throws IllegalArgumentException naming the client, what is missing or malformed, and the line
     */
    public static Observed parse(String client, String line) {
        OutcomeJson.WriteLine w;
        try {
            w = OutcomeJson.decode(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(client + ": " + e.getMessage() + " in " + line.strip());
        }
        return new Observed(client, w.seq(), w.at(), w.latency(), w.writeLevel().name(), w.readLevel().name(), w.kind(),
                w.coordinator().map(c -> new Coordinator(c.dc(), c.rack(), c.address(), c.name() == null ? "" : c.name())),
                w.error(), w.readBack().kind(), w.readBack().error(), w.shown().top(), w.shown().bottom(),
                w.shown().backlight(), line.strip(), w.run().orElse(""), Duration.ZERO, w.prediction());
    }

    /** An integer field of the error ({@code required}, {@code alive}, {@code received}, {@code block_for}, {@code after_ms}), or -1 when absent. */
    public int errorInt(String field) {
        return error.map(e -> (int) number(e, field).orElse(-1)).orElse(-1);
    }

    /** A text field of the error ({@code level}, {@code write_type}, {@code cause}, {@code class}, {@code message}), or "" when absent. */
    public String errorText(String field) {
        return error.flatMap(e -> switch (field) {
            case "kind" -> Optional.of(e.kind());
            case "level" -> e.level().map(Enum::name);
            case "write_type" -> e.writeType();
            case "cause" -> e.cause();
            case "class" -> e.className();
            case "message" -> e.message();
            default -> throw new IllegalArgumentException("no text field " + field + " in an error");
        }).orElse("");
    }

    private static OptionalLong number(ErrorFields e, String field) {
        return switch (field) {
            case "required" -> of(e.required());
            case "alive" -> of(e.alive());
            case "received" -> of(e.received());
            case "block_for" -> of(e.blockFor());
            case "after_ms" -> e.afterMs();
            default -> throw new IllegalArgumentException("no integer field " + field + " in an error");
        };
    }

    private static OptionalLong of(OptionalInt i) {
        return i.isPresent() ? OptionalLong.of(i.getAsInt()) : OptionalLong.empty();
    }
}
