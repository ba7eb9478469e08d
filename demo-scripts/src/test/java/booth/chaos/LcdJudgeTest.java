package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Backlight;
import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.I2cSpeed;
import booth.hal.PlateFrame;
import booth.hal.Ticker;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.RecordingBus;
import booth.hal.record.TraceReplay;
import booth.hal.virtual.VirtualPlate;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LCD judge on a real recording: the plate driver draws frames onto the virtual plate
 * through the bus recorder, as a chaos daemon does, and outcome lines claim screens; a line
 * whose screen the LCD never held in its window is "the screen differs from its JSON".
 */
class LcdJudgeTest {
    private static final Instant T0 = Instant.parse("2026-12-06T18:00:00Z");
    private static final String LOCAL_QUORUM = "W:LOCAL_QUORUM\ue000\ue002";
    private static final String OK_DC1 = "DC1 r1 n1   12ms";
    private static final String OK_DC2 = "DC2 r1 n1   13ms";

    @TempDir
    Path dir;

    /**
     * A clock that moves only when the driver sleeps on it or the test advances it; the wall clock
     * follows it, at T0 one second after it starts (the plate's set-up is over by then).
     */
    private static final class TestTicker implements Ticker {
        private long now;

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleepNanos(long nanos) {
            now += Math.max(0, nanos);
        }

        /** To {@code seconds} after T0 (or on no further, when the driver has slept past it). */
        synchronized void advanceTo(double seconds) {
            now = Math.max(now, Math.round((seconds + 1) * 1e9));
        }

