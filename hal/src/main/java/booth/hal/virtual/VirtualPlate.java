package booth.hal.virtual;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.CharacterRom;
import booth.hal.Glyph;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateView;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.plate.PlatePins;
import booth.hal.plate.PlatePolarity;
import java.util.ArrayList;
import java.util.List;

/**
 * Adafruit's RGB LCD keypad plate in software, behind the same {@link RegisterBus} as the real
 * one: a {@link VirtualMcp23017} wired as the kit wires it, to a {@link VirtualHd44780} on port
 * B ({@link LcdLines}), three LEDs and five {@link VirtualKeys}. It answers what a person would see and records
 * protocol mistakes rather than accepting them silently.
 *
 * <p>Time: a transaction takes what it would on the bus at its {@link I2cSpeed} (9 clocks a
 * byte: the address byte, the register byte, each data byte), and the caller's {@link Ticker}
 * is made to wait that long, as a real write blocks; each pin change happens at the moment its
 * byte is acknowledged, all of a port's pins at once, as the MCP23017 updates them.
 *
 * <p>It reports, instead of accepting, what its parts report: registers that do not exist or
 * are read-only ({@link VirtualMcp23017}), the LCD's lines changing with an edge of E
 * ({@link LcdLines}), the LCD's own mistakes ({@link VirtualHd44780}). It can also be made to
 * misbehave as hardware does: a brown-out, key bounce, a write cut short, an unplugged plate.
 *
 * <p>Thread-safe: the driver's bus thread and a test or terminal can use it at once.
 */
public final class VirtualPlate implements RegisterBus {
    private static final int PORT_A = 0, PORT_B = 1;

    private final int address;
    private final Ticker ticker;
    private final PlatePolarity wiring;
    private final Mistakes mistakes = new Mistakes();
    private final VirtualMcp23017 chip;
    private final VirtualHd44780 lcd;
    private final LcdLines lcdLines;
    private final VirtualKeys keys;
    private final List<BacklightChange> backlightHistory = new ArrayList<>();
    private boolean plugged = true;
    private int failNext;
    /** Data bytes the next write delivers before it fails; -1: no such fault pending. */
    private int cutAfter = -1;

    /** A backlight colour and when it began (ticker time). */
    private long reads;

    public record BacklightChange(long atNanos, Backlight colour) {
    }

    /** A plate at address 0x20 wired as Adafruit's kit, on a 100 kHz bus. */
    public VirtualPlate(Ticker ticker) {
        this(0x20, ticker, PlatePolarity.ADAFRUIT, I2cSpeed.STANDARD);
    }

    /**
     * @param wiring how this kit's LEDs and keys are wired (a kit that differs from Adafruit's usual one)
     * @param speed  the bus clock: how long each transaction takes
     */
    public VirtualPlate(int address, Ticker ticker, PlatePolarity wiring, I2cSpeed speed) {
        this.address = address;
        this.ticker = ticker;
        this.wiring = wiring;
        this.chip = new VirtualMcp23017(ticker, speed.byteNanos(), mistakes, this::inputLevels, this::outputsChanged);
        this.lcd = new VirtualHd44780(mistakes::add, ticker.nanoTime());
        this.lcdLines = new LcdLines(lcd, mistakes);
        this.keys = new VirtualKeys(wiring);
        backlightHistory.add(new BacklightChange(ticker.nanoTime(), Backlight.OFF));
    }

    // ------------------------------------------------------------------------------------------
    // RegisterBus

    @Override
    public int address() {
        return address;
    }

    @Override
    public void write(int register, byte... data) throws BusException {
        long start = ticker.nanoTime();
        int delivered = data.length;
        synchronized (this) {
            answer(register, BusException.Operation.WRITE);
            if (cutAfter >= 0) {
                delivered = Math.min(cutAfter, data.length);
                cutAfter = -1;
            }
            chip.write(register, data, delivered, start);
        }
        if (delivered < data.length) {
            chip.takeBusTime(start, 3 + delivered);
            lcd.upset();
            throw new BusException(address, register, BusException.Operation.WRITE,
                    "no acknowledge after " + delivered + " of " + data.length + " data bytes", null);
        }
        chip.takeBusTime(start, 2 + data.length);
    }

    @Override
    public int read(int register) throws BusException {
        long start = ticker.nanoTime();
        int value;
        synchronized (this) {
            answer(register, BusException.Operation.READ);
            value = chip.read(register, start);
            reads++;
        }
        chip.takeBusTime(start, 4); // pointer write (address, register), then address and one data byte
        return value;
    }

    @Override
    public void close() {
        // nothing held
    }

    // ------------------------------------------------------------------------------------------
    // What a person sees and does

    /** The two rows as the LCD shows them (glyphs as {@link CharacterRom#glyph} stand-ins) and the colour. */
    public synchronized PlateView view() {
        StringBuilder top = new StringBuilder();
        StringBuilder bottom = new StringBuilder();
        for (int c = 0; c < 16; c++) {
            top.append(lcd.displayOn() ? CharacterRom.toUnicode(lcd.code(0, c)) : ' ');
            bottom.append(lcd.displayOn() ? CharacterRom.toUnicode(lcd.code(1, c)) : ' ');
        }
        return new PlateView(top.toString(), bottom.toString(), backlight(), lcd.displayOn());
    }

