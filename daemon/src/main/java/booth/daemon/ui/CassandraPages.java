package booth.daemon.ui;

import booth.display.Frames;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.model.ClockSync;
import booth.model.Level;
import booth.model.Stats;

/**
 * The Cassandra demo's pages: what its keys and events do to its part of the state, and what
 * it shows. Pure logic, like the {@link KeypadMachine} that calls it.
 *
 * <p>Its keys:
 * <ul>
 *   <li>LEFT / RIGHT: previous / next page (write, prediction, read, statistics, round).</li>
 *   <li>UP / DOWN on the write page: next / previous write level (ONE, TWO, THREE, QUORUM, ALL,
 *       LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY, round); held, they repeat.</li>
 *   <li>UP / DOWN on the prediction page: the same, each level shown with what it survives now.</li>
 *   <li>UP / DOWN on the read page: next / previous read level; SELECT: read-back on or off.</li>
 *   <li>UP / DOWN on the statistics: the next / previous statistics page.</li>
 *   <li>SELECT on the write, prediction or statistics page: back to the write page.</li>
 * </ul>
 */
final class CassandraPages {
    private final CassandraState.Levels defaults;
    private final String localDc;

    /**
     * @param defaults the levels at start-up and after a reset
     * @param localDc  the data centre the write page counts as local
     */
    CassandraPages(CassandraState.Levels defaults, String localDc) {
        this.defaults = defaults;
        this.localDc = localDc;
    }

    CassandraState initial(long now) {
        return CassandraState.initial(defaults, now);
    }

    /** Default levels, counters cleared, on the write page. */
    CassandraState reset(CassandraState c) {
        return c.withLevels(defaults).withStats(Stats.EMPTY).withPage(CassandraState.Page.WRITE, 0);
    }

    /** Back on the main page (after the idle time-out, or a switch of demo). */
    CassandraState home(CassandraState c) {
        return c.withPage(CassandraState.Page.WRITE, 0);
    }

    boolean atHome(CassandraState c) {
        return c.page() == CassandraState.Page.WRITE;
    }

    CassandraState on(CassandraState c, UiEvent.ForCassandra event, long now) {
        if (event instanceof UiEvent.Outcome o) {
            return c.withOutcome(o.outcome(), now);
        } else if (event instanceof UiEvent.SkippedTick) {
            return c.withStats(c.writes().stats().withSkippedTick());
        } else if (event instanceof UiEvent.Connecting t) {
            return c.withConnection(false, now - t.trying().toNanos());
        } else if (event instanceof UiEvent.Connected) {
            return c.withConnection(true, now);
        } else if (event instanceof UiEvent.ReplicasSeen r) {
            return c.withReplicas(r.view());
        }
        UiEvent.SetLevel l = (UiEvent.SetLevel) event;
        return c.withLevels(l.write() ? c.levels().withWrite(l.level()) : c.levels().withRead(l.level()));
    }

    /** A key pressed (or repeating) on the demo's pages. */
    CassandraState key(CassandraState c, KeypadButton key) {
        CassandraState.Page[] pages = CassandraState.Page.values();
        CassandraState.Levels l = c.levels();
        return switch (key) {
            case LEFT -> c.withPage(pages[Math.floorMod(c.page().ordinal() - 1, pages.length)], 0);
            case RIGHT -> c.withPage(pages[(c.page().ordinal() + 1) % pages.length], 0);
            case UP, DOWN -> {
                int step = key == KeypadButton.UP ? 1 : -1;
                yield switch (c.page()) {
                    case WRITE, PREDICT -> c.withLevels(l.withWrite(l.write().step(Level.WRITE_LEVELS, step)));
                    case READ -> c.withLevels(l.withRead(l.read().step(Level.READ_LEVELS, step)));
                    case STATS -> c.withPage(CassandraState.Page.STATS,
                            Math.floorMod(c.statsPage() + step, Frames.STATS_PAGES));
                };
            }
            case SELECT -> c.page() == CassandraState.Page.READ
                    ? c.withLevels(l.withReadBack(!l.readBack())).withPage(CassandraState.Page.READ, 0)
                    : c.withPage(CassandraState.Page.WRITE, 0);
        };
    }

    /**
     * What the demo's pages show at {@code now}; the last statistics page says the clock's state.
     * {@code invite}: the write page's bottom row invites the next visitor instead of the last
     * write's result, if that write, at the level shown, succeeded and the staff have not paused
     * the writes; the top row and the backlight stay the write page's.
     */
    PlateFrame render(CassandraState c, boolean paused, ClockSync clock, String connectingTo, boolean invite, long now) {
        if (!c.connected()) {
            return Frames.connecting(connectingTo, c.connectingFor(now));
        }
        CassandraState.Writes w = c.writes();
        boolean succeeded = w.last().filter(o -> o.succeeded() && o.writeLevel() == c.levels().write()).isPresent();
        return switch (c.page()) {
            case WRITE -> invite && succeeded && !paused
                    ? Frames.invitation(Frames.writePage(c.levels().write(), w.last(), localDc, false))
                    : Frames.writePage(c.levels().write(), w.last(), localDc, paused,
                    KeypadMachine.showsWhere(w.failureSince(), now));
            case PREDICT -> Frames.predictionPage(c.levels().write(), c.replicas().map(v -> v.predict(c.levels().write())));
            case READ -> Frames.readPage(c.levels().read(), c.levels().readBack(), w.last());
            case STATS -> Frames.statsPage(c.statsPage(), w.stats(), clock);
        };
    }
}
