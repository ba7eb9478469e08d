package booth.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.hal.Backlight;
import booth.hal.PlateFrame;
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
class ScreensTest {
    private static final Coordinator R2 = new Coordinator("DC1", "r2", "127.0.1.2", "rpidc1r2n1");

    private static String show(PlateFrame f) {
        StringBuilder b = new StringBuilder();
        for (char c : (f.top() + "|" + f.bottom()).toCharArray()) {
            int slot = c - booth.hal.CharacterRom.GLYPH_BASE;
            b.append(slot >= 0 && slot < 4 ? Screens.GLYPH_LOOKS.charAt(slot) : c);
        }
        return b + " " + f.backlight();
    }

    private static WriteOutcome outcome(Level level, Optional<Coordinator> c, Duration latency, Failure f, ReadBack r) {
        return new WriteOutcome(5, Instant.EPOCH, level, Level.LOCAL_ONE, c, latency, Optional.ofNullable(f), r);
    }

    /** Written, but the driver named no coordinator: said so, in white (neither local nor remote). */
    @Test
    void aWriteWithAnUnknownCoordinatorIsShownAsWritten() {
        PlateFrame f = Screens.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.empty(), Duration.ofMillis(12), null,
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
                show(Screens.starting()),
                show(Screens.connecting("DC1 127.0.1.1", Duration.ofSeconds(1))),
                show(Screens.connecting("DC1 127.0.1.1", Duration.ofSeconds(42))),
                show(Screens.writePage(Level.ALL, Optional.empty(), "DC1", false)),
                show(Screens.writePage(Level.ALL, ok, "DC1", false)),
                show(Screens.writePage(Level.ONE, Optional.of(outcome(Level.ONE, Optional.of(remote), Duration.ofMillis(1234), null, ReadBack.NOT_READ)), "DC1", false)),
                show(Screens.writePage(Level.LOCAL_QUORUM, ok, "DC1", false)),
                show(Screens.writePage(Level.EACH_QUORUM, Optional.empty(), "DC1", true)),
                show(Screens.readPage(Level.LOCAL_ONE, true, ok)),
                show(Screens.readPage(Level.LOCAL_ONE, false, ok)),
                show(Screens.readPage(Level.LOCAL_ONE, true, Optional.of(outcome(Level.ONE, Optional.of(R2), Duration.ofMillis(5), null,
                        new ReadBack.Stale(1, 5, Duration.ofMillis(4)))))),
                show(Screens.readPage(Level.LOCAL_ONE, true, Optional.of(outcome(Level.ONE, Optional.of(R2), Duration.ofMillis(5), null,
                        new ReadBack.Missing(Duration.ofMillis(4)))))),
                show(Screens.statsPage(0, Stats.EMPTY.with(ok.get()).with(ok.get()))),
                show(Screens.statsPage(1, Stats.EMPTY.with(ok.get()).with(ok.get()))),
                show(Screens.stopping()));
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
                "R:LOCAL_ONE   ↕→|row MISSING  4ms TEAL",
                "ok             2|failed         0 YELLOW",
                "p50 latency 12ms|p99 latency 12ms YELLOW",
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
            PlateFrame f1 = Screens.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.empty(), Duration.ofMillis(500), f,
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
        PlateFrame f = Screens.writePage(Level.ALL, Optional.of(outcome(Level.ALL, Optional.of(r3), Duration.ofMillis(900),
                new Failure.ConnectionLost("HeartbeatException"), ReadBack.NOT_READ)), "DC1", false, false);
        assertEquals("Lost DC1 r3 n2  ", f.bottom());
        assertEquals(Backlight.RED, f.backlight());
    }

    @Test
    void everyStatisticsPageAndEveryLevelFitSixteenCharacters() {
        Stats big = Stats.EMPTY;
        for (int p = 0; p < Screens.STATS_PAGES; p++) {
            assertEquals(16, Screens.statsPage(p, big).top().length());
        }
        for (Level level : Level.values()) {
            assertEquals(16, Screens.writePage(level, Optional.empty(), "DC1", false).top().length());
            assertEquals(16, Screens.readPage(level, true, Optional.empty()).top().length());
        }
        assertEquals("Unavail      123", Screens.statsPage(2, new Stats(java.util.Map.of(booth.model.OutcomeKind.UNAVAILABLE, 123L), new int[0], 0)).top());
    }
}
