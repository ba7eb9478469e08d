package booth.protocol;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of the outcome stream (and of {@code democtl tail}, {@code status.last}, an outcome
 * event): a write's outcome ({@link OutcomeJson.WriteLine}) or, told apart by
 * {@code "demo":"kafka"}, a Kafka demo record's ({@link ProduceJson.RecordLine}). What both say:
 * when, how it went, what the LCD showed.
 */
public sealed interface OutcomeLine permits OutcomeJson.WriteLine, ProduceJson.RecordLine {
    /** The write's value, or the record's number in its session. */
    long seq();

    /** When it was sent. */
    Instant at();

    /** The kind's wire name ({@code written}, {@code unavailable}, {@code acked}), a newer daemon's too. */
    String kind();

    /** From sending to the answer. */
    Duration latency();

    /** The LCD's rows and colour for it. */
    LcdShown shown();

    /** The outcome in one line as the screen says it without alternating. */
    String text();

    /** What it was sent at, as people read it: a write's level ({@code ALL}), a record's acks ({@code acks=all}). */
    String level();

    /** Written, acknowledged, or sent at acks=0. */
    boolean succeeded();

    /**
     * Reads one line of the outcome stream, of either demo.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    static OutcomeLine decode(String line) {
        return OutcomeJson.readEither(Fields.of(line).versioned());
    }
}
