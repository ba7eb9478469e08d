package booth.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.hal.Backlight;
import booth.hal.PlateFrame;
import booth.model.ClockSync;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import booth.model.ReadBack;
import booth.model.Stats;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden 2x16 strings for every screen; the glyphs shown as ↕ → ← ✓ for readability. */
class FramesTest {
    private static final Coordinator R2 = new Coordinator("DC1", "r2", "127.0.1.2", "rpidc1r2n1");

    private static String show(PlateFrame f) {
        StringBuilder b = new StringBuilder();
        for (char c : (f.top() + "|" + f.bottom()).toCharArray()) {
            int slot = c - booth.hal.CharacterRom.GLYPH_BASE;
            b.append(slot >= 0 && slot < 4 ? Frames.GLYPH_LOOKS.charAt(slot) : c);
        }
        return b + " " + f.backlight();
    }

    private static WriteOutcome outcome(Level level, Optional<Coordinator> c, Duration latency, Failure f, ReadBack r) {
        return new WriteOutcome("0a1b2c3d4e5f", 5, Instant.EPOCH, level, Level.LOCAL_ONE, c, latency, Optional.ofNullable(f), r);
    }

    /** Written, but the driver named no coordinator: said so, in white (neither local nor remote). */
    @Test
    void aWriteWithAnUnknownCoordinatorIsShownAsWritten() {
        PlateFrame f = Frames.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.empty(), Duration.ofMillis(12), null,
                ReadBack.NOT_READ)), "DC1", false);
        assertEquals("ok, node ?  12ms", f.bottom());
        assertEquals(Backlight.WHITE, f.backlight());
    }

    @Test
    void goldenScreens() {
        Optional<WriteOutcome> ok = Optional.of(outcome(Level.ALL, Optional.of(R2), Duration.ofMillis(12), null,
                new ReadBack.Current(Duration.ofMillis(3))));
        Coordinator remote = new Coordinator("DC2", "r1", "127.0.2.12", null);
        List<String> seen = List.of(
                show(Frames.starting()),
                show(Frames.connecting("DC1 127.0.1.1", Duration.ofSeconds(1))),
                show(Frames.connecting("DC1 127.0.1.1", Duration.ofSeconds(42))),
                show(Frames.writePage(Level.ALL, Optional.empty(), "DC1", false)),
                show(Frames.writePage(Level.ALL, ok, "DC1", false)),
                show(Frames.writePage(Level.ONE, Optional.of(outcome(Level.ONE, Optional.of(remote), Duration.ofMillis(1234), null, ReadBack.NOT_READ)), "DC1", false)),
                show(Frames.writePage(Level.LOCAL_QUORUM, ok, "DC1", false)),
                show(Frames.writePage(Level.EACH_QUORUM, Optional.empty(), "DC1", true)),
                show(Frames.readPage(Level.LOCAL_ONE, true, ok)),
                show(Frames.readPage(Level.LOCAL_ONE, false, ok)),
                show(Frames.readPage(Level.LOCAL_ONE, true, Optional.of(outcome(Level.ONE, Optional.of(R2), Duration.ofMillis(5), null,
                        new ReadBack.Stale(1, 5, Duration.ofMillis(4)))))),
                show(Frames.readPage(Level.LOCAL_ONE, true, Optional.of(outcome(Level.ONE, Optional.of(R2), Duration.ofMillis(5), null,
                        new ReadBack.Missing(Duration.ofMillis(4)))))),
                show(Frames.statsPage(0, Stats.EMPTY.with(ok.get()).with(ok.get()), ClockSync.SYNCHRONISED)),
                show(Frames.statsPage(1, Stats.EMPTY.with(ok.get()).with(ok.get()), ClockSync.SYNCHRONISED)),
                show(Frames.stopping()));
        assertEquals(List.of(
                "Resilience demo |starting...      WHITE",
                "Connecting to   |DC1 127.0.1.1    YELLOW",
                "Connecting 42s  |DC1 127.0.1.1    YELLOW",
                "W:ALL         ↕→|next write...    WHITE",
                "W:ALL         ↕→|DC1 r2 n1   12ms GREEN",
                "W:ONE         ↕→|DC2 r1 .12  1.2s BLUE",
                "W:LOCAL_QUORUM↕→|next write...    WHITE",
                "W:EACH_QUORUM ↕→|PAUSED by staff  VIOLET",
                "R:LOCAL_ONE   ↕→|read ✓ ok    3ms TEAL",
                "R:LOCAL_ONE   ↕→|read off: SELECT TEAL",
                "R:LOCAL_ONE   ↕→|STALE read   4ms TEAL",
                "R:LOCAL_ONE   ↕→|MISSING      4ms TEAL",
                "ok             2|failed         0 YELLOW",
                "p50 write   12ms|p99 write   12ms YELLOW",
                "Demo stopping...|                 WHITE"), seen);
    }

    @Test
    void everyFailureKindWithItsNumbers() {
        List<String> lines = new ArrayList<>();
        for (Failure f : List.of(new Failure.Unavailable(Level.ALL, 5, 4), new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"),
                new Failure.ReadTimeout(Level.QUORUM, 1, 2, false), new Failure.ClientTimeout(Duration.ofSeconds(1)),
                new Failure.NoNodeAvailable(), new Failure.Overloaded("too many requests"),
                new Failure.Unavailable(Level.EACH_QUORUM, 2, 0), new Failure.ConnectionLost("HeartbeatException"),
                new Failure.Other("InvalidQueryException", "x"), new Failure.Other("AVeryLongExceptionClassNameIndeed", "x"))) {
            PlateFrame f1 = Frames.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.empty(), Duration.ofMillis(500), f,
                    ReadBack.NOT_READ)), "DC1", false);
            assertEquals(Backlight.RED, f1.backlight());
            lines.add(f1.bottom());
        }
        assertEquals(List.of("Unavail 4/5 up  ", "Timeout 4/5 acks", "RdTimeout 1/2   ", "No answer 1.0s  ",
                "No coordinator  ", "Overloaded      ", "Unav a DC <2 up ", "Connection lost ", "InvalidQueryExce",
                "AVeryLongExcepti"), lines);
    }

    /** A lost connection says which coordinator stopped answering, when the driver knows it. */
    @Test
    void aLostConnectionNamesTheCoordinator() {
        Coordinator r3 = new Coordinator("DC1", "r3", "127.0.1.32", "rpidc1r3n2");
        PlateFrame f = Frames.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.of(r3), Duration.ofMillis(900),
                new Failure.ConnectionLost("HeartbeatException"), ReadBack.NOT_READ)), "DC1", false, false);
        assertEquals("Lost DC1 r3 n2  ", f.bottom());
        assertEquals(Backlight.RED, f.backlight());
    }

    /** The last statistics page says whether the Pi's clock is synchronised, in 16 characters at most. */
    @Test
    void theLastStatisticsPageSaysTheClocksState() {
        for (ClockSync c : ClockSync.values()) {
            PlateFrame f = Frames.statsPage(Frames.STATS_PAGES - 1, Stats.EMPTY, c);
            assertEquals(c.words(), f.bottom().strip());
            assertEquals(16, f.bottom().length());
        }
        assertEquals("clock NOT synced", Frames.statsPage(6, Stats.EMPTY, ClockSync.NOT_SYNCHRONISED).bottom());
    }

    @Test
    void everyStatisticsPageAndEveryLevelFitSixteenCharacters() {
        Stats big = Stats.EMPTY;
        for (int p = 0; p < Frames.STATS_PAGES; p++) {
            assertEquals(16, Frames.statsPage(p, big, ClockSync.SYNCHRONISED).top().length());
        }
        for (Level level : Level.values()) {
            assertEquals(16, Frames.writePage(level, Optional.empty(), "DC1", false).top().length());
            assertEquals(16, Frames.readPage(level, true, Optional.empty()).top().length());
        }
        assertEquals("Unavail      123", Frames.statsPage(2, new Stats(java.util.Map.of(booth.model.OutcomeKind.UNAVAILABLE, 123L), new int[0], 0), ClockSync.SYNCHRONISED).top());
    }

    /**
     * Every field at its widest: latencies from 1 ms to 99.9 s (the tenth cut, never rounded up
     * to six characters), counters to a million, the widest failure numbers and levels. Nothing
     * may be cut by the 16-character frame: each line is compared whole.
     */
    @Test
    void everyFieldAtItsWidestFits() {
        List<String> seen = new ArrayList<>();
        for (long ms : new long[] {1, 99, 100, 999, 1000, 9_999, 10_000, 99_999, 100_000, 1_234_567}) {
            Duration d = Duration.ofMillis(ms);
            Stats stats = Stats.EMPTY.with(outcome(Level.ALL, Optional.of(R2), d, null, ReadBack.NOT_READ));
            seen.add(show(Frames.writePage(Level.LOCAL_QUORUM, Optional.of(outcome(Level.LOCAL_QUORUM, Optional.of(R2), d, null,
                    ReadBack.NOT_READ)), "DC1", false)).substring(17)
                    + " / " + show(Frames.readPage(Level.LOCAL_ONE, true, Optional.of(outcome(Level.ONE, Optional.of(R2), d, null,
                    new ReadBack.Missing(d))))).substring(17)
                    + " / " + show(Frames.statsPage(1, stats, ClockSync.SYNCHRONISED)).substring(17)
                    + " / " + Frames.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.empty(), d,
                    new Failure.ClientTimeout(d), ReadBack.NOT_READ)), "DC1", false).bottom());
        }
        assertEquals(List.of(
                "DC1 r2 n1    1ms GREEN / MISSING      1ms TEAL / p99 write    1ms YELLOW / No answer 1ms   ",
                "DC1 r2 n1   99ms GREEN / MISSING     99ms TEAL / p99 write   99ms YELLOW / No answer 99ms  ",
                "DC1 r2 n1  100ms GREEN / MISSING    100ms TEAL / p99 write  100ms YELLOW / No answer 100ms ",
                "DC1 r2 n1  999ms GREEN / MISSING    999ms TEAL / p99 write  999ms YELLOW / No answer 999ms ",
                "DC1 r2 n1   1.0s GREEN / MISSING     1.0s TEAL / p99 write   1.0s YELLOW / No answer 1.0s  ",
                "DC1 r2 n1   9.9s GREEN / MISSING     9.9s TEAL / p99 write   9.9s YELLOW / No answer 9.9s  ",
                "DC1 r2 n1  10.0s GREEN / MISSING    10.0s TEAL / p99 write  10.0s YELLOW / No answer 10.0s ",
                "DC1 r2 n1  99.9s GREEN / MISSING    99.9s TEAL / p99 write  99.9s YELLOW / No answer 99.9s ",
                "DC1 r2 n1   100s GREEN / MISSING     100s TEAL / p99 write   100s YELLOW / No answer 100s  ",
                "DC1 r2 n1  1234s GREEN / MISSING    1234s TEAL / p99 write  1234s YELLOW / No answer 1234s "), seen);

        java.util.Map<booth.model.OutcomeKind, Long> counts = new java.util.EnumMap<>(booth.model.OutcomeKind.class);
        for (booth.model.OutcomeKind k : booth.model.OutcomeKind.values()) {
            counts.put(k, 1_000_000L);
        }
        counts.put(booth.model.OutcomeKind.UNAVAILABLE, 99_999L);
        counts.put(booth.model.OutcomeKind.WRITE_TIMEOUT, 100_000L);
        counts.put(booth.model.OutcomeKind.READ_TIMEOUT, 12_345_678L);
        Stats many = new Stats(counts, new int[0], 1_000_000);
        List<String> pages = new ArrayList<>();
        for (int p = 0; p < Frames.STATS_PAGES; p++) {
            pages.add(show(Frames.statsPage(p, many, ClockSync.SYNCHRONISED)));
        }
        assertEquals(List.of(
                "ok       1000000|failed  17545677 YELLOW",
                "p50 write      -|p99 write      - YELLOW",
                "Unavail    99999|Wr timeout  100k YELLOW",
                "Rd timeout 12.3M|No answer   1.0M YELLOW",
                "No node  1000000|Conn lost   1.0M YELLOW",
                "Overloaded  1.0M|Other    1000000 YELLOW",
                "Ticks skip  1.0M|clock synced     YELLOW"), pages);

        assertEquals("Connecting 9999s", Frames.connecting("DC1 127.0.1.1", Duration.ofSeconds(9999)).top());
        List<String> failures = new ArrayList<>();
        for (Failure f : List.of(new Failure.Unavailable(Level.ALL, 6, 5), new Failure.WriteTimeout(Level.ALL, 5, 6, "SIMPLE"),
                new Failure.ReadTimeout(Level.ALL, 5, 6, false), new Failure.Unavailable(Level.EACH_QUORUM, 2, 0))) {
            failures.add(Frames.failureLine(f));
        }
        assertEquals(List.of("Unavail 5/6 up", "Timeout 5/6 acks", "RdTimeout 5/6", "Unav a DC <2 up"), failures);
        for (String line : failures) {
            assertEquals(line, Frames.fit(line).strip(), "cut: " + line);
        }
        for (Level level : Level.values()) {
            String top = Frames.writePage(level, Optional.empty(), "DC1", false).top();
            assertEquals("W:" + level.name(), top.substring(0, 2 + level.name().length()), "cut: " + level);
        }
    }

    /**
     * The outcome's one-line text, for people who read the stream: tried from outside, democtl
     * tail printed the LCD's second row, which alternates with the coordinator, so about half
     * the failure lines lacked their numbers. The text has both, as the screen would without
     * alternating.
     */
    @Test
    void theOneLineTextHasTheNumbersAndTheCoordinator() {
        Optional<Coordinator> r1 = Optional.of(new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1"));
        Optional<Coordinator> r3 = Optional.of(new Coordinator("DC1", "r3", "127.0.1.3", "rpidc1r3n2"));
        Duration ms12 = Duration.ofMillis(12);
        assertEquals("DC1 r1 n1 12ms", Frames.outcomeText(outcome(Level.ALL, r1, ms12, null, ReadBack.NOT_READ)));
        assertEquals("ok, node ? 12ms", Frames.outcomeText(outcome(Level.ALL, Optional.empty(), ms12, null, ReadBack.NOT_READ)));
        assertEquals("Unavail 4/5 up at DC1 r1 n1", Frames.outcomeText(outcome(Level.ALL, r1, ms12,
                new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ)));
        assertEquals("Unav a DC <2 up at DC1 r1 n1", Frames.outcomeText(outcome(Level.EACH_QUORUM, r1, ms12,
                new Failure.Unavailable(Level.EACH_QUORUM, 2, 0), ReadBack.NOT_READ)));
        assertEquals("Timeout 4/5 acks at DC1 r1 n1", Frames.outcomeText(outcome(Level.ALL, r1, ms12,
                new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"), ReadBack.NOT_READ)));
        assertEquals("No answer 1.0s", Frames.outcomeText(outcome(Level.ALL, Optional.empty(), ms12,
                new Failure.ClientTimeout(Duration.ofSeconds(1)), ReadBack.NOT_READ)));
        assertEquals("Lost DC1 r3 n2", Frames.outcomeText(outcome(Level.ALL, r3, ms12,
                new Failure.ConnectionLost("HeartbeatException"), ReadBack.NOT_READ)));
        assertEquals("No coordinator", Frames.outcomeText(outcome(Level.ALL, Optional.empty(), ms12,
                new Failure.NoNodeAvailable(), ReadBack.NOT_READ)));
    }

    @Test
    void whyTheDaemonCannotRunNamesTheKeyInRed() {
        PlateFrame f = Frames.cannotRun("Config error", "booth.write-level");
        assertEquals(List.of("Config error    ", "write-level     "), List.of(f.top(), f.bottom()));
        assertEquals(Backlight.RED, f.backlight());
        assertEquals("power-off       ", Frames.cannotRun("Config error", "booth.hardware.pitft-pins.power-off").bottom(),
                "a long key keeps its last parts");
        assertEquals("booth.conf      ", Frames.cannotRun("Config error", "/etc/booth/booth.conf").bottom(),
                "a file that does not parse: its name");
    }
}
