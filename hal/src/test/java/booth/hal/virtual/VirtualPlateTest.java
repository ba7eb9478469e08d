package booth.hal.virtual;

import static booth.hal.plate.Mcp23017.IOCON;
import static booth.hal.plate.Mcp23017.IOCON_BANK0;
import static booth.hal.plate.Mcp23017.IOCON_BANK;
import static booth.hal.plate.Mcp23017.IOCON_SEQOP;
import static booth.hal.plate.Mcp23017.OLATB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.FakeTicker;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.PlateView;
import booth.hal.plate.LcdPlate;
import booth.hal.plate.Mcp23017;
import booth.hal.plate.PlatePins;
import booth.hal.plate.PlatePolarity;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The virtual plate must behave like the chips and catch what real ones punish silently. */
class VirtualPlateTest {
    private final FakeTicker ticker = new FakeTicker();
    private final VirtualPlate plate = new VirtualPlate(ticker);

    /** Port-B states for bytes or nibbles, as the datasheet wants them: RS set up with E low, then E high and E low per nibble. */
    private static final class Stream {
        final ByteArrayOutputStream states = new ByteArrayOutputStream();
        boolean rsNow;

        Stream nibble(boolean rs, int n) {
            int s = (rs ? PlatePins.RS : 0) | PlatePins.nibbleBits(n);
            if (rs != rsNow) {
                states.write(s);
                rsNow = rs;
            }
            states.write(s | PlatePins.E);
            states.write(s);
            return this;
        }

        Stream command(int b) {
            return nibble(false, b >> 4).nibble(false, b);
        }

        Stream data(int b) {
            return nibble(true, b >> 4).nibble(true, b);
        }

        byte[] bytes() {
            return states.toByteArray();
        }
    }

    private void portBAsOutputsInBank1() throws BusException {
        plate.write(IOCON_BANK0, (byte) (IOCON_BANK | IOCON_SEQOP));
        plate.write(Mcp23017.IODIRB, (byte) 0);
    }

    private void initialiseProperly() throws Exception {
        new LcdPlate(plate, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD).initialise();
        assertEquals(List.of(), plate.mistakes());
    }

    private String onlyMistake() {
        List<String> m = plate.mistakes();
        assertEquals(1, m.size(), m.toString());
        return m.get(0);
    }

    @Test
    void aDataByteBeforeInitialisationIsFlagged() throws Exception {
        portBAsOutputsInBank1();
        ticker.advanceMillis(50);
        plate.write(OLATB, new Stream().data('A').bytes());
        assertTrue(plate.mistakes().get(0).contains("data byte 0x40 sent before the LCD was initialised"), plate.mistakes().toString());
    }

    @Test
    void anInstructionBeforePowerOnHasSettledIsFlaggedAsBusy() throws Exception {
        portBAsOutputsInBank1();
        plate.write(OLATB, new Stream().nibble(false, 0x3).bytes());
        assertTrue(onlyMistake().contains("instruction sent while the LCD is still busy"), plate.mistakes().toString());
    }

    @Test
    void aCommandWhileTheLcdIsBusyIsFlagged() throws Exception {
        initialiseProperly();
        // clear takes 1.52 ms; the next byte's first edge comes 4 port states (360 µs) later
        plate.write(OLATB, new Stream().command(0x01).data('X').bytes());
        assertTrue(onlyMistake().contains("still busy"), plate.mistakes().toString());
    }

    @Test
    void aNibbleOutOfStepIsFlagged() throws Exception {
        initialiseProperly();
        plate.write(OLATB, new Stream().nibble(false, 0x8).data('Y').bytes());
        assertTrue(plate.mistakes().get(0).contains("nibble out of step"), plate.mistakes().toString());
    }

