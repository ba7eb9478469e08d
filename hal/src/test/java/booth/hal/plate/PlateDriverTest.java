package booth.hal.plate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Backlight;
import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.CharacterRom;
import booth.hal.FakeTicker;
import booth.hal.Glyph;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.PlateView;
import booth.hal.record.BusTally;
import booth.hal.virtual.VirtualPlate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The real plate driver against the virtual plate, one bus-thread step at a time on a fake
 * clock: what a person would see, what the keys give, and how little crosses the bus.
 */
class PlateDriverTest {
    private final FakeTicker ticker = new FakeTicker();
    private final VirtualPlate plate = new VirtualPlate(ticker);
    private final BusTally tally = new BusTally(plate);
    private final List<ButtonEvent> events = new ArrayList<>();
    private final List<String> presence = new ArrayList<>();
    private final PlateDriver driver = new PlateDriver(tally, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, ticker, ButtonTiming.DEFAULT,
            new PlateDriver.Listener() {
                @Override
                public void button(ButtonEvent event) {
                    events.add(event);
                }

                @Override
                public void presence(boolean present, String reason) {
                    presence.add(present ? "present" : "absent: " + reason);
                }
            });

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    /** For a second driver whose events no test looks at. */
    private static final PlateDriver.Listener QUIET = new PlateDriver.Listener() {
        @Override
        public void button(ButtonEvent event) {
        }

        @Override
        public void presence(boolean present, String reason) {
        }
    };

    @BeforeEach
    void initialise() throws InterruptedException {
        log.start();
        ((Logger) LoggerFactory.getLogger(PlateDriver.class)).addAppender(log);
        step();
        assertTrue(driver.present());
        assertEquals(List.of("present"), presence);
    }

