package booth.daemon.ui;

import booth.display.Frames;
import booth.hal.ButtonEvent;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.StaffButton;
import booth.model.Acks;
import booth.model.ClockSync;
import booth.model.Demo;
import booth.model.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What keys, outcomes and time do to the client box: pure logic, no threads, no I/O. The
 * daemon feeds it events with the time, keeps the state it returns, carries out the effects,
 * and shows {@link #render}. It keeps what both demos share (the idle time-out, the switching
 * sequence) and the staff's buttons and notices; each demo's pages, keys and events are its
 * own class's: {@link CassandraPages}, {@link KafkaPages}.
 *
 * <p>The key map (also in docs/daemon.md): LEFT / RIGHT go through the demo's pages, UP / DOWN change
 * what its page shows, SELECT goes back to its main page (see each demo's pages); any page but
 * the main one returns to it after the idle time-out.
 * The sequence UP UP DOWN DOWN LEFT RIGHT LEFT RIGHT SELECT, each key within
 * {@link #SEQUENCE_GAP_NANOS} of the one before, switches between the two demos: nine keys in
 * one order cannot happen by accident, and their own effects cancel out (the level and the
 * page end where they started).
 * Staff buttons: POWER_OFF and REBOOT act only after a hold of {@code powerHold} (3 s by
 * default), counting down on the screen; releasing early cancels and says so, and a second
 * staff button pressed during a hold cancels it too (a hand on the wrong pinholes). A hold
 * completes only on the button sampler's own measure of it (a HELD or REPEATED event whose
 * {@code held} has reached {@code powerHold}), never on this machine's clock: a release that
 * arrives late, or not at all, must never turn a short press into a power-off. Each completed
 * hold gives exactly one power effect. RESET_DEMO resets levels and counters and starts a new
 * run of writes (democtl reset starts its own, before its truncate);
 * RESTART_DISPLAY re-initialises the plate. Staff messages show in violet, the staff colour.
 */
public final class KeypadMachine {
    /** What the daemon must do besides showing the new state. */
    public enum Effect {
        /** Re-initialise the plate fully (staff button 23), and check the daemon's health. */
        RESTART_DISPLAY,
        /** Power the Pi off (a completed hold of button 17). */
        POWER_OFF,
        /** Reboot the Pi (a completed hold of button 22). */
        REBOOT,
        /** The demo switched: start what the new one needs (its cluster or its brokers). */
        DEMO_CHANGED,
        /** Staff reset the demo with button 27: the writes start a new run. */
        NEW_RUN
    }

    /** The keys that switch the demo, in order. */
    static final List<KeypadButton> SEQUENCE = List.of(KeypadButton.UP, KeypadButton.UP, KeypadButton.DOWN,
            KeypadButton.DOWN, KeypadButton.LEFT, KeypadButton.RIGHT, KeypadButton.LEFT, KeypadButton.RIGHT,
            KeypadButton.SELECT);
    /** A longer pause between two keys of the sequence starts it again. */
    static final long SEQUENCE_GAP_NANOS = 3_000_000_000L;
    /** How long a staff notice stays. */
    static final long NOTICE_NANOS = 2_000_000_000L;
    /** How long "simulated only" stays after a power hold in laptop mode, before the demo is back. */
    static final long SIMULATED_NOTICE_NANOS = 4_000_000_000L;
    /**
     * A failure's row alternates between its numbers and where it happened at this pace,
     * starting with a full turn of the numbers whenever the failure changes kind.
     */
    static final long ALTERNATE_NANOS = 2_000_000_000L;

    /** A new state and what to do. */
    public record Transition(UiState state, List<Effect> effects) {
        static Transition of(UiState s) {
            return new Transition(s, List.of());
        }
    }

    private final CassandraPages cassandra;
    private final KafkaPages kafka;
    private final Duration idleTimeout;
    private final Duration inviteAfter;
    private final Duration powerHold;
    private final Demo defaultDemo;

    public KeypadMachine(Level defaultWrite, Level defaultRead, boolean defaultReadBack, Duration idleTimeout,
                         String localDc, Duration powerHold) {
        this(defaultWrite, defaultRead, defaultReadBack, idleTimeout, Duration.ZERO, localDc, powerHold, Demo.CASSANDRA,
                Acks.ALL);
    }

    /** @param inviteAfter the invitation's wait without a key ({@link #inviting}); zero: never */
    public KeypadMachine(Level defaultWrite, Level defaultRead, boolean defaultReadBack, Duration idleTimeout,
                         Duration inviteAfter, String localDc, Duration powerHold, Demo defaultDemo, Acks defaultAcks) {
        this.cassandra = new CassandraPages(new CassandraState.Levels(defaultWrite, defaultRead, defaultReadBack), localDc);
        this.kafka = new KafkaPages(defaultAcks);
        this.idleTimeout = idleTimeout;
        this.inviteAfter = inviteAfter;
        this.powerHold = powerHold;
        this.defaultDemo = defaultDemo;
    }

    public UiState initial(long now) {
        return new UiState(new UiState.Shared(defaultDemo, now, UiState.KeySequence.NONE, false, ClockSync.UNKNOWN), cassandra.initial(now),
                kafka.initial(now), StaffState.NONE);
    }

    /**
     * Whether a failure's row shows where it happened at {@code now}, else its numbers: the
     * failure became of its kind at {@code since} (nanoTime).
     */
    static boolean showsWhere(long since, long now) {
        return Math.floorMod((now - since) / ALTERNATE_NANOS, 2) == 1;
    }

    /**
     * Whether the write page invites the next visitor at {@code now}: {@code inviteAfter} without
     * a key, then every other {@link #ALTERNATE_NANOS}, starting with a turn of the result. The
     * page shows the invitation only over a success ({@link CassandraPages#render}): it is a
     * row of the write page, never a page of its own, so a failure shows at once, with its write.
     */
    boolean inviting(UiState s, long now) {
        long idle = now - s.shared().lastKeyAt() - inviteAfter.toNanos();
        return !inviteAfter.isZero() && idle >= 0 && showsWhere(0, idle);
    }

    public Transition handle(UiState s, UiEvent event, long now) {
        if (s.staff().notice().isPresent() && now >= s.staff().notice().get().until()) {
            s = s.with(s.staff().withNotice(Optional.empty()));
        }
        return apply(s, event, now);
    }

    private Transition apply(UiState s, UiEvent event, long now) {
        if (event instanceof UiEvent.Button b) {
            return button(s, b.event(), now);
        } else if (event instanceof UiEvent.ForCassandra e) {
            return Transition.of(s.with(cassandra.on(s.cassandra(), e, now)));
        } else if (event instanceof UiEvent.ForKafka e) {
            return Transition.of(s.with(kafka.on(s.kafka(), e, now)));
        } else if (event instanceof UiEvent.Paused p) {
            return Transition.of(s.with(s.staff().withPaused(p.paused())));
        } else if (event instanceof UiEvent.Stopping) {
            return Transition.of(s.with(s.shared().stopped()));
        } else if (event instanceof UiEvent.ClockSeen c) {
            return Transition.of(s.with(s.shared().withClock(c.clock())));
        } else if (event instanceof UiEvent.ResetDemo) {
            return resetDemo(s, now);
        } else if (event instanceof UiEvent.RestartDisplay) {
            return restartDisplay(s, now);
        } else if (event instanceof UiEvent.PowerSimulated p) {
            return Transition.of(s.with(s.staff().withNotice(Optional.of(new StaffState.StaffNotice(
                    p.powerOff() ? "Power off" : "Reboot", "simulated only", now + SIMULATED_NOTICE_NANOS)))));
        } else if (event instanceof UiEvent.SetDemo d) {
            return d.demo() == s.shared().demo() ? Transition.of(s) : switchDemo(s, now);
        } else if (event instanceof UiEvent.PowerFailed f) {
            return Transition.of(s.with(s.staff().withNotice(Optional.of(new StaffState.StaffNotice("Power cmd failed",
                    f.why(), now + 5 * NOTICE_NANOS)))));
        }
        // Tick: only the idle time-out depends on time alone
        if ((!cassandra.atHome(s.cassandra()) || !kafka.atHome(s.kafka()))
                && now - s.shared().lastKeyAt() >= idleTimeout.toNanos()) {
            return Transition.of(s.with(cassandra.home(s.cassandra())).with(kafka.home(s.kafka())));
        }
        return Transition.of(s);
    }

    /** To the other demo, on its main page, saying so in the staff colour. */
    private Transition switchDemo(UiState s, long now) {
        Demo next = s.shared().demo() == Demo.CASSANDRA ? Demo.KAFKA : Demo.CASSANDRA;
        Optional<StaffState.StaffNotice> says = next == Demo.KAFKA
                ? notice("Kafka demo", "acks " + s.kafka().acks().wireName(), now)
                : notice("Cassandra demo", "W:" + s.cassandra().levels().write().name(), now);
        UiState switched = s.with(s.shared().switchedTo(next, now))
                .with(cassandra.home(s.cassandra())).with(kafka.home(s.kafka())).with(s.staff().withNotice(says));
        return new Transition(switched, List.of(Effect.DEMO_CHANGED));
    }

    /** A hold the sampler measured as long enough acts, once. */
    private Transition completeHold(UiState s) {
        StaffState staff = s.staff();
        boolean off = staff.hold().orElseThrow().button() == StaffButton.POWER_OFF;
        StaffState done = staff.withHold(Optional.empty()).withNotice(Optional.of(
                new StaffState.StaffNotice(off ? "Powering off..." : "Rebooting...", "", Long.MAX_VALUE)));
        return new Transition(s.with(done), List.of(off ? Effect.POWER_OFF : Effect.REBOOT));
    }

    private Transition resetDemo(UiState s, long now) {
        return Transition.of(s.with(cassandra.reset(s.cassandra())).with(kafka.reset(s.kafka()))
                .with(s.shared().touched(now)).with(s.staff().withNotice(notice("Demo reset", "levels, counters", now))));
    }

    private Transition restartDisplay(UiState s, long now) {
        return new Transition(s.with(s.staff().withNotice(notice("Display", "restarted", now))),
                List.of(Effect.RESTART_DISPLAY));
    }

    private static Optional<StaffState.StaffNotice> notice(String top, String bottom, long now) {
        return Optional.of(new StaffState.StaffNotice(top, bottom, now + NOTICE_NANOS));
    }

    private static String action(StaffButton b) {
        return b == StaffButton.POWER_OFF ? "Power off" : "Reboot";
    }

    private Transition button(UiState s, ButtonEvent e, long now) {
        if (e.key() instanceof StaffButton staff) {
            return staffButton(s, staff, e, now);
        }
        // Keys act when pressed and, held, on every repeat; holds and releases do nothing.
        if (e.kind() != ButtonEvent.Kind.PRESSED && e.kind() != ButtonEvent.Kind.REPEATED) {
            return Transition.of(s);
        }
        // Nothing changes unseen: while a staff hold counts down or the power is going off, the
        // keypad does nothing; over any other staff notice a key only brings the demo back.
        StaffState staff = s.staff();
        if (staff.hold().isPresent() || staff.notice().filter(StaffState.StaffNotice::forGood).isPresent()) {
            return Transition.of(s);
        }
        if (staff.notice().isPresent()) {
            return Transition.of(s.with(staff.withNotice(Optional.empty())).with(s.shared().touched(now)));
        }
        KeypadButton key = (KeypadButton) e.key();
        UiState.KeySequence q = s.shared().sequence();
        int matched = q.matched() > 0 && now - q.at() <= SEQUENCE_GAP_NANOS ? q.matched() : 0;
        UiState.KeySequence next;
        if (e.kind() == ButtonEvent.Kind.PRESSED && SEQUENCE.get(matched) == key) {
            if (matched + 1 == SEQUENCE.size()) {
                return switchDemo(s, now);
            }
            next = new UiState.KeySequence(matched + 1, now);
        } else {
            // a wrong key, or a held one repeating, starts the sequence again; an UP may begin it,
            // and a third UP leaves it two keys in (UP UP UP DOWN ... still counts)
            next = e.kind() == ButtonEvent.Kind.PRESSED && key == KeypadButton.UP
                    ? new UiState.KeySequence(matched == 2 ? 2 : 1, now) : UiState.KeySequence.NONE;
        }
        UiState touched = s.with(s.shared().withSequence(next).touched(now));
        return Transition.of(s.shared().demo() == Demo.KAFKA ? touched.with(kafka.key(s.kafka(), key))
                : touched.with(cassandra.key(s.cassandra(), key)));
    }

    private Transition staffButton(UiState s, StaffButton button, ButtonEvent e, long now) {
        ButtonEvent.Kind kind = e.kind();
        StaffState staff = s.staff();
        Optional<StaffState.StaffHold> hold = staff.hold();
        if (hold.isPresent()) {
            boolean stillDown = kind == ButtonEvent.Kind.HELD || kind == ButtonEvent.Kind.REPEATED;
            if (stillDown && hold.get().button() == button && e.held().compareTo(powerHold) >= 0) {
                return completeHold(s);
            }
            if (kind == ButtonEvent.Kind.RELEASED && hold.get().button() == button) {
                return Transition.of(s.with(staff.withHold(Optional.empty())
                        .withNotice(notice(action(button), "cancelled", now))));
            }
            if (kind == ButtonEvent.Kind.PRESSED) {
                // two buttons at once: a hand on the wrong pinholes, not a decision
                return Transition.of(s.with(staff.withHold(Optional.empty())
                        .withNotice(notice(action(hold.get().button()), "cancelled: 2 keys", now))));
            }
            return Transition.of(s);
        }
        if (kind != ButtonEvent.Kind.PRESSED) {
            return Transition.of(s);
        }
        return switch (button) {
            case POWER_OFF, REBOOT -> Transition.of(s.with(staff.withHold(Optional.of(new StaffState.StaffHold(button, now)))
                    .withNotice(Optional.empty())));
            case RESET_DEMO -> {
                Transition reset = resetDemo(s, now);
                yield new Transition(reset.state(), List.of(Effect.NEW_RUN));
            }
            case RESTART_DISPLAY -> restartDisplay(s, now);
        };
    }

    /** What the plate shows in state {@code s} at {@code now}. */
    public PlateFrame render(UiState s, String connectingTo, long now) {
        StaffState staff = s.staff();
        if (s.shared().stopping()) {
            return Frames.stopping();
        }
        if (staff.hold().isPresent()) {
            StaffState.StaffHold h = staff.hold().get();
            // the screen's clock may reach zero before the sampler's measure does: it waits at 0.0s
            return Frames.countdown(action(h.button()), powerHold.minus(Duration.ofNanos(now - h.since())));
        }
        if (staff.notice().isPresent()) {
            return Frames.notice(staff.notice().get().top(), staff.notice().get().bottom());
        }
        return s.shared().demo() == Demo.KAFKA ? kafka.render(s.kafka(), staff.paused(), now)
                : cassandra.render(s.cassandra(), staff.paused(), s.shared().clock(), connectingTo, inviting(s, now), now);
    }
}