    @Test
    void dataChangingWithTheFallingEdgeIsFlagged() throws Exception {
        initialiseProperly();
        int high = PlatePins.RS | PlatePins.nibbleBits(4);
        plate.write(OLATB, (byte) high, (byte) (high | PlatePins.E), (byte) PlatePins.RS);
        assertTrue(plate.mistakes().get(0).contains("hold time"), plate.mistakes().toString());
    }

    @Test
    void readWriteHighIsFlagged() throws Exception {
        initialiseProperly();
        plate.write(OLATB, (byte) PlatePins.RW, (byte) (PlatePins.RW | PlatePins.E), (byte) PlatePins.RW);
        assertTrue(plate.mistakes().get(0).contains("R/W was high"), plate.mistakes().toString());
    }

    @Test
    void theDriversInitialisationLeavesABlankLitScreenAndNoMistakes() throws Exception {
        initialiseProperly();
        assertEquals(new PlateView(" ".repeat(16), " ".repeat(16), Backlight.OFF, true), plate.view());
    }

    @Test
    void reinitialisingWithoutAPowerCycleWorks() throws Exception {
        LcdPlate first = new LcdPlate(plate, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD);
        first.initialise();
        first.show(PlateFrame.of("before restart  ", "                ", Backlight.GREEN));
        // the daemon restarts: the chip stays in BANK 1, the LCD in 4-bit mode
        LcdPlate second = new LcdPlate(plate, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD);
        second.initialise();
        second.show(PlateFrame.of("after restart   ", "                ", Backlight.BLUE));
        assertEquals(List.of(), plate.mistakes());
        assertEquals(new PlateView("after restart   ", " ".repeat(16), Backlight.BLUE, true), plate.view());
    }

    @Test
    void registersFollowBankAndByteModeAndReadBack() throws BusException {
        // Power-on: BANK = 0, sequential: a two-byte write to IODIRA (0x00) also sets IODIRB (0x01).
        plate.write(0x00, (byte) 0x3F, (byte) 0x00);
        plate.write(0x14, (byte) 0x40); // OLATA in BANK 0
        // GPIOA: inputs GPA0-5 read high (no key down), outputs read back their latch (GPA6 high, GPA7 low)
        assertEquals(0x7F, plate.read(0x12));
        plate.write(IOCON_BANK0, (byte) (IOCON_BANK | IOCON_SEQOP));
        assertEquals(IOCON_BANK | IOCON_SEQOP, plate.read(IOCON));
        assertEquals(0x3F, plate.read(Mcp23017.IODIRA));
        assertEquals(0x00, plate.read(Mcp23017.IODIRB));
        assertEquals(0x40, plate.read(Mcp23017.OLATA));
        // byte mode in BANK 1: every byte of a write goes to the same register
        plate.write(OLATB, (byte) 0x01, (byte) 0x02, (byte) 0x04);
        assertEquals(0x04, plate.read(OLATB));
        assertEquals(0x00, plate.read(Mcp23017.OLATB + 1), "no register after OLATB was touched");
    }

    @Test
    void keysReadLowWhenPressedAndInputPolarityInverts() throws Exception {
        initialiseProperly();
        plate.press(KeypadButton.DOWN);
        plate.press(KeypadButton.LEFT);
        int portA = plate.read(Mcp23017.GPIOA);
        assertEquals(0x3F & ~(PlatePins.DOWN | PlatePins.LEFT), portA & 0x3F);
        plate.write(Mcp23017.IPOLA, (byte) 0x1F);
        assertEquals(PlatePins.DOWN | PlatePins.LEFT, plate.read(Mcp23017.GPIOA) & 0x1F);
    }