    @AfterEach
    void noProtocolMistakes() {
        ((Logger) LoggerFactory.getLogger(PlateDriver.class)).detachAppender(log);
        assertEquals(List.of(), plate.mistakes(), "the virtual plate saw protocol mistakes");
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void step() throws InterruptedException {
        driver.step();
        ticker.advanceMillis(20);
    }

    private void show(String top, String bottom, Backlight colour) throws InterruptedException {
        driver.show(PlateFrame.of(top, bottom, colour));
        step();
    }

    @Test
    void showsExactlyTheFrameAndColour() throws InterruptedException {
        show("LOCAL_QUORUM  W ", "DC1 r2 n1   12ms", Backlight.GREEN);
        assertEquals(new PlateView("LOCAL_QUORUM  W ", "DC1 r2 n1   12ms", Backlight.GREEN, true), plate.view());
    }

    /** How the daemon waits for its stopping screen: no sleep, a flush completed by the bus thread. */
    @Test
    void aFlushCompletesOnceTheFrameAskedForIsDrawn() throws InterruptedException {
        driver.show(PlateFrame.of("Demo stopping...", " ".repeat(16), Backlight.WHITE));
        CompletableFuture<Void> flushed = driver.flush().toCompletableFuture();
        assertFalse(flushed.isDone(), "nothing drawn yet");
        step();
        assertTrue(flushed.isDone());
        assertEquals("Demo stopping...", plate.view().top());
        driver.close();
        assertTrue(driver.flush().toCompletableFuture().isDone(), "a closed driver draws nothing more: nobody waits");
    }

    @Test
    void everyColourOfTheBacklight() throws InterruptedException {
        for (Backlight colour : Backlight.values()) {
            show("colour          ", colour.name() + " ".repeat(16 - colour.name().length()), colour);
            assertEquals(colour, plate.view().backlight());
        }
    }

    @Test
    void anySequenceOfFramesEndsShowingTheLast() throws InterruptedException {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :.-|>";
        String[] rows = {" ".repeat(16), " ".repeat(16)};
        for (int i = 0; i < 300; i++) {
            // change a few cells, sometimes many, as screens do
            for (int r = 0; r < 2; r++) {
                char[] cells = rows[r].toCharArray();
                int changes = random.nextInt(4) == 0 ? 16 : random.nextInt(4);
                for (int k = 0; k < changes; k++) {
                    cells[random.nextInt(16)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                rows[r] = new String(cells);
            }
            Backlight colour = Backlight.values()[random.nextInt(Backlight.values().length)];
            show(rows[0], rows[1], colour);
            assertEquals(rows[0] + "|" + rows[1], plate.view().text(), "after frame " + i);
            assertEquals(colour, plate.view().backlight(), "after frame " + i);
        }
    }

    @Test
    void aFrameAskedTwiceBeforeADrawIsDrawnOnceAsTheLatest() throws InterruptedException {
        driver.show(PlateFrame.of("first           ", "                ", Backlight.RED));
        driver.show(PlateFrame.of("second          ", "                ", Backlight.BLUE));
        step();
        assertEquals("second          ", plate.view().top());
        assertEquals(Backlight.BLUE, plate.view().backlight());
    }

    @Test
    void customGlyphsRender() throws InterruptedException {
        Glyph tick = Glyph.parse(".....", "....#", "...##", "#.##.", "###..", ".#...", ".....", ".....");
        Glyph arrowUp = Glyph.parse("..#..", ".###.", "#.#.#", "..#..", "..#..", "..#..", "..#..", ".....");
        String top = "ok " + CharacterRom.glyph(0) + " up " + CharacterRom.glyph(1) + "       ";
        driver.show(new PlateFrame(top, " ".repeat(16), Backlight.GREEN, Arrays.asList(tick, arrowUp)));
        step();
        assertEquals(top, plate.view().top());
        assertEquals(tick, plate.glyph(0));
        assertEquals(arrowUp, plate.glyph(1));

        // A redefined glyph changes every cell showing it, without rewriting the cells.
        Glyph cross = Glyph.parse(".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", ".....", ".....");
        tally.reset();
        driver.show(new PlateFrame(top, " ".repeat(16), Backlight.GREEN, Arrays.asList(cross, arrowUp)));
        step();
        assertEquals(cross, plate.glyph(0));
        assertEquals(1 + 2 + 9 * 4 + 2, tally.bytes(), "one write: CGRAM address and 8 rows, two RS set-ups; plus the key poll");
    }

    @Test
    void oneChangedCharacterCostsTwoLcdBytesInOneTransaction() throws InterruptedException {
        show("ALL       W     ", "DC1 r1 n1   12ms", Backlight.GREEN);
        tally.reset();
        show("ALL       W     ", "DC1 r1 n1   13ms", Backlight.GREEN);
        // key poll: one read (2 bytes); the change: register, then for the address instruction
        // RS set up low and 4 port states, then for the character RS set up high and 4 states
        assertEquals(2, tally.transactions());
        assertEquals(2 + 1 + (1 + 4) + (1 + 4), tally.bytes());
        assertEquals("DC1 r1 n1   13ms", plate.view().bottom());
    }

    @Test
    void aTwoLineRedrawStaysUnderFourAndAHalfBytesPerLcdByte() throws InterruptedException {
        show("AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB", Backlight.GREEN);
        tally.reset();
        show("CCCCCCCCCCCCCCCC", "DDDDDDDDDDDDDDDD", Backlight.GREEN);
        long lcdBytes = 2 * (1 + 16); // an address instruction and 16 characters per row
        long plateBytes = tally.bytes() - 2; // less the key poll
        assertEquals(2 * (1 + 2 + 4 * 17), plateBytes, "per row: register, two RS set-ups, 17 LCD bytes");
        assertTrue(plateBytes / (double) lcdBytes <= 4.5, plateBytes + " bytes for " + lcdBytes + " LCD bytes");
    }

    @Test
    void nothingChangedMeansNothingSentButTheKeyPoll() throws InterruptedException {
        PlateFrame frame = PlateFrame.of("same            ", "same            ", Backlight.TEAL);
        driver.show(frame);
        step();
        tally.reset();
        driver.show(PlateFrame.of("same            ", "same            ", Backlight.TEAL));
        step();
        assertEquals(1, tally.transactions());
    }

    @Test
    void unplugAndReplugEndsWithTheLatestFrame() throws InterruptedException {
        show("before          ", "                ", Backlight.GREEN);
        plate.unplug();
        step();
        assertFalse(driver.present());
        assertEquals("absent: I2C read of device 0x20 register 0x09 failed: no acknowledge (device missing)",
                presence.get(1));
        driver.show(PlateFrame.of("while away      ", "                ", Backlight.RED));
        for (int i = 0; i < 60; i++) {
            step(); // retried once a second, each attempt failing quietly
        }
        assertFalse(driver.present());
        assertEquals(2, presence.size(), "absence is reported once");

        plate.plugIn();
        for (int i = 0; i < 60 && !driver.present(); i++) {
            step();
        }
        assertTrue(driver.present());
        step();
        assertEquals(new PlateView("while away      ", "                ", Backlight.RED, true), plate.view());
    }

    @Test
    void aGlitchOnTheBusReinitialisesAndRedraws() throws InterruptedException {
        show("steady          ", "state           ", Backlight.VIOLET);
        plate.failNext(1);
        step();
        assertFalse(driver.present());
        for (int i = 0; i < 60 && !driver.present(); i++) {
            step();
        }
        step();
        assertEquals("steady          |state           ", plate.view().text());
        assertEquals(Backlight.VIOLET, plate.view().backlight());
    }

    @Test
    void reinitialiseOnRequestRedraws() throws InterruptedException {
        show("restart display ", "                ", Backlight.WHITE);
        driver.reinitialise();
        step();
        step();
        assertEquals("restart display ", plate.view().top());
        assertEquals(List.of("present", "present"), presence);
    }

    @Test
    void aKeyPressComesOutOnceDebouncedWithItsRelease() throws InterruptedException {
        plate.press(KeypadButton.UP);
        step();
        step();
        plate.release(KeypadButton.UP);
        step();
        step();
        assertEquals(2, events.size(), events.toString());
        assertEquals(ButtonEvent.pressed(KeypadButton.UP), events.get(0));
        assertEquals(ButtonEvent.Kind.RELEASED, events.get(1).kind());
        // two polls apart, plus the bus time of the key reads themselves (under a millisecond)
        long heldMicros = events.get(1).held().toNanos() / 1000;
        assertTrue(heldMicros >= 40_000 && heldMicros < 41_000, heldMicros + " µs");
    }

    @Test
    void aHeldKeyRepeatsAndReportsItsHold() throws InterruptedException {
        plate.press(KeypadButton.SELECT);
        for (int i = 0; i < 60; i++) {
            step(); // 1.2 s
        }
        plate.release(KeypadButton.SELECT);
        step();
        step();
        List<ButtonEvent.Kind> kinds = events.stream().map(ButtonEvent::kind).toList();
        assertEquals(ButtonEvent.Kind.PRESSED, kinds.get(0));
        assertEquals(ButtonEvent.Kind.RELEASED, kinds.get(kinds.size() - 1));
        assertEquals(2, kinds.stream().filter(k -> k == ButtonEvent.Kind.HELD).count(), kinds.toString());
        // repeats at 500 ms and every 150 ms after: 500, 650, 800, 950, 1100
        assertEquals(5, kinds.stream().filter(k -> k == ButtonEvent.Kind.REPEATED).count(), kinds.toString());
    }

    @Test
    void keysHeldWhenThePlateIsPulledAreReleased() throws InterruptedException {
        plate.press(KeypadButton.LEFT);
        step();
        step();
        plate.unplug();
        step();
        assertEquals(List.of(ButtonEvent.Kind.PRESSED, ButtonEvent.Kind.RELEASED),
                events.stream().map(ButtonEvent::kind).toList());
    }

    /**
     * The plate's 3.3 V dips mid-run, with a key held: the MCP23017 resets without a failed
     * transaction. No key event comes out of it but the held key's release, the frame is back
     * within 1.5 s, and the log says so once.
     */
    @Test
    void aBrownOutIsHealedWithoutAKeyAndSaidOnce() throws InterruptedException {
        show("LOCAL_QUORUM  W ", "DC1 r2 n1   12ms", Backlight.GREEN);
        plate.press(KeypadButton.UP);
        for (int i = 0; i < PlateDriver.SETTLED_READS; i++) {
            step(); // the set-up has held for a second: what follows is a brown-out, not a bad plate
        }
        events.clear();
        plate.brownOut();
        plate.release(KeypadButton.UP); // let go during the dip
        assertEquals(Backlight.OFF, plate.view().backlight(), "the chip's pins are inputs: the LEDs go dark");
        long brownOutAt = ticker.nanoTime();
        while (!plate.view().equals(new PlateView("LOCAL_QUORUM  W ", "DC1 r2 n1   12ms", Backlight.GREEN, true))) {
            assertTrue(ticker.nanoTime() - brownOutAt < 1_500_000_000L, "redrawn within 1.5 s: " + plate.view());
            step();
        }
        for (int i = 0; i < 50; i++) {
            step(); // a second more: nothing else happens
        }
        assertEquals(List.of(ButtonEvent.Kind.RELEASED), events.stream().map(ButtonEvent::kind).toList(),
                "the held key is let go; no key 'appears' through the reset (all five read pressed in BANK = 0)");
        assertTrue(driver.present());
        assertEquals(List.of("LCD plate at 0x20 lost its set-up (a brown-out reset the MCP23017): set up again, frame redrawn"),
                warnings());
    }

    /** Without the GPA5 check every key reads pressed after a brown-out: the fault this test would catch. */
    @Test
    void aBrownOutUnhealedWouldShowEveryKeyPressed() throws Exception {
        plate.brownOut();
        assertEquals(0, plate.read(Mcp23017.GPIOA), "BANK = 0: the key read lands on INTCONB, 0x00");
    }

    @Test
    void aPlateThatKeepsLosingItsSetUpIsReportedAbsentOnce() throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            plate.brownOut(); // before every step, for 5 s: the chip never keeps its set-up
            step();
        }
        assertEquals(List.of("present", "absent: the plate loses its set-up right after it (GPA5 reads low)"), presence);
        assertEquals(1, warnings().size(), warnings().toString());
        assertTrue(events.isEmpty(), events.toString());
        for (int i = 0; i < 3 * PlateDriver.SETTLED_READS; i++) {
            step();
        }
        assertTrue(driver.present(), "back once a set-up holds");
        assertEquals("present", presence.get(presence.size() - 1));
        assertEquals(3, presence.size(), presence.toString());
    }

    @Test
    void aWriteCutShortIsRecoveredWithTheFrame() throws InterruptedException {
        show("before          ", "                ", Backlight.GREEN);
        plate.cutNextWriteAfter(3); // the next write stops after E rose: the LCD is left half-way
        show("after the cut   ", "second row      ", Backlight.BLUE);
        assertFalse(driver.present());
        for (int i = 0; i < 60 && !driver.present(); i++) {
            step();
        }
        step();
        assertEquals(new PlateView("after the cut   ", "second row      ", Backlight.BLUE, true), plate.view());
    }

    @Test
    void bouncingKeysGiveOneEventEach() throws InterruptedException {
        plate.bounce(15_000_000);
        for (int press = 0; press < 5; press++) {
            plate.press(KeypadButton.SELECT);
            for (int i = 0; i < 5; i++) {
                step();
            }
            plate.release(KeypadButton.SELECT);
            for (int i = 0; i < 5; i++) {
                step();
            }
        }
        assertEquals(10, events.size(), events.toString());
        for (int i = 0; i < 10; i++) {
            assertEquals(i % 2 == 0 ? ButtonEvent.Kind.PRESSED : ButtonEvent.Kind.RELEASED, events.get(i).kind());
        }
    }

    @Test
    void theBacklightNeverLightsBeforeTheFirstFrame() throws InterruptedException {
        FakeTicker clock = new FakeTicker();
        VirtualPlate fresh = new VirtualPlate(clock);
        PlateDriver other = new PlateDriver(fresh, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, clock,
                ButtonTiming.DEFAULT, QUIET);
        other.step(); // set-up: MCP23017, then the LCD's reset sequence and clear
        assertTrue(other.present());
        assertEquals(List.of(Backlight.OFF), colours(fresh), "dark from power-on through the whole set-up");
        other.show(PlateFrame.of("first frame     ", "                ", Backlight.TEAL));
        other.step();
        // red and green on port A, blue on port B: a colour of two ports passes through one of them
        assertEquals(List.of(Backlight.OFF, Backlight.GREEN, Backlight.TEAL), colours(fresh));
        int before = colours(fresh).size();

        // The daemon restarts (chip still set up, LEDs lit): set-up goes dark, never another colour.
        PlateDriver restarted = new PlateDriver(fresh, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, clock,
                ButtonTiming.DEFAULT, QUIET);
        restarted.step();
        List<Backlight> setUp = colours(fresh).subList(before, colours(fresh).size());
        assertEquals(Backlight.OFF, setUp.get(setUp.size() - 1), setUp.toString());
        assertTrue(setUp.stream().noneMatch(Backlight::red), "a set-up that wrote IOCON's value to OLATA would light red: " + setUp);
        assertEquals(List.of(), fresh.mistakes());
    }

    private static List<Backlight> colours(VirtualPlate p) {
        return p.backlightHistory().stream().map(VirtualPlate.BacklightChange::colour).toList();
    }

    /** Every bus clock a booth may set: the driver adds the waits the wire does not cover, and no more. */
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {100_000, 400_000, 1_000_000})
    void framesDrawWithoutMistakesAtEveryBusClock(int hz) throws InterruptedException {
        FakeTicker clock = new FakeTicker();
        booth.hal.I2cSpeed speed = new booth.hal.I2cSpeed(hz);
        VirtualPlate fast = new VirtualPlate(0x20, clock, PlatePolarity.ADAFRUIT, speed);
        PlateDriver other = new PlateDriver(fast, PlatePolarity.ADAFRUIT, speed, clock, ButtonTiming.DEFAULT,
                QUIET);
        Random random = new Random(hz);
        for (int i = 0; i < 100; i++) {
            String top = String.format("frame %5d %4s", i, Integer.toString(random.nextInt(9999)));
            String bottom = String.format("%-16s", Long.toString(random.nextLong() & 0xFFFFFFFFL, 36));
            Glyph g = Glyph.parse(".....", "..#..", ".###.", "#####", ".....", ".....", ".....", "." + (i % 2 == 0 ? "#" : ".") + "...");
            other.show(new PlateFrame(top, bottom, Backlight.values()[i % Backlight.values().length], Arrays.asList(g)));
            other.step();
            clock.advanceMillis(20);
            assertEquals(top + "|" + bottom, fast.view().text());
        }
        other.reinitialise();
        other.step();
        assertEquals(List.of(), fast.mistakes(), "at " + speed);
    }

