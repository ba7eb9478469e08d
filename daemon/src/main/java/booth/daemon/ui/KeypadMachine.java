package booth.daemon.ui;

import booth.display.KafkaScreens;
import booth.display.Screens;
import booth.hal.ButtonEvent;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.StaffButton;
import booth.model.Acks;
import booth.model.Demo;
import booth.model.Level;
import booth.model.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 * In the Kafka demo: LEFT / RIGHT go through its pages (acks, ISR, circle, records, lost); UP /
 * DOWN on the acks page change acks (0, 1, all); SELECT goes back to the acks page.
 * The sequence UP UP DOWN DOWN LEFT RIGHT LEFT RIGHT SELECT, each key within
 * {@link #SEQUENCE_GAP_NANOS} of the one before, switches between the two demos: nine keys in
 * one order cannot happen by accident, and their own effects cancel out (the level and the
 * page end where they started).
 * Staff buttons: POWER_OFF and REBOOT act only after a hold of {@code powerHold} (3 s by
 * default), counting down on the screen; releasing early cancels and says so, and a second
 * staff button pressed during a hold cancels it too (a hand on the wrong pinholes). Each
 * completed hold gives exactly one power effect. RESET_DEMO resets levels and counters;
 * RESTART_DISPLAY re-initialises the plate. Staff messages show in violet, the staff colour.
 */
public final class KeypadMachine {
    /** What the daemon must do besides showing the new state. */
    public enum Effect {
        /** Re-initialise the plate fully (staff button 23), and check the daemon's health. */
        REINITIALISE_DISPLAY,
        /** Power the Pi off (a completed hold of button 17). */
        POWER_OFF,
        /** Reboot the Pi (a completed hold of button 22). */
        REBOOT,
        /** The demo switched: start what the new one needs (its cluster or its brokers). */
        DEMO_CHANGED
    }

    /** The keys that switch the demo, in order. */
    static final List<KeypadButton> SEQUENCE = List.of(KeypadButton.UP, KeypadButton.UP, KeypadButton.DOWN,
            KeypadButton.DOWN, KeypadButton.LEFT, KeypadButton.RIGHT, KeypadButton.LEFT, KeypadButton.RIGHT,
            KeypadButton.SELECT);
    /** A longer pause between two keys of the sequence starts it again. */
    static final long SEQUENCE_GAP_NANOS = 3_000_000_000L;
    /** A record unanswered this long shows as a wait (yellow) until its answer or time-out. */
    static final long WAITING_SHOWN_NANOS = 300_000_000L;
    /** How long the main page says that own acknowledged records were found lost. */
    static final long LOST_SHOWN_NANOS = 10_000_000_000L;

    /** How long a staff notice stays. */
    static final long NOTICE_NANOS = 2_000_000_000L;
    /** How long "simulated only" stays after a power hold in laptop mode, before the demo is back. */
    static final long SIMULATED_NOTICE_NANOS = 4_000_000_000L;

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
    private final Duration powerHold;
    private final Demo defaultDemo;
    private final Acks defaultAcks;

    public KeypadMachine(Level defaultWrite, Level defaultRead, boolean defaultReadBack, Duration idleTimeout,
                         String localDc, Duration powerHold) {
        this(defaultWrite, defaultRead, defaultReadBack, idleTimeout, localDc, powerHold, Demo.CASSANDRA, Acks.ALL);
    }

    public KeypadMachine(Level defaultWrite, Level defaultRead, boolean defaultReadBack, Duration idleTimeout,
                         String localDc, Duration powerHold, Demo defaultDemo, Acks defaultAcks) {
        this.defaultDemo = defaultDemo;
        this.defaultAcks = defaultAcks;
        this.powerHold = powerHold;
        this.defaultWrite = defaultWrite;
        this.defaultRead = defaultRead;
        this.defaultReadBack = defaultReadBack;
        this.idleTimeout = idleTimeout;
        this.localDc = localDc;
    }

    public UiState initial(long now) {
        return UiState.initial(defaultWrite, defaultRead, defaultReadBack, defaultDemo, defaultAcks, now);
    }

    public Transition handle(UiState s, UiEvent event, long now) {
        if (s.notice().isPresent() && now >= s.notice().get().until()) {
            s = s.withNotice(Optional.empty());
        }
        Transition t = apply(s, event, now);
        return completeHold(t, now);
    }

    private Transition apply(UiState s, UiEvent event, long now) {
        if (event instanceof UiEvent.Button b) {
            return button(s, b.event(), now);
        } else if (event instanceof UiEvent.Outcome o) {
            return Transition.of(s.withOutcome(o.outcome(), now));
        } else if (event instanceof UiEvent.SkippedTick) {
            return Transition.of(s.withStats(s.stats().withSkippedTick()));
        } else if (event instanceof UiEvent.Connecting c) {
            return Transition.of(s.withConnection(false, now - c.trying().toNanos()));
        } else if (event instanceof UiEvent.Connected) {
            return Transition.of(s.withConnection(true, now));
        } else if (event instanceof UiEvent.Paused p) {
            return Transition.of(s.withPaused(p.paused()));
        } else if (event instanceof UiEvent.Stopping) {
            return Transition.of(s.withStopping());
        } else if (event instanceof UiEvent.SetLevel l) {
            return Transition.of(l.write() ? s.withLevels(l.level(), s.readLevel(), s.readBack())
                    : s.withLevels(s.writeLevel(), l.level(), s.readBack()));
        } else if (event instanceof UiEvent.ResetDemo) {
            return resetDemo(s, now);
        } else if (event instanceof UiEvent.RestartDisplay) {
            return restartDisplay(s, now);
        } else if (event instanceof UiEvent.PowerSimulated p) {
            return Transition.of(s.withNotice(Optional.of(new UiState.StaffNotice(p.powerOff() ? "Power off" : "Reboot",
                    "simulated only", now + SIMULATED_NOTICE_NANOS))));
        } else if (event instanceof UiEvent.Producing) {
            return Transition.of(s.withKafka(s.kafka().withProducing(now)));
        } else if (event instanceof UiEvent.Produced p) {
            return Transition.of(s.withKafka(s.kafka().withOutcome(p.outcome(), now)));
        } else if (event instanceof UiEvent.PartitionSeen v) {
            return Transition.of(s.withKafka(s.kafka().withView(v.view())));
        } else if (event instanceof UiEvent.CircleSeen c) {
            return Transition.of(s.withKafka(s.kafka().withCircle(c.counts(), now)));
        } else if (event instanceof UiEvent.SetAcks a) {
            return Transition.of(s.withKafka(s.kafka().withAcks(a.acks())));
        } else if (event instanceof UiEvent.SetDemo d) {
            return d.demo() == s.demo() ? Transition.of(s) : switchDemo(s, now);
        } else if (event instanceof UiEvent.PowerFailed f) {
            return Transition.of(s.withNotice(Optional.of(new UiState.StaffNotice("Power cmd failed", f.why(),
                    now + 5 * NOTICE_NANOS))));
        }
        // Tick: only the idle time-out depends on time alone
        if ((s.page() != UiState.Page.WRITE || s.kafka().page() != KafkaState.Page.ACKS)
                && now - s.lastKeyAt() >= idleTimeout.toNanos()) {
            return Transition.of(s.withPage(UiState.Page.WRITE, 0, s.lastKeyAt())
                    .withKafka(s.kafka().withPage(KafkaState.Page.ACKS)));
        }
        return Transition.of(s);
    }

    /** To the other demo, on its main page, saying so in the staff colour. */
    private Transition switchDemo(UiState s, long now) {
        Demo next = s.demo() == Demo.CASSANDRA ? Demo.KAFKA : Demo.CASSANDRA;
        UiState switched = s.withDemo(next).withPage(UiState.Page.WRITE, 0, now)
                .withKafka(s.kafka().withPage(KafkaState.Page.ACKS)).withSequence(UiState.KeySequence.NONE)
                .withNotice(next == Demo.KAFKA ? notice("Kafka demo", "acks " + s.kafka().acks().wireName(), now)
                        : notice("Cassandra demo", "W:" + s.writeLevel().name(), now));
        return new Transition(switched, List.of(Effect.DEMO_CHANGED));
    }

    /** A hold that has lasted long enough acts, once. */
    private Transition completeHold(Transition t, long now) {
        UiState s = t.state();
        if (s.hold().isEmpty() || now - s.hold().get().since() < powerHold.toNanos()) {
            return t;
        }
        boolean off = s.hold().get().button() == StaffButton.POWER_OFF;
        List<Effect> effects = new java.util.ArrayList<>(t.effects());
        effects.add(off ? Effect.POWER_OFF : Effect.REBOOT);
        UiState done = s.withHold(Optional.empty())
                .withNotice(Optional.of(new UiState.StaffNotice(off ? "Powering off..." : "Rebooting...", "", Long.MAX_VALUE)));
        return new Transition(done, List.copyOf(effects));
    }

    private Transition resetDemo(UiState s, long now) {
        return Transition.of(s.withLevels(defaultWrite, defaultRead, defaultReadBack).withStats(Stats.EMPTY)
                .withKafka(s.kafka().reset(defaultAcks))
                .withPage(UiState.Page.WRITE, 0, now).withNotice(notice("Demo reset", "levels, counters", now)));
    }

    private Transition restartDisplay(UiState s, long now) {
        return new Transition(s.withNotice(notice("Display", "restarted", now)), List.of(Effect.REINITIALISE_DISPLAY));
    }

    private static Optional<UiState.StaffNotice> notice(String top, String bottom, long now) {
        return Optional.of(new UiState.StaffNotice(top, bottom, now + NOTICE_NANOS));
    }

    private static String action(StaffButton b) {
        return b == StaffButton.POWER_OFF ? "Power off" : "Reboot";
    }

    private Transition button(UiState s, ButtonEvent e, long now) {
        if (e.key() instanceof StaffButton staff) {
            Optional<UiState.StaffHold> hold = s.hold();
            if (hold.isPresent()) {
                if (e.kind() == ButtonEvent.Kind.RELEASED && hold.get().button() == staff) {
                    return Transition.of(s.withHold(Optional.empty())
                            .withNotice(notice(action(staff), "cancelled", now)));
                }
                if (e.kind() == ButtonEvent.Kind.PRESSED) {
                    // two buttons at once: a hand on the wrong pinholes, not a decision
                    return Transition.of(s.withHold(Optional.empty())
                            .withNotice(notice(action(hold.get().button()), "cancelled: 2 keys", now)));
                }
                return Transition.of(s);
            }
            if (e.kind() != ButtonEvent.Kind.PRESSED) {
                return Transition.of(s);
            }
            return switch (staff) {
                case POWER_OFF, REBOOT -> Transition.of(s.withHold(Optional.of(new UiState.StaffHold(staff, now)))
                        .withNotice(Optional.empty()));
                case RESET_DEMO -> resetDemo(s, now);
                case RESTART_DISPLAY -> restartDisplay(s, now);
            };
        }
        // Keys act when pressed and, held, on every repeat; holds and releases do nothing.
        if (e.kind() != ButtonEvent.Kind.PRESSED && e.kind() != ButtonEvent.Kind.REPEATED) {
            return Transition.of(s);
        }
        // Nothing changes unseen: while a staff hold counts down or the power is going off, the
        // keypad does nothing; over any other staff notice a key only brings the demo back.
        if (s.hold().isPresent() || s.notice().filter(n -> n.until() == Long.MAX_VALUE).isPresent()) {
            return Transition.of(s);
        }
        if (s.notice().isPresent()) {
            return Transition.of(s.withNotice(Optional.empty()).withPage(s.page(), s.statsPage(), now));
        }
        KeypadButton key = (KeypadButton) e.key();
        UiState.KeySequence q = s.sequence();
        int matched = q.matched() > 0 && now - q.at() <= SEQUENCE_GAP_NANOS ? q.matched() : 0;
        if (e.kind() == ButtonEvent.Kind.PRESSED && SEQUENCE.get(matched) == key) {
            if (matched + 1 == SEQUENCE.size()) {
                return switchDemo(s, now);
            }
            s = s.withSequence(new UiState.KeySequence(matched + 1, now));
        } else {
            // a wrong key, or a held one repeating, starts the sequence again; an UP may begin it,
            // and a third UP leaves it two keys in (UP UP UP DOWN ... still counts)
            s = s.withSequence(e.kind() == ButtonEvent.Kind.PRESSED && key == KeypadButton.UP
                    ? new UiState.KeySequence(matched == 2 ? 2 : 1, now) : UiState.KeySequence.NONE);
        }
        if (s.demo() == Demo.KAFKA) {
            return Transition.of(kafkaKey(s, key, now));
        }
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

    private static UiState kafkaKey(UiState s, KeypadButton key, long now) {
        KafkaState k = s.kafka();
        KafkaState.Page[] pages = KafkaState.Page.values();
        UiState touched = s.withPage(s.page(), s.statsPage(), now);
        return switch (key) {
            case LEFT -> touched.withKafka(k.withPage(pages[Math.floorMod(k.page().ordinal() - 1, pages.length)]));
            case RIGHT -> touched.withKafka(k.withPage(pages[(k.page().ordinal() + 1) % pages.length]));
            case UP, DOWN -> k.page() == KafkaState.Page.ACKS
                    ? touched.withKafka(k.withAcks(k.acks().step(key == KeypadButton.UP ? 1 : -1))) : touched;
            case SELECT -> touched.withKafka(k.withPage(KafkaState.Page.ACKS));
        };
    }

    /**
     * A failure's row alternates between its numbers and its coordinator at this pace, starting
     * with a full turn of the numbers whenever the failure changes kind.
     */
    static final long ALTERNATE_NANOS = 2_000_000_000L;

    /** What the plate shows in state {@code s} at {@code now}. */
    public PlateFrame render(UiState s, String connectingTo, long now) {
        if (s.stopping()) {
            return Screens.stopping();
        }
        if (s.hold().isPresent()) {
            UiState.StaffHold h = s.hold().get();
            return Screens.countdown(action(h.button()), powerHold.minus(Duration.ofNanos(now - h.since())));
        }
        if (s.notice().isPresent()) {
            return Screens.notice(s.notice().get().top(), s.notice().get().bottom());
        }
        if (s.demo() == Demo.KAFKA) {
            return renderKafka(s.kafka(), s.paused(), now);
        }
        if (!s.connected()) {
            return Screens.connecting(connectingTo, s.connectingFor(now));
        }
        return switch (s.page()) {
            case WRITE -> Screens.writePage(s.writeLevel(), s.last(), localDc, s.paused(),
                    Math.floorMod((now - s.failureSince()) / ALTERNATE_NANOS, 2) == 1);
            case READ -> Screens.readPage(s.readLevel(), s.readBack(), s.last());
            case STATS -> Screens.statsPage(s.statsPage(), s.stats());
        };
    }

    private static PlateFrame renderKafka(KafkaState k, boolean paused, long now) {
        return switch (k.page()) {
            case ACKS -> KafkaScreens.acksPage(k.acks(), k.last(), paused,
                    k.lostSince() != 0 && now - k.lostSince() < LOST_SHOWN_NANOS ? k.ownLost() : 0,
                    Math.floorMod((now - k.failureSince()) / ALTERNATE_NANOS, 2) == 1,
                    k.waitingSince() != 0 && now - k.waitingSince() >= WAITING_SHOWN_NANOS
                            ? Optional.of(Duration.ofNanos(now - k.waitingSince())) : Optional.empty());
            case ISR -> KafkaScreens.isrPage(k.view());
            case CIRCLE -> KafkaScreens.circlePage(k.circle());
            case RECORDS -> KafkaScreens.recordsPage(k.circle().delivered() - k.atReset().delivered(),
                    k.circle().late() - k.atReset().late(), k.acked(), k.failed());
            case LOST -> KafkaScreens.lostPage(k.circle().lost() - k.atReset().lost(), k.ownLost(),
                    k.circle().duplicated() - k.atReset().duplicated());
        };
    }
}
