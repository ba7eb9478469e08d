package booth.daemon.ui;

import booth.model.Acks;
import booth.model.Demo;
import booth.model.Level;
import booth.model.Stats;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the screen and the write loop need to know, as one immutable value.
 *
 * @param page        the page shown
 * @param statsPage   which statistics page, when {@code page} is STATS
 * @param writeLevel  level of the next write
 * @param readLevel   level of the next read-back
 * @param readBack    whether writes are read back
 * @param connected   whether the cluster has been reached
 * @param connectingSince when trying to reach the cluster began (nanoTime), while not connected
 * @param lastKeyAt   when a key was last pressed (nanoTime), for the idle time-out
 * @param failureSince when the last write's failure began to be of its kind (nanoTime): the
 *                    write page shows a new failure's numbers for a full turn before it
 *                    alternates them with where it happened
 * @param demo        the demo shown: Cassandra's levels, or Kafka's acks ({@link #kafka})
 * @param sequence    how far the demo-switching key sequence has got
 */
public record UiState(Page page, int statsPage, Level writeLevel, Level readLevel, boolean readBack, boolean paused,
                      boolean connected, long connectingSince, boolean stopping, Optional<WriteOutcome> last, Stats stats,
                      long lastKeyAt, Optional<StaffHold> hold, Optional<StaffNotice> notice, long failureSince,
                      Demo demo, KafkaState kafka, KeySequence sequence) {
    /** A power button held down since {@code since} (nanoTime): counting down to its action. */
    public record StaffHold(booth.hal.StaffButton button, long since) {
    }

    /** A staff message shown over the pages until {@code until} (nanoTime; Long.MAX_VALUE: for good). */
    public record StaffNotice(String top, String bottom, long until) {
    }
    /** The pages, in the order RIGHT goes through them. */
    public enum Page { WRITE, READ, STATS }

    /** How many keys of the demo-switching sequence were pressed in a row, the last at {@code at} (nanoTime). */
    public record KeySequence(int matched, long at) {
        static final KeySequence NONE = new KeySequence(0, 0);
    }

    /** The state at start-up: connecting, on the main page, at the configured levels and acks. */
    public static UiState initial(Level writeLevel, Level readLevel, boolean readBack, Demo demo, Acks acks, long now) {
        return new UiState(Page.WRITE, 0, writeLevel, readLevel, readBack, false, false, now, false,
                Optional.empty(), Stats.EMPTY, now, Optional.empty(), Optional.empty(), now, demo, KafkaState.initial(acks, now),
                KeySequence.NONE);
    }

    /**
     * How long the cluster has been tried at {@code now}, while not connected (zero once it
     * is): a clock of its own, so that it counts on while the connector is busy with one long
     * step (creating the schema takes seconds) and reports nothing.
     */
    public Duration connectingFor(long now) {
        return connected ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - connectingSince));
    }

    UiState withPage(Page p, int stats, long keyAt) {
        return new UiState(p, stats, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, this.stats, keyAt, hold, notice, failureSince, demo, kafka, sequence);
    }

    UiState withLevels(Level write, Level read, boolean back) {
        return new UiState(page, statsPage, write, read, back, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince, demo, kafka, sequence);
    }

    UiState withOutcome(WriteOutcome o, long now) {
        boolean sameFailure = o.failure().isPresent() && last.isPresent() && last.get().kind() == o.kind();
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, true, connectingSince, stopping,
                Optional.of(o), stats.with(o), lastKeyAt, hold, notice, sameFailure ? failureSince : now, demo, kafka, sequence);
    }

    UiState withStats(Stats s) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, s, lastKeyAt, hold, notice, failureSince, demo, kafka, sequence);
    }

    UiState withConnection(boolean isConnected, long since) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, isConnected, since, stopping, last, stats, lastKeyAt, hold, notice, failureSince, demo, kafka, sequence);
    }

    UiState withPaused(boolean p) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, p, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince, demo, kafka, sequence);
    }

    UiState withHold(Optional<StaffHold> h) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, h, notice, failureSince, demo, kafka, sequence);
    }

    UiState withNotice(Optional<StaffNotice> n) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, n, failureSince, demo, kafka, sequence);
    }

    UiState withDemo(Demo d) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince, d, kafka, sequence);
    }

    UiState withKafka(KafkaState k) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince, demo, k, sequence);
    }

    UiState withSequence(KeySequence q) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince, demo, kafka, q);
    }

    UiState withStopping() {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, true, last, stats, lastKeyAt, hold, notice, failureSince, demo, kafka, sequence);
    }
}