    /**
     * A booth builder raised dtparam=i2c_arm_baudrate to 1 MHz and left the configuration at
     * 100 kHz: the set-up's timed write shows it, the waits follow, nothing lands early.
     */
    @Test
    void aBusFasterThanConfiguredIsCaughtAtSetUp() throws InterruptedException {
        FakeTicker clock = new FakeTicker();
        VirtualPlate fast = new VirtualPlate(0x20, clock, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.FAST_PLUS);
        ListAppender<ILoggingEvent> busLog = new ListAppender<>();
        busLog.start();
        ((Logger) LoggerFactory.getLogger(PlateLcdBus.class)).addAppender(busLog);
        try {
            PlateDriver other = new PlateDriver(fast, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, clock,
                    ButtonTiming.DEFAULT, QUIET);
            for (int i = 0; i < 20; i++) {
                other.show(PlateFrame.of(String.format("frame %10d", i * 7919), String.format("%16d", i * 104729L), Backlight.GREEN));
                other.step();
                clock.advanceMillis(20);
            }
            other.reinitialise();
            other.step();
            assertEquals(List.of(), fast.mistakes());
            assertEquals(1, busLog.list.size(), busLog.list.toString());
            assertTrue(busLog.list.get(0).getFormattedMessage().startsWith("the I2C bus runs faster than the configured 100 kHz"
                    + " (18 bytes took 162 µs, 1620 µs at that clock)"), busLog.list.get(0).getFormattedMessage());
        } finally {
            ((Logger) LoggerFactory.getLogger(PlateLcdBus.class)).detachAppender(busLog);
        }
    }

