package booth.daemon.ui;

import booth.model.Acks;
import booth.model.ClockSync;
import booth.model.Demo;

/**
 * Everything the screen and the write loop need to know, as one immutable value made of parts:
 * what both demos share, each demo's own part, and the staff's. A part changes through small
 * methods of its own, and {@link #with} puts it back: no copy of the state re-lists every field.
 *
 * @param shared    which demo is shown, the keypad's clock and sequence, whether the daemon stops
 * @param cassandra the Cassandra demo's levels, pages, connection and writes
 * @param kafka     the Kafka demo's acks, pages, records, partition and circle
 * @param staff     a power hold, a staff notice, a pause
 */
public record UiState(Shared shared, CassandraState cassandra, KafkaState kafka, StaffState staff) {
    /** One part of the state, as {@link #with} replaces it. */
    public sealed interface Part permits Shared, CassandraState, KafkaState, StaffState {
    }

    /**
     * What both demos share.
     *
     * @param demo      the demo shown
     * @param lastKeyAt when a key was last pressed (nanoTime), for the idle time-out
     * @param sequence  how far the demo-switching key sequence has got
     * @param stopping  whether the daemon is shutting down
     * @param clock     whether the Pi's clock is synchronised, as last read
     */
    public record Shared(Demo demo, long lastKeyAt, KeySequence sequence, boolean stopping, ClockSync clock)
            implements Part {
        Shared touched(long now) {
            return new Shared(demo, now, sequence, stopping, clock);
        }

        Shared withSequence(KeySequence q) {
            return new Shared(demo, lastKeyAt, q, stopping, clock);
        }

        /** On {@code next}, touched at {@code now}, the sequence started again. */
        Shared switchedTo(Demo next, long now) {
            return new Shared(next, now, KeySequence.NONE, stopping, clock);
        }

        Shared stopped() {
            return new Shared(demo, lastKeyAt, sequence, true, clock);
        }

        Shared withClock(ClockSync c) {
            return new Shared(demo, lastKeyAt, sequence, stopping, c);
        }
    }

    /** How many keys of the demo-switching sequence were pressed in a row, the last at {@code at} (nanoTime). */
    public record KeySequence(int matched, long at) {
        static final KeySequence NONE = new KeySequence(0, 0);
    }

    /** The state at start-up: connecting, on each demo's main page, at the given levels and acks. */
    public static UiState initial(Demo demo, CassandraState.Levels levels, Acks acks, long now) {
        return new UiState(new Shared(demo, now, KeySequence.NONE, false, ClockSync.UNKNOWN), CassandraState.initial(levels, now),
                KafkaState.initial(acks, now), StaffState.NONE);
    }

    /** This state with {@code part} in place of its own: the one place where a state is copied. */
    UiState with(Part part) {
        return new UiState(part instanceof Shared p ? p : shared, part instanceof CassandraState c ? c : cassandra,
                part instanceof KafkaState k ? k : kafka, part instanceof StaffState f ? f : staff);
    }
}
