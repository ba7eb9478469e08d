package booth.hal.plate;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.CharacterRom;
import booth.hal.Glyph;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.lcd.Hd44780;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The RGB LCD keypad plate as a device: set-up, showing a {@link PlateFrame} by sending only
 * what differs from what the LCD shows now, and reading the keys. Never clears the screen to
 * update it. Not thread-safe: {@link PlateDriver} runs it on its one bus thread.
 */
public final class LcdPlate {
    private final RegisterBus bus;
    private final PlatePolarity polarity;
    private final PlateLcdBus lcdBus;
    private final Hd44780 lcd;

    /** What the LCD shows now, as character codes; -1 where unknown. */
    private final int[][] shown = new int[Hd44780.ROWS][Hd44780.COLUMNS];
    private final Glyph[] shownGlyphs = new Glyph[8];
    private Backlight shownBacklight;
    /** Where the LCD's address counter points: row * 16 + column, or -1 when unknown or in CGRAM. */
    private int cursor = -1;

    public LcdPlate(RegisterBus bus, PlatePolarity polarity, Ticker ticker, I2cSpeed speed) {
        this.bus = bus;
        this.polarity = polarity;
        this.lcdBus = new PlateLcdBus(bus, ticker, speed);
        this.lcd = new Hd44780(lcdBus, ticker);
        forget();
    }

    /**
     * Sets up the MCP23017 and the LCD from whatever state they are in (power-on, a brown-out,
     * or a daemon restarted without a power cycle): ends with a blank screen and the backlight
     * off, which it never lights on the way.
     */
    public void initialise() throws BusException, InterruptedException {
        forget();
        // At power-on (or after a brown-out) BANK = 0, IOCON is at 0x0A and 0x05 is GPINTENB,
        // which this driver keeps at 0. Already in BANK = 1 (the daemon restarted), 0x05 is
        // IOCON with BANK set, and 0x0A is OLATA: writing IOCON's value there would light the
        // red LED for a moment. So ask 0x05 which layout the chip is in.
        int bank1Iocon = Mcp23017.IOCON_BANK | Mcp23017.IOCON_SEQOP;
        boolean bank1 = (bus.read(Mcp23017.IOCON) & Mcp23017.IOCON_BANK) != 0;
        bus.write(bank1 ? Mcp23017.IOCON : Mcp23017.IOCON_BANK0, (byte) bank1Iocon);
        // The latches first, dark (LEDs off, LCD idle), then the pins become outputs.
        boolean low = polarity.ledsLitLow();
        bus.write(Mcp23017.OLATA, (byte) (low ? PlatePins.RED | PlatePins.GREEN : 0));
        lcdBus.idle(low);
        bus.write(Mcp23017.IODIRA, (byte) PlatePins.PORT_A_INPUTS);
        bus.write(Mcp23017.IPOLA, (byte) 0);
        bus.write(Mcp23017.GPINTENA, (byte) 0);
        bus.write(Mcp23017.GPPUA, (byte) PlatePins.PORT_A_INPUTS);
        bus.write(Mcp23017.IODIRB, (byte) 0);
        bus.write(Mcp23017.IPOLB, (byte) 0);
        bus.write(Mcp23017.GPINTENB, (byte) 0);
        bus.write(Mcp23017.GPPUB, (byte) 0);
        lcdBus.checkClock();
        shownBacklight = Backlight.OFF;
        lcd.initialise();
        for (int[] row : shown) {
            Arrays.fill(row, ' ');
        }
        cursor = 0;
    }

    /**
     * Re-syncs the LCD without blanking it, the MCP23017 and the backlight left as they are:
     * the plate cannot read the LCD (R/W is held low), so an LCD that lost its 4-bit state or
     * its power for a moment cannot be seen; this brings it back in any case. The next
     * {@link #show} rewrites every cell and glyph (with what they should show: a healthy LCD
     * shows no change).
     */
    public void resync() throws BusException {
        Backlight lit = shownBacklight;
        forget();
        shownBacklight = lit;
        lcd.resync();
        cursor = 0;
    }

