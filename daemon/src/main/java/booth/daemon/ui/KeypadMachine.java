package booth.daemon.ui;

import booth.display.Screens;
import booth.display.model.Level;
import booth.display.model.Stats;
import booth.hal.ButtonEvent;
import booth.hal.KeypadButton;
import booth.hal.StaffButton;
import booth.hal.plate.PlateFrame;
import java.time.Duration;
import java.util.List;

/**
 * What keys, outcomes and time do to the client box: pure logic, no threads, no I/O. The
 * daemon feeds it events with the time, keeps the state it returns, carries out the effects,
 * and shows {@link #render}.
 *
 * <p>The key map (also in the README):
 * <ul>
 *   <li>LEFT / RIGHT: previous / next page (write, read, statistics, round).</li>
 *   <li>UP / DOWN on the write page: next / previous write level (ONE, TWO, THREE, QUORUM, ALL,
 *       LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY, round); held, they repeat.</li>
 *   <li>UP / DOWN on the read page: next / previous read level; SELECT: read-back on or off.</li>
 *   <li>UP / DOWN on the statistics: the next / previous statistics page.</li>
 *   <li>SELECT on the write or statistics page: back to the write page.</li>
 *   <li>Any page but the write page returns to it after the idle time-out.</li>
 * </ul>
 * Staff buttons: RESET_DEMO resets levels and counters; RESTART_DISPLAY re-initialises the
 * plate. (The power buttons' holds come with the staff controls.)
 */
public final class KeypadMachine {
    /** What the daemon must do besides showing the new state. */
    public enum Effect {
        /** Re-initialise the plate fully (staff button 23). */
        REINITIALISE_DISPLAY
    }

    /** A new state and what to do. */
    public record Transition(UiState state, List<Effect> effects) {
        static Transition of(UiState s) {
            return new Transition(s, List.of());
        }
    }

    private final Level defaultWrite;
    private final Level defaultRead;
    private final boolean defaultReadBack;
    private final Duration idleTimeout;
    private final String localDc;

    public KeypadMachine(Level defaultWrite, Level defaultRead, boolean defaultReadBack, Duration idleTimeout,
                         String localDc) {
        this.defaultWrite = defaultWrite;
        this.defaultRead = defaultRead;
        this.defaultReadBack = defaultReadBack;
        this.idleTimeout = idleTimeout;
        this.localDc = localDc;
    }

    public UiState initial(long now) {
        return UiState.initial(defaultWrite, defaultRead, defaultReadBack, now);
    }

    public Transition handle(UiState s, UiEvent event, long now) {
        if (event instanceof UiEvent.Button b) {
            return button(s, b.event(), now);
        } else if (event instanceof UiEvent.Outcome o) {
            return Transition.of(s.withOutcome(o.outcome()));
        } else if (event instanceof UiEvent.SkippedTick) {
            return Transition.of(s.withStats(s.stats().withSkippedTick()));
        } else if (event instanceof UiEvent.Connecting c) {
            return Transition.of(s.withConnection(false, c.trying()));
        } else if (event instanceof UiEvent.Connected) {
            return Transition.of(s.withConnection(true, Duration.ZERO));
        } else if (event instanceof UiEvent.Paused p) {
            return Transition.of(s.withPaused(p.paused()));
        } else if (event instanceof UiEvent.Stopping) {
            return Transition.of(s.withStopping());
        }
        // Tick: only the idle time-out depends on time alone
        if (s.page() != UiState.Page.WRITE && now - s.lastKeyAt() >= idleTimeout.toNanos()) {
            return Transition.of(s.withPage(UiState.Page.WRITE, 0, s.lastKeyAt()));
        }
        return Transition.of(s);
    }

    private Transition button(UiState s, ButtonEvent e, long now) {
        if (e.key() instanceof StaffButton staff) {
            if (e.kind() != ButtonEvent.Kind.PRESSED) {
                return Transition.of(s);
            }
            if (staff == StaffButton.RESET_DEMO) {
                return Transition.of(s.withLevels(defaultWrite, defaultRead, defaultReadBack).withStats(Stats.EMPTY)
                        .withPage(UiState.Page.WRITE, 0, now));
            }
            if (staff == StaffButton.RESTART_DISPLAY) {
                return new Transition(s, List.of(Effect.REINITIALISE_DISPLAY));
            }
            return Transition.of(s);
        }
        // Keys act when pressed and, held, on every repeat; holds and releases do nothing.
        if (e.kind() != ButtonEvent.Kind.PRESSED && e.kind() != ButtonEvent.Kind.REPEATED) {
            return Transition.of(s);
        }
        KeypadButton key = (KeypadButton) e.key();
        UiState.Page[] pages = UiState.Page.values();
        return switch (key) {
            case LEFT -> Transition.of(s.withPage(pages[Math.floorMod(s.page().ordinal() - 1, pages.length)], 0, now));
            case RIGHT -> Transition.of(s.withPage(pages[(s.page().ordinal() + 1) % pages.length], 0, now));
            case UP, DOWN -> {
                int step = key == KeypadButton.UP ? 1 : -1;
                UiState touched = s.withPage(s.page(), s.statsPage(), now);
                yield Transition.of(switch (s.page()) {
                    case WRITE -> touched.withLevels(s.writeLevel().step(Level.WRITE_LEVELS, step), s.readLevel(), s.readBack());
                    case READ -> touched.withLevels(s.writeLevel(), s.readLevel().step(Level.READ_LEVELS, step), s.readBack());
                    case STATS -> s.withPage(UiState.Page.STATS, Math.floorMod(s.statsPage() + step, Screens.STATS_PAGES), now);
                });
            }
            case SELECT -> Transition.of(s.page() == UiState.Page.READ
                    ? s.withLevels(s.writeLevel(), s.readLevel(), !s.readBack()).withPage(UiState.Page.READ, 0, now)
                    : s.withPage(UiState.Page.WRITE, 0, now));
        };
    }

    /** A failure's row alternates between its numbers and its coordinator at this pace. */
    static final long ALTERNATE_NANOS = 2_000_000_000L;

    /** What the plate shows in state {@code s} at {@code now}. */
    public PlateFrame render(UiState s, String connectingTo, long now) {
        if (s.stopping()) {
            return Screens.stopping();
        }
        if (!s.connected()) {
            return Screens.connecting(connectingTo, s.connecting());
        }
        return switch (s.page()) {
            case WRITE -> Screens.writePage(s.writeLevel(), s.last(), localDc, s.paused(),
                    Math.floorMod(now / ALTERNATE_NANOS, 2) == 1);
            case READ -> Screens.readPage(s.readLevel(), s.readBack(), s.last());
            case STATS -> Screens.statsPage(s.statsPage(), s.stats());
        };
    }
}
