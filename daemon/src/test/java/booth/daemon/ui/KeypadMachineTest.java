package booth.daemon.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.display.Frames;
import booth.hal.Backlight;
import booth.hal.ButtonEvent;
import booth.hal.Key;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.StaffButton;
import booth.model.ClockSync;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import booth.model.ReadBack;
import booth.model.ReplicaView;
import booth.model.Stats;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keypad state machine, with a fake clock: pure inputs, pure outputs. */
class KeypadMachineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private final KeypadMachine machine = new KeypadMachine(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true,
            Duration.ofSeconds(20), "DC1", Duration.ofSeconds(3));

    private UiState connectedOn(CassandraState.Page page, int statsPage) {
        return on(machine.handle(machine.initial(0), new UiEvent.Connected(), 0).state(), page, statsPage, 0);
    }

    /** {@code s} on {@code page}, the last key pressed at {@code keyAt}. */
    private static UiState on(UiState s, CassandraState.Page page, int statsPage, long keyAt) {
        return s.with(s.cassandra().withPage(page, statsPage)).with(s.shared().touched(keyAt));
    }

    private static UiState withLevels(UiState s, CassandraState.Levels levels) {
        return s.with(s.cassandra().withLevels(levels));
    }

    private static UiEvent key(Key k, ButtonEvent.Kind kind) {
        return new UiEvent.Button(new ButtonEvent(k, kind, Duration.ofMillis(kind == ButtonEvent.Kind.PRESSED ? 0 : 600)));
    }

    private static WriteOutcome written(Level level, String dc, String rack) {
        return new WriteOutcome("0a1b2c3d4e5f", 1, Instant.EPOCH, level, Level.LOCAL_ONE,
                Optional.of(new Coordinator(dc, rack, "127.0.1.2", "rpi" + dc.toLowerCase() + rack + "n1")),
                Duration.ofMillis(12), Optional.empty(), new ReadBack.Current(Duration.ofMillis(3)));
    }

    private static WriteOutcome failed(Level level, Failure f) {
        return new WriteOutcome("0a1b2c3d4e5f", 2, Instant.EPOCH, level, Level.LOCAL_ONE, Optional.empty(), Duration.ofMillis(500),
                Optional.of(f), ReadBack.NOT_READ);
    }

    /**
     * Every key in every page, for each kind of event: from write LOCAL_QUORUM, read LOCAL_ONE,
     * read-back on, statistics page 0. Holds and releases change nothing; repeats act as presses.
     */
    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4} {5} {6} {7}")
    @CsvSource(textBlock = """
            WRITE, UP,     PRESSED,  WRITE, EACH_QUORUM,  LOCAL_ONE,    true,  0
            WRITE, UP,     REPEATED, WRITE, EACH_QUORUM,  LOCAL_ONE,    true,  0
            WRITE, UP,     HELD,     WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, UP,     RELEASED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, DOWN,   PRESSED,  WRITE, LOCAL_ONE,    LOCAL_ONE,    true,  0
            WRITE, DOWN,   REPEATED, WRITE, LOCAL_ONE,    LOCAL_ONE,    true,  0
            WRITE, DOWN,   HELD,     WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, DOWN,   RELEASED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, LEFT,   PRESSED,  STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, LEFT,   REPEATED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, LEFT,   HELD,     WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, LEFT,   RELEASED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, RIGHT,  PRESSED,  PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            WRITE, RIGHT,  REPEATED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            WRITE, RIGHT,  HELD,     WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, RIGHT,  RELEASED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, SELECT, PRESSED,  WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, SELECT, REPEATED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, SELECT, HELD,     WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            WRITE, SELECT, RELEASED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            PREDICT, UP,     PRESSED,  PREDICT, EACH_QUORUM,  LOCAL_ONE,  true,  0
            PREDICT, UP,     REPEATED, PREDICT, EACH_QUORUM,  LOCAL_ONE,  true,  0
            PREDICT, UP,     HELD,     PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, UP,     RELEASED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, DOWN,   PRESSED,  PREDICT, LOCAL_ONE,    LOCAL_ONE,  true,  0
            PREDICT, DOWN,   REPEATED, PREDICT, LOCAL_ONE,    LOCAL_ONE,  true,  0
            PREDICT, DOWN,   HELD,     PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, DOWN,   RELEASED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, LEFT,   PRESSED,  WRITE,   LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, LEFT,   REPEATED, WRITE,   LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, LEFT,   HELD,     PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, LEFT,   RELEASED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, RIGHT,  PRESSED,  READ,    LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, RIGHT,  REPEATED, READ,    LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, RIGHT,  HELD,     PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, RIGHT,  RELEASED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, SELECT, PRESSED,  WRITE,   LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, SELECT, REPEATED, WRITE,   LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, SELECT, HELD,     PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            PREDICT, SELECT, RELEASED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            READ,  UP,     PRESSED,  READ,  LOCAL_QUORUM, LOCAL_QUORUM, true,  0
            READ,  UP,     REPEATED, READ,  LOCAL_QUORUM, LOCAL_QUORUM, true,  0
            READ,  UP,     HELD,     READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  UP,     RELEASED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  DOWN,   PRESSED,  READ,  LOCAL_QUORUM, ALL,          true,  0
            READ,  DOWN,   REPEATED, READ,  LOCAL_QUORUM, ALL,          true,  0
            READ,  DOWN,   HELD,     READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  DOWN,   RELEASED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  LEFT,   PRESSED,  PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            READ,  LEFT,   REPEATED, PREDICT, LOCAL_QUORUM, LOCAL_ONE,  true,  0
            READ,  LEFT,   HELD,     READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  LEFT,   RELEASED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  RIGHT,  PRESSED,  STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  RIGHT,  REPEATED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  RIGHT,  HELD,     READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  RIGHT,  RELEASED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  SELECT, PRESSED,  READ,  LOCAL_QUORUM, LOCAL_ONE,    false, 0
            READ,  SELECT, REPEATED, READ,  LOCAL_QUORUM, LOCAL_ONE,    false, 0
            READ,  SELECT, HELD,     READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            READ,  SELECT, RELEASED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, UP,     PRESSED,  STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  1
            STATS, UP,     REPEATED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  1
            STATS, UP,     HELD,     STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, UP,     RELEASED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, DOWN,   PRESSED,  STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  6
            STATS, DOWN,   REPEATED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  6
            STATS, DOWN,   HELD,     STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, DOWN,   RELEASED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, LEFT,   PRESSED,  READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, LEFT,   REPEATED, READ,  LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, LEFT,   HELD,     STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, LEFT,   RELEASED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, RIGHT,  PRESSED,  WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, RIGHT,  REPEATED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, RIGHT,  HELD,     STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, RIGHT,  RELEASED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, SELECT, PRESSED,  WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, SELECT, REPEATED, WRITE, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, SELECT, HELD,     STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            STATS, SELECT, RELEASED, STATS, LOCAL_QUORUM, LOCAL_ONE,    true,  0
            """)
    void everyKeyInEveryPage(CassandraState.Page page, KeypadButton key, ButtonEvent.Kind kind, CassandraState.Page toPage,
                             Level write, Level read, boolean readBack, int statsPage) {
        UiState s = machine.handle(connectedOn(page, 0), key(key, kind), SECOND).state();
        CassandraState c = s.cassandra();
        assertEquals(List.of(toPage, write, read, readBack, statsPage),
                List.of(c.page(), c.levels().write(), c.levels().read(), c.levels().readBack(), c.statsPage()));
        machine.render(s, "DC1 127.0.1.1", 0); // every reachable state renders (16-character rows checked by PlateFrame)
    }

    /**
     * The prediction page says what the write level survives in the client's latest view of its
     * replicas, and follows UP / DOWN through the levels; before the first view it says so.
     */
    @Test
    void thePredictionPageFollowsTheViewAndTheLevel() {
        UiState s = connectedOn(CassandraState.Page.PREDICT, 0);
        assertEquals(List.of("LOCAL_QUORUM  ", "no view yet     ", Backlight.TEAL), predictionRows(s));
        // the CI cluster's layout: DC1 three racks of one replica, DC2 one rack of two
        List<ReplicaView.Member> members = List.of(
                new ReplicaView.Member("127.0.1.1", "DC1", "r1", true, true),
                new ReplicaView.Member("127.0.1.2", "DC1", "r2", true, true),
                new ReplicaView.Member("127.0.1.3", "DC1", "r3", false, true),
                new ReplicaView.Member("127.0.2.1", "DC2", "r1", true, true),
                new ReplicaView.Member("127.0.2.2", "DC2", "r1", true, true));
        ReplicaView view = new ReplicaView(members, Map.of("DC1", 3, "DC2", 2), "DC1", false);
        s = machine.handle(s, new UiEvent.ReplicasSeen(view), SECOND).state();
        // DC1 r3 is off: two of three left, and either other DC1 rack takes the quorum
        assertEquals(List.of("LOCAL_QUORUM  ", "2 racks fatal   ", Backlight.TEAL), predictionRows(s));
        s = machine.handle(s, key(KeypadButton.DOWN, ButtonEvent.Kind.PRESSED), 2 * SECOND).state();
        assertEquals(List.of("LOCAL_ONE     ", "survives 1 rack ", Backlight.TEAL), predictionRows(s));
        assertEquals(Level.LOCAL_ONE, s.cassandra().levels().write(), "the page sets the write level, as the write page does");
    }

    private List<Object> predictionRows(UiState s) {
        PlateFrame f = machine.render(s, "DC1", 3 * SECOND);
        return List.of(f.top().substring(0, 14), f.bottom(), f.backlight());
    }

    @Test
    void upCyclesEveryWriteLevelAndWrapsRound() {
        UiState s = connectedOn(CassandraState.Page.WRITE, 0);
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < Level.WRITE_LEVELS.size(); i++) {
            s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), i).state();
            seen.append(s.cassandra().levels().write()).append(' ');
        }
        assertEquals("EACH_QUORUM ANY ONE TWO THREE QUORUM ALL LOCAL_ONE LOCAL_QUORUM ", seen.toString());
    }

    @Test
    void pagesOtherThanWriteReturnAfterTheIdleTimeout() {
        for (CassandraState.Page page : CassandraState.Page.values()) {
            UiState s = on(connectedOn(page, 2), page, 2, 5 * SECOND);
            assertEquals(page, machine.handle(s, new UiEvent.Tick(), 24 * SECOND).state().cassandra().page(), "before the time-out");
            assertEquals(CassandraState.Page.WRITE, machine.handle(s, new UiEvent.Tick(), 25 * SECOND).state().cassandra().page());
        }
    }

    @Test
    void aKeyRestartsTheIdleClock() {
        UiState s = connectedOn(CassandraState.Page.READ, 0);
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 15 * SECOND).state();
        assertEquals(CassandraState.Page.READ, machine.handle(s, new UiEvent.Tick(), 30 * SECOND).state().cassandra().page());
        assertEquals(CassandraState.Page.WRITE, machine.handle(s, new UiEvent.Tick(), 35 * SECOND).state().cassandra().page());
    }

    @Test
    void resetDemoRestoresDefaultsAndClearsCounters() {
        UiState s = connectedOn(CassandraState.Page.READ, 0);
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 1).state();
        s = machine.handle(s, key(KeypadButton.SELECT, ButtonEvent.Kind.PRESSED), 2).state();
        s = machine.handle(s, new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC1", "r1")), 3).state();
        assertEquals(1, s.cassandra().writes().stats().succeeded());
        KeypadMachine.Transition t = machine.handle(s, key(StaffButton.RESET_DEMO, ButtonEvent.Kind.PRESSED), 4);
        assertEquals(List.of(CassandraState.Page.WRITE, Level.LOCAL_QUORUM, Level.LOCAL_ONE, true, Stats.EMPTY),
                List.of(t.state().cassandra().page(), t.state().cassandra().levels().write(), t.state().cassandra().levels().read(),
                        t.state().cassandra().levels().readBack(), t.state().cassandra().writes().stats()));
        assertEquals(List.of(KeypadMachine.Effect.NEW_RUN), t.effects(), "the button starts a new run of writes");
        assertEquals(List.of(), machine.handle(s, new UiEvent.ResetDemo(), 4).effects(),
                "democtl's reset started its own run, before its truncate");
    }

    /** The clock's state, as read, is kept and shown on the last statistics page. */
    @Test
    void theClocksStateIsShownOnTheLastStatisticsPage() {
        UiState s = connectedOn(CassandraState.Page.STATS, Frames.STATS_PAGES - 1);
        assertEquals(ClockSync.UNKNOWN, s.shared().clock());
        assertEquals("clock unchecked ", machine.render(s, "DC1", 0).bottom());
        s = machine.handle(s, new UiEvent.ClockSeen(ClockSync.NOT_SYNCHRONISED), 1).state();
        assertEquals(ClockSync.NOT_SYNCHRONISED, s.shared().clock());
        assertEquals("clock NOT synced", machine.render(s, "DC1", 1).bottom());
        s = machine.handle(s, new UiEvent.ClockSeen(ClockSync.SYNCHRONISED), 2).state();
        assertEquals("clock synced    ", machine.render(s, "DC1", 2).bottom());
    }

    @Test
    void restartDisplayAsksForAReinitialisationAndSaysSo() {
        KeypadMachine.Transition t = machine.handle(connectedOn(CassandraState.Page.WRITE, 0),
                key(StaffButton.RESTART_DISPLAY, ButtonEvent.Kind.PRESSED), 1);
        assertEquals(List.of(KeypadMachine.Effect.RESTART_DISPLAY), t.effects());
        assertEquals(List.of("Display         ", "restarted       ", Backlight.VIOLET), frame(t.state(), 1));
    }

    /**
     * {@code b} pressed at 0 and still down: from {@code from} to {@code to} seconds, what the
     * sampler reports (a HELD with the measured hold every 500 ms) and the ui's ticks every 100 ms.
     */
    private KeypadMachine.Transition holding(UiState s, StaffButton b, double from, double to,
                                             List<KeypadMachine.Effect> effects) {
        KeypadMachine.Transition t = KeypadMachine.Transition.of(s);
        for (long now = (long) (from * SECOND); now <= (long) (to * SECOND); now += SECOND / 10) {
            if (now % (SECOND / 2) == 0) {
                t = machine.handle(t.state(), new UiEvent.Button(new ButtonEvent(b, ButtonEvent.Kind.HELD,
                        Duration.ofNanos(now))), now);
                effects.addAll(t.effects());
            }
            t = machine.handle(t.state(), new UiEvent.Tick(), now);
            effects.addAll(t.effects());
        }
        return t;
    }

    /** Runs ticks every 100 ms from {@code from} to {@code to} seconds; returns the state and every effect. */
    private KeypadMachine.Transition ticks(UiState s, double from, double to, List<KeypadMachine.Effect> effects) {
        KeypadMachine.Transition t = KeypadMachine.Transition.of(s);
        for (long now = (long) (from * SECOND); now <= (long) (to * SECOND); now += SECOND / 10) {
            t = machine.handle(t.state(), new UiEvent.Tick(), now);
            effects.addAll(t.effects());
        }
        return t;
    }

    @Test
    void shortPressesOfThePowerButtonsDoNothingButSaySo() {
        for (StaffButton b : List.of(StaffButton.POWER_OFF, StaffButton.REBOOT)) {
            List<KeypadMachine.Effect> effects = new java.util.ArrayList<>();
            UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(b, ButtonEvent.Kind.PRESSED), 0).state();
            s = ticks(s, 0.1, 0.5, effects).state();
            s = machine.handle(s, new UiEvent.Button(ButtonEvent.released(b, Duration.ofMillis(500))), SECOND / 2).state();
            assertEquals(List.of(b == StaffButton.POWER_OFF ? "Power off       " : "Reboot          ", "cancelled       ",
                    Backlight.VIOLET), frame(s, SECOND / 2));
            s = ticks(s, 0.6, 10, effects).state();
            assertEquals(List.of(), effects, "a short press must never power anything off");
            assertEquals("W:LOCAL_QUORUM", machine.render(s, "x", 10 * SECOND).top().substring(0, 14), "the notice went");
        }
    }

    @Test
    void aFullHoldCountsDownAndTriggersExactlyOnePowerAction() {
        for (StaffButton b : List.of(StaffButton.POWER_OFF, StaffButton.REBOOT)) {
            List<KeypadMachine.Effect> effects = new java.util.ArrayList<>();
            UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(b, ButtonEvent.Kind.PRESSED), 0).state();
            String action = b == StaffButton.POWER_OFF ? "Power off" : "Reboot";
            assertEquals(List.of(right(action, "3.0s"), "release: cancel ", Backlight.VIOLET), frame(s, 0));
            assertEquals(right(action, "1.8s"), frame(s, 1_200_000_000L).get(0));
            KeypadMachine.Transition t = holding(s, b, 0.1, 2.9, effects);
            assertEquals(List.of(), effects);
            t = holding(t.state(), b, 3.0, 6.0, effects);
            assertEquals(List.of(b == StaffButton.POWER_OFF ? KeypadMachine.Effect.POWER_OFF : KeypadMachine.Effect.REBOOT), effects);
            // the held button's HELD events and its release change nothing now
            UiState after = machine.handle(t.state(), new UiEvent.Button(new ButtonEvent(b, ButtonEvent.Kind.HELD,
                    Duration.ofSeconds(6))), 6 * SECOND).state();
            KeypadMachine.Transition released = machine.handle(after, new UiEvent.Button(
                    ButtonEvent.released(b, Duration.ofSeconds(7))), 7 * SECOND);
            assertEquals(List.of(), released.effects());
            assertEquals(pad(b == StaffButton.POWER_OFF ? "Powering off..." : "Rebooting..."), frame(released.state(), 60 * SECOND).get(0));
        }
    }

    @Test
    void aFailedPowerCommandIsShownInsteadOfPoweringOff() {
        UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.POWER_OFF, ButtonEvent.Kind.PRESSED), 0).state();
        s = holding(s, StaffButton.POWER_OFF, 0.1, 3.1, new java.util.ArrayList<>()).state();
        s = machine.handle(s, new UiEvent.PowerFailed("exit 1"), 4 * SECOND).state();
        assertEquals(List.of("Power cmd failed", "exit 1          ", Backlight.VIOLET), frame(s, 4 * SECOND));
    }

    @Test
    void severalStaffButtonsAtOnceCancelTheHold() {
        List<KeypadMachine.Effect> effects = new java.util.ArrayList<>();
        UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.POWER_OFF, ButtonEvent.Kind.PRESSED), 0).state();
        s = machine.handle(s, key(StaffButton.REBOOT, ButtonEvent.Kind.PRESSED), SECOND).state();
        assertEquals(List.of("Power off       ", "cancelled: 2 key", Backlight.VIOLET).subList(0, 1), frame(s, SECOND).subList(0, 1));
        s = ticks(s, 1.1, 8, effects).state();
        assertEquals(List.of(), effects);
        // a reset pressed during a hold cancels the hold and does not reset
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 8500 * MILLI).state();
        s = machine.handle(s, key(StaffButton.POWER_OFF, ButtonEvent.Kind.PRESSED), 9 * SECOND).state();
        s = machine.handle(s, key(StaffButton.RESET_DEMO, ButtonEvent.Kind.PRESSED), 10 * SECOND).state();
        assertEquals(Level.EACH_QUORUM, s.cassandra().levels().write(), "not reset: the reset came while a power button was held");
        s = ticks(s, 10.1, 15, effects).state();
        assertEquals(List.of(), effects);
    }

    /**
     * The power-off: a half-second press whose release came late (the ui stalled behind
     * a journal) or never (dropped from a full queue) was completed by the ui's clock 3 s after
     * the press. Only the sampler's measure of the hold completes it.
     */
    @Test
    void aHoldCompletesOnlyOnTheSamplersMeasureNeverOnTheClockOrAMissingRelease() {
        List<KeypadMachine.Effect> effects = new java.util.ArrayList<>();
        UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.POWER_OFF, ButtonEvent.Kind.PRESSED), 0).state();
        KeypadMachine.Transition t = holding(s, StaffButton.POWER_OFF, 0.1, 0.5, effects);
        // the release is late: ten seconds of ticks and outcomes first, and a HELD measured at 2.5 s
        t = ticks(t.state(), 0.6, 10, effects);
        effects.addAll(machine.handle(t.state(), new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC1", "r1")), 10 * SECOND).effects());
        t = machine.handle(t.state(), new UiEvent.Button(new ButtonEvent(StaffButton.POWER_OFF, ButtonEvent.Kind.HELD,
                Duration.ofMillis(2500))), 10 * SECOND);
        effects.addAll(t.effects());
        assertEquals(List.of(), effects, "no power-off without a measured hold of 3 s");
        assertEquals("Power off   0.0s", frame(t.state(), 10 * SECOND).get(0), "the countdown waits at zero");
        t = machine.handle(t.state(), new UiEvent.Button(ButtonEvent.released(StaffButton.POWER_OFF, Duration.ofMillis(500))),
                10 * SECOND);
        assertEquals(List.of(), t.effects());
        assertEquals(List.of("Power off       ", "cancelled       ", Backlight.VIOLET), frame(t.state(), 10 * SECOND));
        // a REPEATED carries the measure too
        s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.REBOOT, ButtonEvent.Kind.PRESSED), 0).state();
        t = machine.handle(s, new UiEvent.Button(new ButtonEvent(StaffButton.REBOOT, ButtonEvent.Kind.REPEATED,
                Duration.ofMillis(3010))), 3010 * MILLI);
        assertEquals(List.of(KeypadMachine.Effect.REBOOT), t.effects());
    }

    /**
     * Tried as a new user would in laptop mode: a held power-off key counted down and then said
     * "Powering off..." for ever, while the writes went on. A simulated power-off says so and the
     * demo is back a few seconds later.
     */
    @Test
    void aSimulatedPowerOffSaysSoAndTheDemoComesBack() {
        List<KeypadMachine.Effect> effects = new java.util.ArrayList<>();
        UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.POWER_OFF, ButtonEvent.Kind.PRESSED), 0).state();
        s = holding(s, StaffButton.POWER_OFF, 0.1, 3.1, effects).state();
        assertEquals(List.of(KeypadMachine.Effect.POWER_OFF), effects);
        assertEquals("Powering off... ", frame(s, 3200 * MILLI).get(0));
        s = machine.handle(s, new UiEvent.PowerSimulated(true), 3300 * MILLI).state();
        assertEquals(List.of("Power off       ", "simulated only  ", Backlight.VIOLET), frame(s, 3300 * MILLI));
        s = ticks(s, 3.4, 7.5, effects).state();
        assertTrue(frame(s, 7500 * MILLI).get(0).toString().startsWith("W:"), "the demo is back: " + frame(s, 7500 * MILLI));
        s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), new UiEvent.PowerSimulated(false), 0).state();
        assertEquals(List.of("Reboot          ", "simulated only  ", Backlight.VIOLET), frame(s, 0));
    }

    /** No key changes anything unseen while a staff screen is up. */
    @Test
    void keysChangeNothingUnseenUnderAStaffScreen() {
        UiState start = connectedOn(CassandraState.Page.WRITE, 0);
        // during a hold's countdown: nothing
        UiState s = machine.handle(start, key(StaffButton.REBOOT, ButtonEvent.Kind.PRESSED), 0).state();
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), SECOND).state();
        assertEquals(start.cassandra().levels().write(), s.cassandra().levels().write(), "a level changed under the countdown");
        // while the power goes off for real: nothing, however long
        s = holding(s, StaffButton.REBOOT, 1.1, 3.1, new java.util.ArrayList<>()).state();
        assertEquals("Rebooting...    ", frame(s, 3200 * MILLI).get(0));
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 4 * SECOND).state();
        s = machine.handle(s, key(KeypadButton.RIGHT, ButtonEvent.Kind.PRESSED), 5 * SECOND).state();
        assertEquals(start.cassandra().levels().write(), s.cassandra().levels().write());
        assertEquals(CassandraState.Page.WRITE, s.cassandra().page());
        assertEquals("Rebooting...    ", frame(s, 5 * SECOND).get(0));
        // over a notice, the first key only brings the demo back; the next one acts
        s = machine.handle(start, key(StaffButton.RESET_DEMO, ButtonEvent.Kind.PRESSED), 0).state();
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 500 * MILLI).state();
        assertEquals(start.cassandra().levels().write(), s.cassandra().levels().write(), "a level changed under 'Demo reset'");
        assertTrue(frame(s, 500 * MILLI).get(0).toString().startsWith("W:"), "the demo is back: " + frame(s, 500 * MILLI));
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 600 * MILLI).state();
        assertEquals(start.cassandra().levels().write().step(Level.WRITE_LEVELS, 1), s.cassandra().levels().write());
    }

    @Test
    void resetDemoSaysSoForAWhile() {
        UiState s = machine.handle(connectedOn(CassandraState.Page.WRITE, 0), key(StaffButton.RESET_DEMO, ButtonEvent.Kind.PRESSED), 0).state();
        assertEquals(List.of("Demo reset      ", "levels, counters", Backlight.VIOLET), frame(s, 0));
        s = machine.handle(s, new UiEvent.Tick(), 2 * SECOND).state();
        assertEquals(Optional.empty(), s.staff().notice());
    }

    private List<Object> frame(UiState s, long now) {
        PlateFrame f = machine.render(s, "x", now);
        return List.of(f.top(), f.bottom(), f.backlight());
    }

    private static String right(String label, String value) {
        return label + " ".repeat(16 - label.length() - value.length()) + value;
    }

    private static String pad(String s) {
        return s + " ".repeat(16 - s.length());
    }

    @Test
    void screensFollowTheState() {
        UiState s = machine.initial(0);
        assertEquals(PlateFrame.of("Connecting to   ", "DC1 127.0.1.1   ", Backlight.YELLOW).top(),
                machine.render(s, "DC1 127.0.1.1", 0).top());
        s = machine.handle(s, new UiEvent.Connecting(Duration.ofSeconds(7)), 0).state();
        assertEquals("Connecting 7s   ", machine.render(s, "DC1 127.0.1.1", 0).top());
        s = machine.handle(s, new UiEvent.Connected(), 0).state();
        assertEquals("next write...   ", machine.render(s, "x", 0).bottom());
        s = machine.handle(s, new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC1", "r2")), 0).state();
        assertEquals(List.of("DC1 r2 n1   12ms", Backlight.GREEN), bottomAndColour(s));
        s = machine.handle(s, new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC2", "r1")), 0).state();
        assertEquals(List.of("DC2 r1 n1   12ms", Backlight.BLUE), bottomAndColour(s));
        s = machine.handle(s, new UiEvent.Outcome(failed(Level.LOCAL_QUORUM, new Failure.Unavailable(Level.LOCAL_QUORUM, 2, 1))), 0).state();
        assertEquals(List.of("Unavail 1/2 up  ", Backlight.RED), bottomAndColour(s));
        s = machine.handle(s, key(KeypadButton.UP, ButtonEvent.Kind.PRESSED), 0).state();
        assertEquals(List.of("next write...   ", Backlight.WHITE), bottomAndColour(s), "a new level: the old result is not shown");
        s = machine.handle(s, new UiEvent.Paused(true), 0).state();
        assertEquals(List.of("PAUSED by staff ", Backlight.VIOLET), bottomAndColour(s));
        s = machine.handle(s, new UiEvent.Stopping(), 0).state();
        assertEquals("Demo stopping...", machine.render(s, "x", 0).top());
    }

    /**
     * Between visitors: after a minute without a key the write page's bottom row alternates
     * between the last result and the invitation, over a success only, in the result's colour;
     * a failure shows with its own write, a key ends it, a pause or another page hides it.
     */
    @Test
    void theInvitationComesAfterTheIdleTimeOverSuccessesOnlyAndGivesWayToAFailureAtOnce() {
        KeypadMachine inviting = new KeypadMachine(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true, Duration.ofSeconds(20),
                Duration.ofSeconds(60), "DC1", Duration.ofSeconds(3), booth.model.Demo.CASSANDRA, booth.model.Acks.ALL);
        UiState s = connectedOn(CassandraState.Page.WRITE, 0);
        s = inviting.handle(s, new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC1", "r2")), 59 * SECOND).state();
        String result = "DC1 r2 n1   12ms";
        assertEquals(result, inviting.render(s, "x", 59 * SECOND).bottom(), "before the idle time");
        assertEquals(result, inviting.render(s, "x", 61 * SECOND).bottom(), "a turn of the result first");
        PlateFrame invitation = inviting.render(s, "x", 62 * SECOND);
        assertEquals(List.of("W:LOCAL_QUORUM" + Frames.UP_DOWN + Frames.RIGHT, Frames.INVITATION, Backlight.GREEN),
                List.of(invitation.top(), invitation.bottom(), invitation.backlight()), "the write page's level and colour");
        assertEquals(result, inviting.render(s, "x", 64 * SECOND).bottom(), "alternating");
        assertEquals(Frames.INVITATION, inviting.render(s, "x", 66 * SECOND).bottom());

        // a remote coordinator's success: the invitation in its blue
        UiState remote = inviting.handle(s, new UiEvent.Outcome(written(Level.LOCAL_QUORUM, "DC2", "r1")), 62 * SECOND).state();
        assertEquals(Backlight.BLUE, inviting.render(remote, "x", 62 * SECOND).backlight());

        // a failure shows at once, with the write that failed, and holds the page while it lasts
        UiState failing = inviting.handle(s, new UiEvent.Outcome(failed(Level.LOCAL_QUORUM,
                new Failure.Unavailable(Level.LOCAL_QUORUM, 2, 1))), 62 * SECOND).state();
        for (long t = 62; t < 70; t++) {
            PlateFrame f = inviting.render(failing, "x", t * SECOND);
            assertEquals(Backlight.RED, f.backlight());
            assertFalse(f.bottom().equals(Frames.INVITATION), "never over a failure, at " + t + " s");
        }

        // a key ends it, and the minute starts again
        UiState touched = inviting.handle(s, key(KeypadButton.SELECT, ButtonEvent.Kind.PRESSED), 62 * SECOND).state();
        assertEquals(result, inviting.render(touched, "x", 62 * SECOND).bottom());
        assertEquals(result, inviting.render(touched, "x", 121 * SECOND).bottom());
        assertEquals(Frames.INVITATION, inviting.render(touched, "x", 124 * SECOND).bottom());

        // paused by staff, another page, a level whose first write is still to come: no invitation
        UiState paused = inviting.handle(s, new UiEvent.Paused(true), 62 * SECOND).state();
        assertEquals("PAUSED by staff ", inviting.render(paused, "x", 62 * SECOND).bottom());
        assertEquals("LOCAL_QUORUM", inviting.render(on(s, CassandraState.Page.PREDICT, 0, 0), "x", 62 * SECOND).top().strip()
                .substring(0, 12), "the prediction page stays itself");
        UiState newLevel = withLevels(s, s.cassandra().levels().withWrite(Level.ALL));
        assertEquals("next write...   ", inviting.render(newLevel, "x", 62 * SECOND).bottom());
        // and never without invite-after
        assertEquals(result, machine.render(s, "x", 62 * SECOND).bottom());
    }

    @Test
    void aFailuresRowAlternatesBetweenItsNumbersAndItsCoordinator() {
        UiState s = connectedOn(CassandraState.Page.WRITE, 0);
        WriteOutcome timeout = new WriteOutcome("0a1b2c3d4e5f", 3, Instant.EPOCH, Level.LOCAL_QUORUM, Level.LOCAL_ONE,
                Optional.of(new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1")), Duration.ofMillis(500),
                Optional.of(new Failure.WriteTimeout(Level.LOCAL_QUORUM, 1, 2, "SIMPLE")), ReadBack.NOT_READ);
        s = machine.handle(s, new UiEvent.Outcome(timeout), 0).state();
        assertEquals("Timeout 1/2 acks", machine.render(s, "x", 0).bottom());
        assertEquals("Timeout 1/2 acks", machine.render(s, "x", 1_999_000_000L).bottom());
        assertEquals("at DC1 r1 n1    ", machine.render(s, "x", 2 * SECOND).bottom());
        assertEquals("Timeout 1/2 acks", machine.render(s, "x", 4 * SECOND).bottom());
        // without a known coordinator the numbers stay
        s = machine.handle(s, new UiEvent.Outcome(failed(Level.LOCAL_QUORUM, new Failure.NoNodeAvailable())), 0).state();
        assertEquals("No coordinator  ", machine.render(s, "x", 2 * SECOND).bottom());
    }

    @Test
    void skippedTicksAreCounted() {
        UiState s = connectedOn(CassandraState.Page.WRITE, 0);
        s = machine.handle(s, new UiEvent.SkippedTick(), 0).state();
        s = machine.handle(s, new UiEvent.SkippedTick(), 0).state();
        assertEquals(2, s.cassandra().writes().stats().skipped());
    }

    /** Random keys, holds, outcomes and time: never an exception, every frame valid, levels always valid. */
    @Test
    void mashingNeverBreaksIt() {
        Random random = new Random(7);
        UiState s = machine.initial(0);
        Key[] keys = {KeypadButton.UP, KeypadButton.DOWN, KeypadButton.LEFT, KeypadButton.RIGHT, KeypadButton.SELECT,
            StaffButton.RESET_DEMO, StaffButton.RESTART_DISPLAY, StaffButton.POWER_OFF};
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            now += random.nextInt(300) * 1_000_000L;
            UiEvent e = switch (random.nextInt(6)) {
                case 0, 1, 2 -> key(keys[random.nextInt(keys.length)], ButtonEvent.Kind.values()[random.nextInt(4)]);
                case 3 -> new UiEvent.Outcome(random.nextBoolean() ? written(s.cassandra().levels().write(), "DC1", "r1")
                        : failed(s.cassandra().levels().write(), new Failure.WriteTimeout(s.cassandra().levels().write(), 1, 2, "SIMPLE")));
                case 4 -> new UiEvent.Tick();
                default -> random.nextBoolean() ? new UiEvent.Connected() : new UiEvent.SkippedTick();
            };
            s = machine.handle(s, e, now).state();
            PlateFrame f = machine.render(s, "DC1 127.0.1.1", 0);
            assertEquals(16, f.top().length());
            assertTrue(Level.WRITE_LEVELS.contains(s.cassandra().levels().write())
                    && Level.READ_LEVELS.contains(s.cassandra().levels().read()));
            assertTrue(s.cassandra().statsPage() >= 0 && s.cassandra().statsPage() < booth.display.Frames.STATS_PAGES);
        }
    }

    private List<Object> bottomAndColour(UiState s) {
        PlateFrame f = machine.render(s, "x", 0);
        return List.of(f.bottom(), f.backlight());
    }

    /**
     * The connecting clock counts on its own: the connector reports only now and then (it is
     * silent while it creates the schema, for seconds), and the ui's one-second ticks alone must
     * move the screen on every second.
     */
    @Test
    void theConnectingClockAdvancesEverySecondOnTicksAlone() {
        UiState s = machine.initial(0);
        s = machine.handle(s, new UiEvent.Connecting(Duration.ofSeconds(3)), 3 * SECOND).state();
        List<String> tops = new java.util.ArrayList<>();
        for (long t = 3; t <= 9; t++) {
            s = machine.handle(s, new UiEvent.Tick(), t * SECOND).state();
            tops.add(machine.render(s, "DC1 127.0.1.1", t * SECOND).top().strip());
        }
        assertEquals(List.of("Connecting 3s", "Connecting 4s", "Connecting 5s", "Connecting 6s", "Connecting 7s",
                "Connecting 8s", "Connecting 9s"), tops);
        s = machine.handle(s, new UiEvent.Connected(), 10 * SECOND).state();
        assertEquals(Duration.ZERO, s.cassandra().connectingFor(11 * SECOND));
    }

    /**
     * A failure's numbers come first, for a full turn, whenever the failure changes kind; then
     * the row alternates with where it happened. The same failure again keeps the rhythm.
     */
    @Test
    void aNewFailureShowsItsNumbersForAFullTurnFirst() {
        Coordinator r1 = new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1");
        WriteOutcome unavailable = new WriteOutcome("0a1b2c3d4e5f", 2, Instant.EPOCH, Level.ALL, Level.LOCAL_ONE, Optional.of(r1),
                Duration.ofMillis(3), Optional.of(new Failure.Unavailable(Level.ALL, 5, 4)), ReadBack.NOT_READ);
        WriteOutcome timeout = new WriteOutcome("0a1b2c3d4e5f", 3, Instant.EPOCH, Level.ALL, Level.LOCAL_ONE, Optional.of(r1),
                Duration.ofMillis(900), Optional.of(new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE")), ReadBack.NOT_READ);
        UiState s = withLevels(connectedOn(CassandraState.Page.WRITE, 0), new CassandraState.Levels(Level.ALL, Level.LOCAL_ONE, true));
        // 3.9 s: in the old rhythm (absolute time) this was already the "at" half of a turn
        long t0 = 3_900_000_000L;
        s = machine.handle(s, new UiEvent.Outcome(unavailable), t0).state();
        List<String> rows = new java.util.ArrayList<>();
        for (long ms = 0; ms < 6000; ms += 500) {
            if (ms == 1000 || ms == 2000 || ms == 3000) {
                s = machine.handle(s, new UiEvent.Outcome(unavailable), t0 + ms * 1_000_000).state(); // the same again
            }
            rows.add(ms + " " + machine.render(s, "x", t0 + ms * 1_000_000).bottom().strip());
        }
        assertEquals(List.of("0 Unavail 4/5 up", "500 Unavail 4/5 up", "1000 Unavail 4/5 up", "1500 Unavail 4/5 up",
                "2000 at DC1 r1 n1", "2500 at DC1 r1 n1", "3000 at DC1 r1 n1", "3500 at DC1 r1 n1",
                "4000 Unavail 4/5 up", "4500 Unavail 4/5 up", "5000 Unavail 4/5 up", "5500 Unavail 4/5 up"), rows);
        long t1 = t0 + 6_500_000_000L; // in the "at" half of the unavailable's rhythm
        s = machine.handle(s, new UiEvent.Outcome(timeout), t1).state();
        assertEquals("Timeout 4/5 acks", machine.render(s, "x", t1).bottom());
        assertEquals("Timeout 4/5 acks", machine.render(s, "x", t1 + 1_999_000_000L).bottom());
        assertEquals("at DC1 r1 n1", machine.render(s, "x", t1 + 2_000_000_000L).bottom().strip());
    }
}