    /**
     * The LCD alone loses its state (its 5 V dips; the chip keeps its set-up): no read can see
     * it, so the driver re-syncs and redraws the LCD every 30 s, and the frame is back within that.
     */
    @Test
    void anLcdThatLostItsStateShowsTheFrameAgainWithinTheResyncPeriod() throws InterruptedException {
        PlateView frame = new PlateView("LOCAL_QUORUM  W ", "DC1 r2 n1   12ms", Backlight.GREEN, true);
        show(frame.top(), frame.bottom(), frame.backlight());
        plate.lcdPowerDip();
        assertFalse(plate.view().displayOn(), "blank and off, as an LCD after power-on");
        long dipAt = ticker.nanoTime();
        while (!plate.view().equals(frame)) {
            assertTrue(ticker.nanoTime() - dipAt <= PlateDriver.LCD_RESYNC_PERIOD.toNanos() + 100_000_000L,
                    "back within the re-sync period: " + plate.view());
            step();
        }
        List<ButtonEvent.Kind> none = events.stream().map(ButtonEvent::kind).toList();
        assertEquals(List.of(), none);
        assertEquals(List.of(), warnings(), "nothing to say: the driver cannot know it happened");
    }

    /** A re-sync redraws the same frame: nothing a visitor could see changes, not even the backlight. */
    @Test
    void theResyncChangesNothingVisible() throws InterruptedException {
        show("steady frame    ", "steady          ", Backlight.VIOLET);
        int colours = plate.backlightHistory().size();
        for (long t = 0; t < PlateDriver.LCD_RESYNC_PERIOD.toNanos() * 2; t += 20_000_000L) {
            step();
        }
        assertEquals(new PlateView("steady frame    ", "steady          ", Backlight.VIOLET, true), plate.view());
        assertEquals(colours, plate.backlightHistory().size(), "the backlight never changed");
    }
}