        Clock wall() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return T0.minusSeconds(1).plusNanos(nanoTime());
                }
            };
        }
    }

    /** A frame the driver draws at {@code seconds} after T0. */
    private record Drawn(double seconds, String top, String bottom, Backlight backlight) {
    }

    /** Draws each frame at its time through the recorder, as the daemon's bus thread does, and decodes the recording. */
    private List<TraceReplay.Shown> lcd(Drawn... frames) throws IOException, InterruptedException {
        TestTicker ticker = new TestTicker();
        VirtualPlate plate = new VirtualPlate(ticker);
        Path file = dir.resolve("bus.jsonl");
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        RecordingBus recorder = new RecordingBus(plate, out, ticker, Optional.of(ticker.wall()));
        PlateDriver driver = new PlateDriver(recorder, PlatePolarity.ADAFRUIT, I2cSpeed.STANDARD, ticker, ButtonTiming.DEFAULT,
                new PlateDriver.Listener() {
                    @Override
                    public void button(ButtonEvent event) {
                    }

                    @Override
                    public void presence(boolean present, String reason) {
                    }
                });
        driver.step(); // the plate's set-up, and a blank dark screen
        assertTrue(ticker.nanoTime() < 900_000_000L, "the set-up is over before T0");
        for (Drawn f : frames) {
            ticker.advanceTo(f.seconds());
            driver.show(PlateFrame.of(f.top(), f.bottom(), f.backlight()));
            driver.step();
        }
        recorder.close();
        assertEquals(List.of(), plate.mistakes(), "the driver drew without protocol mistakes");
        return TraceReplay.screens(file, I2cSpeed.STANDARD, PlatePolarity.ADAFRUIT);
    }

    /** A successful write at {@code seconds} after T0 (12.3 ms), its line claiming a screen. */
    private static Observed outcome(double seconds, String top, String bottom, String backlight) {
        Instant at = T0.plusMillis(Math.round(seconds * 1000));
        String line = String.format(Locale.ROOT, "{\"v\":1,\"seq\":%d,\"time\":\"%s\",\"write_level\":\"LOCAL_QUORUM\","
                + "\"read_level\":\"LOCAL_ONE\",\"kind\":\"written\",\"latency_ms\":12.300,\"coordinator\":null,\"error\":null,"
                + "\"read_back\":{\"kind\":\"current\"},\"screen\":[\"%s\",\"%s\"],\"backlight\":\"%s\"}",
                at.toEpochMilli(), at, top, bottom, backlight);
        return Observed.parse("rpiclient1", line);
    }

    @Test
    void linesShowingWhatTheLcdHeldPass() throws Exception {
        List<TraceReplay.Shown> screens = lcd(new Drawn(0.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(1.1, LOCAL_QUORUM, OK_DC2, Backlight.BLUE),
                new Drawn(2.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN));
        assertTrue(screens.size() >= 3, screens.toString());
        assertEquals(List.of(), LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, LOCAL_QUORUM, OK_DC2, "BLUE"), outcome(2, LOCAL_QUORUM, OK_DC1, "GREEN")), screens, List.of()));
    }

    @Test
    void aLineWhoseTopTheLcdNeverHeldIsALie() throws Exception {
        List<TraceReplay.Shown> screens = lcd(new Drawn(0.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(1.1, LOCAL_QUORUM, OK_DC2, Backlight.BLUE),
                new Drawn(2.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN));
        // the plant: the line's top is not what the daemon drew
        String planted = "W:ALL         \ue000\ue002";
        List<TruthChecker.Lie> lies = LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, planted, OK_DC2, "BLUE"), outcome(2, LOCAL_QUORUM, OK_DC1, "GREEN")), screens, List.of());
        assertEquals(1, lies.size(), lies.toString());
        assertEquals("lcd", lies.get(0).what());
        assertTrue(lies.get(0).outcome().contains(T0.plusSeconds(1).toString()), lies.toString());
        assertTrue(lies.get(0).detail().startsWith("the screen differs from its JSON: the line says 'W:ALL         {g0}{g2}|"
                + OK_DC2 + "' in BLUE, the LCD held 'W:LOCAL_QUORUM{g0}{g2}|" + OK_DC2 + "' in BLUE"), lies.get(0).detail());
    }

    @Test
    void aBacklightTheLcdNeverHadIsALie() throws Exception {
        List<TraceReplay.Shown> screens = lcd(new Drawn(0.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(1.1, LOCAL_QUORUM, OK_DC2, Backlight.BLUE));
        List<TruthChecker.Lie> lies = LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, LOCAL_QUORUM, OK_DC2, "GREEN")), screens, List.of());
        assertEquals(1, lies.size(), lies.toString());
        assertTrue(lies.get(0).detail().contains("' in GREEN, the LCD held 'W:LOCAL_QUORUM{g0}{g2}|" + OK_DC2 + "' in BLUE"),
                lies.get(0).detail());
    }

    @Test
    void aScreenIsJudgedOnlyInItsWindowAndInTheStreamsOrder() throws Exception {
        // drawn too early: the DC2 screen was on the LCD before the first write's answer, never after it
        List<TraceReplay.Shown> early = lcd(new Drawn(-0.5, LOCAL_QUORUM, OK_DC2, Backlight.BLUE),
                new Drawn(-0.2, LOCAL_QUORUM, OK_DC1, Backlight.GREEN));
        assertEquals(1, LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC2, "BLUE"),
                outcome(1, LOCAL_QUORUM, OK_DC1, "GREEN")), early, List.of()).size());
        // drawn late but within the lag after the next answer: the ui thread was behind, and that is no lie
        double late = 1.0123 + LcdJudge.DRAW_LAG.toMillis() / 1000.0 - 0.05;
        List<TraceReplay.Shown> lagging = lcd(new Drawn(late, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(late + 0.1, LOCAL_QUORUM, OK_DC2, Backlight.BLUE));
        assertEquals(List.of(), LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, LOCAL_QUORUM, OK_DC2, "BLUE")), lagging, List.of()));
        // drawn only after the lag: never in the first outcome's window
        List<TraceReplay.Shown> tooLate = lcd(new Drawn(late + 0.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(late + 0.3, LOCAL_QUORUM, OK_DC2, Backlight.BLUE));
        // on for less than a person can see: a state on the way to another frame shows nothing
        List<TraceReplay.Shown> glimpse = lcd(new Drawn(0.1, LOCAL_QUORUM, OK_DC1, Backlight.GREEN),
                new Drawn(0.1 + LcdJudge.VISIBLE.toMillis() / 2000.0, LOCAL_QUORUM, OK_DC2, Backlight.BLUE));
        assertEquals(1, LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, LOCAL_QUORUM, OK_DC2, "BLUE")), glimpse, List.of()).size());
        assertEquals(1, LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(1, LOCAL_QUORUM, OK_DC2, "BLUE")), tooLate, List.of()).size());
        // a screen already matched to a later line cannot go back to serve an earlier one
        List<TraceReplay.Shown> swapped = lcd(new Drawn(0.1, LOCAL_QUORUM, OK_DC2, Backlight.BLUE),
                new Drawn(0.5, LOCAL_QUORUM, OK_DC1, Backlight.GREEN));
        List<TruthChecker.Lie> lies = LcdJudge.judge("rpiclient1", List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"),
                outcome(0.2, LOCAL_QUORUM, OK_DC2, "BLUE")), swapped, List.of());
        assertEquals(1, lies.size(), lies.toString());
    }

    @Test
    void aFrameTheRunReplacedAtOnceThroughTheControlSocketIsNotJudged() throws Exception {
        // the level was set 5 ms after the answer: "next write..." was the latest frame, the outcome's never drawn
        List<TraceReplay.Shown> screens = lcd(new Drawn(0.1, LOCAL_QUORUM, "next write...   ", Backlight.WHITE));
        List<Observed> lines = List.of(outcome(0, LOCAL_QUORUM, OK_DC1, "GREEN"), outcome(1, LOCAL_QUORUM, "next write...   ", "WHITE"));
        assertEquals(List.of(), LcdJudge.judge("rpiclient1", lines, screens, List.of(T0.plusMillis(17))));
        assertEquals(1, LcdJudge.judge("rpiclient1", lines, screens, List.of(T0.plusSeconds(3))).size(),
                "a change by the run outside the window excuses nothing");
    }
}