    @Test
    void aKitWiredTheOtherWayNeedsThePolaritySwitch() throws Exception {
        VirtualPlate inverted = new VirtualPlate(0x20, ticker, new PlatePolarity(false, false), I2cSpeed.STANDARD);
        LcdPlate matching = new LcdPlate(inverted, new PlatePolarity(false, false), ticker, I2cSpeed.STANDARD);
        matching.initialise();
        matching.show(PlateFrame.of("inverted kit    ", "                ", Backlight.YELLOW));
        assertEquals(Backlight.YELLOW, inverted.view().backlight());
        inverted.press(KeypadButton.RIGHT);
        assertEquals(Optional.of(Set.of(KeypadButton.RIGHT)), matching.readKeys());

        LcdPlate wrong = new LcdPlate(inverted, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD);
        wrong.initialise();
        wrong.show(PlateFrame.of("inverted kit    ", "                ", Backlight.YELLOW));
        assertEquals(Backlight.BLUE, inverted.view().backlight(), "the complement: what a wrong setting shows");
        assertEquals(Optional.of(EnumSet.complementOf(EnumSet.of(KeypadButton.RIGHT))), wrong.readKeys());
    }

    @Test
    void anUnpluggedPlateAnswersNothing() {
        plate.unplug();
        BusException e = assertThrows(BusException.class, () -> plate.read(Mcp23017.GPIOA));
        assertEquals("I2C read of device 0x20 register 0x09 failed: no acknowledge (device missing)", e.getMessage());
        assertEquals(Backlight.OFF, plate.view().backlight());
    }

    @Test
    void busTimeIsThatOfA100kHzBus() throws BusException {
        long before = ticker.nanoTime();
        plate.write(OLATB, new byte[68]);
        assertEquals((2 + 68) * 90_000L, ticker.nanoTime() - before);
    }

    @Test
    void rsChangingWithTheRisingEdgeOfEIsFlagged() throws Exception {
        initialiseProperly();
        // RS goes high in the same port write that raises E: no set-up time before the rise
        int s = PlatePins.RS | PlatePins.nibbleBits(4);
        plate.write(OLATB, (byte) (s | PlatePins.E), (byte) s);
        assertTrue(plate.mistakes().get(0).contains("t_AS violated"), plate.mistakes().toString());
    }

    @Test
    void rsIsTakenWhenERisesNotWhenItFalls() throws Exception {
        initialiseProperly();
        // E rises with RS low (an instruction), RS goes high while E is high: a mistake, and the
        // LCD still takes the byte as the instruction it was when E rose.
        int low = PlatePins.nibbleBits(0x8);
        plate.write(OLATB, (byte) low, (byte) (low | PlatePins.E), (byte) (low | PlatePins.E | PlatePins.RS));
        assertTrue(onlyMistake().contains("RS or R/W changed while E was high"), plate.mistakes().toString());
    }

    @Test
    void writesAndReadsOfRegistersThatDoNotExistAreFlagged() throws Exception {
        plate.write(OLATB, (byte) 0x55); // power-on: BANK = 0, where 0x1a is nothing
        assertTrue(onlyMistake().contains("write to register 0x1a, which does not exist with IOCON.BANK = 0"), plate.mistakes().toString());
        plate.read(0x1a);
        assertTrue(plate.mistakes().get(1).contains("read of register 0x1a"), plate.mistakes().toString());
    }

    @Test
    void writesToReadOnlyRegistersAreFlagged() throws Exception {
        plate.write(0x0e, (byte) 0xFF); // INTFA in BANK = 0
        assertTrue(onlyMistake().contains("read-only register (INTFA)"), plate.mistakes().toString());
    }

