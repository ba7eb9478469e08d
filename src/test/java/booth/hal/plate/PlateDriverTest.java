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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @BeforeEach
    void initialise() throws InterruptedException {
        step();
        assertTrue(driver.present());
        assertEquals(List.of("present"), presence);
    }

    @AfterEach
    void noProtocolMistakes() {
        assertEquals(List.of(), plate.mistakes(), "the virtual plate saw protocol mistakes");
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
}