    /** The custom glyph in CGRAM slot {@code slot}. */
    public synchronized Glyph glyph(int slot) {
        return lcd.glyph(slot);
    }

    public synchronized Backlight backlight() {
        if (!plugged) {
            return Backlight.OFF;
        }
        return Backlight.of(lit(PORT_A, PlatePins.RED), lit(PORT_A, PlatePins.GREEN), lit(PORT_B, PlatePins.BLUE));
    }

    /**
     * Reads answered so far: the driver reads only the keys' port, so a test can hold a key for
     * as many of the driver's polls as it means to, as a finger does, whatever the time.
     */
    public synchronized long reads() {
        return reads;
    }

    public synchronized void press(KeypadButton key) {
        keys.press(key, ticker.nanoTime());
    }

    public synchronized void release(KeypadButton key) {
        keys.release(key, ticker.nanoTime());
    }

    /**
     * Key contacts bounce: for {@code nanos} after a key changes, reads of its pin alternate
     * between the two levels, as a mechanical contact does (0: clean contacts).
     */
    public synchronized void bounce(long nanos) {
        keys.bounce(nanos);
    }

    /**
     * The plate's 3.3 V dips for a moment: the MCP23017 resets to its power-on state (BANK = 0,
     * every pin an input, latches 0) without failing any transaction, so the LEDs go dark and
     * the LCD's E line floats, which may leave the LCD out of step (it keeps its 5 V, and what
     * it shows).
     */
    public synchronized void brownOut() {
        long now = ticker.nanoTime();
        chip.reset();
        lcd.upset();
        lcd.fallingEdge(false, false, 0x0, now); // a glitch on the floating E: half a byte of nothing
        noteBacklight(now);
    }

    /**
     * The LCD's own 5 V dips for a moment (the MCP23017 keeps its 3.3 V): the LCD resets to its
     * power-on state, 8-bit mode, display off, blank. Nothing on the bus tells: the plate never
     * reads the LCD. What the LCD makes of bytes until the driver's next reset sequence is the
     * glitch's doing, not a driver's mistake.
     */
    public synchronized void lcdPowerDip() {
        lcd.powerOn(ticker.nanoTime());
        lcd.upset();
    }

    /** The next write delivers only its first {@code dataBytes} data bytes, then fails (no acknowledge). */
    public synchronized void cutNextWriteAfter(int dataBytes) {
        cutAfter = dataBytes;
    }

    /** Every backlight colour since power-on, oldest first, each with when it began. */
    public synchronized List<BacklightChange> backlightHistory() {
        return List.copyOf(backlightHistory);
    }

    /** Pulls the plate off the header: no acknowledge to anything, and it loses power. */
    public synchronized void unplug() {
        plugged = false;
        noteBacklight(ticker.nanoTime());
    }

    /** Plugs it back in: power-on state (registers at their reset values, LCD uninitialised). */
    public synchronized void plugIn() {
        if (!plugged) {
            plugged = true;
            chip.reset();
            lcdLines.reset();
            lcd.powerOn(ticker.nanoTime());
            noteBacklight(ticker.nanoTime());
        }
    }

    /** The next {@code n} transactions fail as an I/O error would (a glitch, not an unplug). */
    public synchronized void failNext(int n) {
        failNext = n;
    }

    /** Every protocol mistake so far, oldest first. */
    public synchronized List<String> mistakes() {
        return mistakes.all();
    }

    /** Bytes the LCD has taken (instructions and data, each 8-bit-mode edge one) since it was made. */
    public synchronized long lcdBytes() {
        return lcd.executed();
    }

    /** One byte and its acknowledge at this plate's bus clock. */
    public long byteNanos() {
        return chip.byteNanos();
    }

    // ------------------------------------------------------------------------------------------
    // The board: what the kit wires to the MCP23017's pins

    /** Whether the plate answers a transaction at all: unplugged, or a glitch, it does not. */
    private void answer(int register, BusException.Operation op) throws BusException {
        if (!plugged) {
            throw new BusException(address, register, op, "no acknowledge (device missing)", null);
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException(address, register, op, "I/O error", null);
        }
    }

    /** Port A's inputs are the keys (and GPA5, unconnected); port B's would be LCD lines the LCD never drives: floating, which mostly reads high. */
    private int inputLevels(int port, int inputPins) {
        return port == PORT_A ? keys.levels(inputPins, ticker.nanoTime()) : 0xFF;
    }

    private void outputsChanged(int port, long t) {
        if (port == PORT_B) {
            lcdLines.portChanged(chip.latches(PORT_B), chip.directions(PORT_B), t);
        }
        noteBacklight(t);
    }

    private void noteBacklight(long t) {
        Backlight now = backlight();
        if (backlightHistory.get(backlightHistory.size() - 1).colour() != now) {
            backlightHistory.add(new BacklightChange(t, now));
        }
    }

    private boolean lit(int port, int mask) {
        if ((chip.directions(port) & mask) != 0) {
            return false; // an input pin drives no LED
        }
        boolean high = (chip.latches(port) & mask) != 0;
        return high != wiring.ledsLitLow();
    }
}
