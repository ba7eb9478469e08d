package booth.daemon.ui;

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
 */
public record UiState(Page page, int statsPage, Level writeLevel, Level readLevel, boolean readBack, boolean paused,
                      boolean connected, long connectingSince, boolean stopping, Optional<WriteOutcome> last, Stats stats,
                      long lastKeyAt, Optional<StaffHold> hold, Optional<StaffNotice> notice, long failureSince) {
    /** A power button held down since {@code since} (nanoTime): counting down to its action. */
    public record StaffHold(booth.hal.StaffButton button, long since) {
    }

    /** A staff message shown over the pages until {@code until} (nanoTime; Long.MAX_VALUE: for good). */
    public record StaffNotice(String top, String bottom, long until) {
    }
    /** The pages, in the order RIGHT goes through them. */
    public enum Page { WRITE, READ, STATS }

    /** The state at start-up: connecting, on the write page, at the configured levels. */
    public static UiState initial(Level writeLevel, Level readLevel, boolean readBack, long now) {
        return new UiState(Page.WRITE, 0, writeLevel, readLevel, readBack, false, false, now, false,
                Optional.empty(), Stats.EMPTY, now, Optional.empty(), Optional.empty(), now);
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
        return new UiState(p, stats, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, this.stats, keyAt, hold, notice, failureSince);
    }

    UiState withLevels(Level write, Level read, boolean back) {
        return new UiState(page, statsPage, write, read, back, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince);
    }

    UiState withOutcome(WriteOutcome o, long now) {
        boolean sameFailure = o.failure().isPresent() && last.isPresent() && last.get().kind() == o.kind();
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, true, connectingSince, stopping,
                Optional.of(o), stats.with(o), lastKeyAt, hold, notice, sameFailure ? failureSince : now);
    }

    UiState withStats(Stats s) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, s, lastKeyAt, hold, notice, failureSince);
    }

    UiState withConnection(boolean isConnected, long since) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, isConnected, since, stopping, last, stats, lastKeyAt, hold, notice, failureSince);
    }

    UiState withPaused(boolean p) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, p, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, notice, failureSince);
    }

    UiState withHold(Optional<StaffHold> h) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, h, notice, failureSince);
    }

    UiState withNotice(Optional<StaffNotice> n) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, stopping, last, stats, lastKeyAt, hold, n, failureSince);
    }

    UiState withStopping() {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connectingSince, true, last, stats, lastKeyAt, hold, notice, failureSince);
    }
}