    @Test
    void theResetSequencesWaitsAreCheckedOnEverySetUpNotOnlyTheFirst() throws Exception {
        initialiseProperly();
        ticker.advanceMillis(100);
        // A second set-up whose 0x3 nibbles come back to back (no 4.1 ms, no 100 µs)
        plate.write(OLATB, new Stream().nibble(false, 0x3).nibble(false, 0x3).nibble(false, 0x3).nibble(false, 0x2).bytes());
        List<String> m = plate.mistakes();
        // the third comes 180 µs after the second: over 100 µs (142 µs at the slowest oscillator), right
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).contains("reset sequence: 0x3 nibble 2 came 180.0 µs after the one before, not 5826.3 µs"), m.toString());
    }

    @Test
    void initialisationOutOfTheDatasheetsOrderIsFlagged() throws Exception {
        portBAsOutputsInBank1();
        ticker.advanceMillis(50);
        Stream s = new Stream();
        plate.write(OLATB, s.nibble(false, 0x3).bytes());
        ticker.advanceMillis(6);
        plate.write(OLATB, new Stream().nibble(false, 0x3).bytes());
        ticker.advanceMillis(1);
        // the old order, and a re-sync's: display on straight after function set, before clear and entry mode
        plate.write(OLATB, new Stream().nibble(false, 0x3).nibble(false, 0x2).command(0x28).command(0x0C).bytes());
        assertTrue(onlyMistake().contains("initialisation out of the datasheet's order: 0x0c where 0x08 (display off) comes"),
                plate.mistakes().toString());
    }

    @Test
    void anLcdTimedForTheNominalOscillatorIsTooEarlyForTheSlowest() throws Exception {
        initialiseProperly();
        ticker.advanceMillis(10);
        // clear, then the next byte 1.6 ms later: enough at 270 kHz (1.52 ms), not at 190 kHz (2.16 ms)
        plate.write(OLATB, new Stream().command(0x01).bytes());
        ticker.sleepNanos(1_600_000 - 2 * 90_000);
        plate.write(OLATB, new Stream().command(0x80).bytes());
        assertTrue(onlyMistake().contains("still busy"), plate.mistakes().toString());
    }

    @Test
    void aBrownOutResetsTheChipSilentlyAndDarkens() throws Exception {
        LcdPlate lcd = new LcdPlate(plate, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD);
        lcd.initialise();
        lcd.show(PlateFrame.of("shown           ", "                ", Backlight.WHITE));
        plate.brownOut();
        assertEquals(Backlight.OFF, plate.view().backlight());
        assertEquals(0x00, plate.read(Mcp23017.IOCON_BANK0), "IOCON back to its power-on value");
        assertEquals(Optional.empty(), lcd.readKeys(), "the driver's key read tells the set-up is gone");
        lcd.initialise();
        lcd.show(PlateFrame.of("healed          ", "                ", Backlight.WHITE));
        assertEquals(new PlateView("healed          ", " ".repeat(16), Backlight.WHITE, true), plate.view());
        assertEquals(List.of(), plate.mistakes(), "the reset sequence re-syncs the LCD the glitch left half-way");
    }

    @Test
    void busTimeFollowsTheClock() throws BusException {
        VirtualPlate fast = new VirtualPlate(0x20, ticker, PlatePolarity.ADAFRUIT, I2cSpeed.FAST_PLUS);
        long before = ticker.nanoTime();
        fast.write(0x00, new byte[8]);
        assertEquals((2 + 8) * 9_000L, ticker.nanoTime() - before);
    }

    /**
     * A re-sync skips the clear (the cells are rewritten after it): an LCD set up since power-on
     * takes it; one fresh from power-on must have figure 24's order (the test above).
     */
    @Test
    void aResyncIsForAnLcdSetUpSincePowerOn() throws Exception {
        VirtualPlate other = new VirtualPlate(ticker);
        LcdPlate lcd = new LcdPlate(other, PlatePolarity.ADAFRUIT, ticker, I2cSpeed.STANDARD);
        lcd.initialise();
        lcd.show(PlateFrame.of("before the sync ", "second row      ", Backlight.GREEN));
        ticker.advanceMillis(1000);
        lcd.resync();
        lcd.show(PlateFrame.of("before the sync ", "second row      ", Backlight.GREEN));
        assertEquals(List.of(), other.mistakes());
        assertEquals(new PlateView("before the sync ", "second row      ", Backlight.GREEN, true), other.view());
    }
}