    /** Forgets what the LCD shows, so that the next {@link #show} rewrites every cell. */
    public void forget() {
        for (int[] row : shown) {
            Arrays.fill(row, -1);
        }
        Arrays.fill(shownGlyphs, null);
        shownBacklight = null;
        cursor = -1;
    }

    /**
     * Makes the plate show {@code frame}: glyphs that changed, then the cells that changed (runs
     * of them, each after one address instruction, unless the address counter is already there),
     * then the backlight. Costs nothing when nothing changed.
     */
    public void show(PlateFrame frame) throws BusException {
        for (int slot = 0; slot < frame.glyphs().size(); slot++) {
            Glyph g = frame.glyphs().get(slot);
            if (g != null && !g.equals(shownGlyphs[slot])) {
                lcd.defineGlyph(slot, g);
                shownGlyphs[slot] = g;
                cursor = -1;
            }
        }
        for (int r = 0; r < Hd44780.ROWS; r++) {
            showRow(r, frame.row(r));
        }
        lcd.flush();
        setBacklight(frame.backlight());
    }

    private void showRow(int r, String text) throws BusException {
        int[] want = new int[Hd44780.COLUMNS];
        for (int c = 0; c < want.length; c++) {
            want[c] = CharacterRom.toCode(text.charAt(c));
        }
        int c = 0;
        while (c < want.length) {
            if (want[c] == shown[r][c]) {
                c++;
                continue;
            }
            // A run of changes; an unchanged cell between two changes is rewritten rather than
            // skipped, because skipping it would cost an address instruction, the same one byte.
            int end = c;
            while (end + 1 < want.length && (want[end + 1] != shown[r][end + 1]
                    || (end + 2 < want.length && want[end + 2] != shown[r][end + 2]))) {
                end++;
            }
            int at = r * Hd44780.COLUMNS + c;
            if (cursor != at) {
                lcd.moveTo(r, c);
            }
            for (int i = c; i <= end; i++) {
                lcd.write(want[i]);
                shown[r][i] = want[i];
            }
            cursor = end + 1 < Hd44780.COLUMNS ? at + (end - c) + 1 : -1;
            c = end + 1;
        }
    }

    private void setBacklight(Backlight colour) throws BusException {
        if (colour == shownBacklight) {
            return;
        }
        boolean low = polarity.ledsLitLow();
        int portA = (colour.red() != low ? PlatePins.RED : 0) | (colour.green() != low ? PlatePins.GREEN : 0);
        if (shownBacklight == null || colour.red() != shownBacklight.red() || colour.green() != shownBacklight.green()) {
            bus.write(Mcp23017.OLATA, (byte) portA);
        }
        if (shownBacklight == null || colour.blue() != shownBacklight.blue()) {
            lcdBus.blue(colour.blue() != low);
        }
        shownBacklight = colour;
    }

    /**
     * Reads the five keys in one bus read: the keys that are down now; empty when the chip has
     * lost its set-up. GPA5 is not connected and set up with its pull-up, so it reads 1 in every
     * healthy read. A brown-out resets the MCP23017 silently (no transaction fails) to BANK = 0,
     * where this read lands on INTCONB instead, which reads 0x00: every key would look pressed.
     */
    public Optional<Set<KeypadButton>> readKeys() throws BusException {
        int portA = bus.read(Mcp23017.GPIOA);
        if ((portA & PlatePins.UNCONNECTED) == 0) {
            return Optional.empty();
        }
        Set<KeypadButton> down = EnumSet.noneOf(KeypadButton.class);
        for (KeypadButton k : KeypadButton.values()) {
            boolean high = (portA & PlatePins.bit(k)) != 0;
            if (high != polarity.keysPressedLow()) {
                down.add(k);
            }
        }
        return Optional.of(down);
    }
}
