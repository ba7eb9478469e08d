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
 * @param connecting  how long it has been tried, while not connected
 * @param lastKeyAt   when a key was last pressed (nanoTime), for the idle time-out
 */
public record UiState(Page page, int statsPage, Level writeLevel, Level readLevel, boolean readBack, boolean paused,
                      boolean connected, Duration connecting, boolean stopping, Optional<WriteOutcome> last, Stats stats,
                      long lastKeyAt, Optional<StaffHold> hold, Optional<StaffNotice> notice) {
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
        return new UiState(Page.WRITE, 0, writeLevel, readLevel, readBack, false, false, Duration.ZERO, false,
                Optional.empty(), Stats.EMPTY, now, Optional.empty(), Optional.empty());
    }

    UiState withPage(Page p, int stats, long keyAt) {
        return new UiState(p, stats, writeLevel, readLevel, readBack, paused, connected, connecting, stopping, last, this.stats, keyAt, hold, notice);
    }

    UiState withLevels(Level write, Level read, boolean back) {
        return new UiState(page, statsPage, write, read, back, paused, connected, connecting, stopping, last, stats, lastKeyAt, hold, notice);
    }

    UiState withOutcome(WriteOutcome o) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, true, connecting, stopping,
                Optional.of(o), stats.with(o), lastKeyAt, hold, notice);
    }

    UiState withStats(Stats s) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connecting, stopping, last, s, lastKeyAt, hold, notice);
    }

    UiState withConnection(boolean isConnected, Duration trying) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, isConnected, trying, stopping, last, stats, lastKeyAt, hold, notice);
    }

    UiState withPaused(boolean p) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, p, connected, connecting, stopping, last, stats, lastKeyAt, hold, notice);
    }

    UiState withHold(Optional<StaffHold> h) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connecting, stopping, last, stats, lastKeyAt, h, notice);
    }

    UiState withNotice(Optional<StaffNotice> n) {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connecting, stopping, last, stats, lastKeyAt, hold, n);
    }

    UiState withStopping() {
        return new UiState(page, statsPage, writeLevel, readLevel, readBack, paused, connected, connecting, true, last, stats, lastKeyAt, hold, notice);
    }
}
