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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Adafruit's RGB LCD keypad plate in software, behind the same {@link RegisterBus} as the real
 * one: an MCP23017 register file (both BANK layouts, sequential and byte mode, pull-ups, input
 * polarity, output latches with read-back), an {@link VirtualHd44780} wired to port B as the kit
 * wires it, three LEDs and five keys. It answers what a person would see and records protocol
 * mistakes rather than accepting them silently.
 *
 * <p>Time: a transaction takes what it would on the bus at its {@link I2cSpeed} (9 clocks a
 * byte: the address byte, the register byte, each data byte), and the caller's {@link Ticker}
 * is made to wait that long, as a real write blocks; each pin change happens at the moment its
 * byte is acknowledged, all of a port's pins at once, as the MCP23017 updates them.
 *
 * <p>It reports, instead of accepting: RS changing with E's rising edge (t_AS) or while E is
 * high, data or RS changing with E's falling edge (t_H, t_AH), R/W high, writes and reads of
 * registers that do not exist in the current bank, writes to read-only registers, and the
 * LCD's own mistakes ({@link VirtualHd44780}). It can also be made to misbehave as hardware
 * does: a brown-out, key bounce, a write cut short, an unplugged plate.
 *
 * <p>Thread-safe: the driver's bus thread and a test or terminal can use it at once.
 */
public final class VirtualPlate implements RegisterBus {

    // Canonical register indexes (port A at even, port B at odd, as in BANK = 0).
    // The others (GPINTEN 0x04, DEFVAL 0x06, INTCON 0x08, GPPU 0x0C) are plain storage here:
    // no interrupt line is wired, and the keys' pull-ups are part of the key model.
    private static final int IODIR = 0x00, IPOL = 0x02, IOCON = 0x0A, INTF = 0x0E, INTCAP = 0x10,
            GPIO = 0x12, OLAT = 0x14;
    private static final int BANK = 0x80, SEQOP = 0x20;

    private final int address;
    private final Ticker ticker;
    private final PlatePolarity wiring;
    private final long byteNanos;
    private final int[] regs = new int[0x16];
    private final Set<KeypadButton> keysDown = EnumSet.noneOf(KeypadButton.class);
    private final List<String> mistakes = new ArrayList<>();
    private final VirtualHd44780 lcd;
    private final List<BacklightChange> backlightHistory = new ArrayList<>();
    private boolean plugged = true;
    private int failNext;
    /** Data bytes the next write delivers before it fails; -1: no such fault pending. */
    private int cutAfter = -1;
    private long bounceNanos;
    /** When each key last changed, for bounce; and how many reads each bouncing key has seen. */
    private final long[] keyChangedAt = new long[KeypadButton.values().length];
    private int bounceReads;
    /** RS and R/W as they were when E last rose. */
    private int latchedControl;
    /** Port B as the LCD sees it: driven pins at their latch, floating ones at their last level. */
    private int lcdPins;

    /** A backlight colour and when it began (ticker time). */
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
        this.byteNanos = speed.byteNanos();
        this.lcd = new VirtualHd44780(this::mistake, ticker.nanoTime());
        resetRegisters();
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
            int canonical = decode(register);
            if (canonical < 0) {
                mistake(String.format("write to register 0x%02x, which does not exist with IOCON.BANK = %d: %d byte(s) lost",
                        register, bank1() ? 1 : 0, data.length), start);
            }
            for (int i = 0; i < delivered; i++) {
                if (canonical >= 0) {
                    store(canonical, data[i] & 0xFF, start + (3 + i) * byteNanos);
                }
                canonical = next(canonical);
            }
        }
        if (delivered < data.length) {
            takeBusTime(start, 3 + delivered);
            lcd.upset();
            throw new BusException(address, register, BusException.Operation.WRITE,
                    "no acknowledge after " + delivered + " of " + data.length + " data bytes", null);
        }
        takeBusTime(start, 2 + data.length);
    }

    @Override
    public int read(int register) throws BusException {
        long start = ticker.nanoTime();
        int value;
        synchronized (this) {
            answer(register, BusException.Operation.READ);
            int canonical = decode(register);
            if (canonical < 0) {
                mistake(String.format("read of register 0x%02x, which does not exist with IOCON.BANK = %d",
                        register, bank1() ? 1 : 0), start);
            }
            value = canonical < 0 ? 0 : load(canonical);
        }
        takeBusTime(start, 4); // pointer write (address, register), then address and one data byte
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
        return Backlight.of(lit(0, PlatePins.RED), lit(0, PlatePins.GREEN), lit(1, PlatePins.BLUE));
    }

    public synchronized void press(KeypadButton key) {
        if (keysDown.add(key)) {
            keyChangedAt[key.ordinal()] = ticker.nanoTime();
        }
    }

    public synchronized void release(KeypadButton key) {
        if (keysDown.remove(key)) {
            keyChangedAt[key.ordinal()] = ticker.nanoTime();
        }
    }

    /**
     * Key contacts bounce: for {@code nanos} after a key changes, reads of its pin alternate
     * between the two levels, as a mechanical contact does (0: clean contacts).
     */
    public synchronized void bounce(long nanos) {
        bounceNanos = nanos;
    }

    /**
     * The plate's 3.3 V dips for a moment: the MCP23017 resets to its power-on state (BANK = 0,
     * every pin an input, latches 0) without failing any transaction, so the LEDs go dark and
     * the LCD's E line floats, which may leave the LCD out of step (it keeps its 5 V, and what
     * it shows).
     */
    public synchronized void brownOut() {
        long now = ticker.nanoTime();
        resetRegisters();
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
            resetRegisters();
            latchedControl = 0;
            lcdPins = 0;
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
        return List.copyOf(mistakes);
    }

    // ------------------------------------------------------------------------------------------
    // The MCP23017

    private void answer(int register, BusException.Operation op) throws BusException {
        if (!plugged) {
            throw new BusException(address, register, op, "no acknowledge (device missing)", null);
        }
        if (failNext > 0) {
            failNext--;
            throw new BusException(address, register, op, "I/O error", null);
        }
    }

    private void takeBusTime(long start, int bytes) {
        long left = start + bytes * byteNanos - ticker.nanoTime();
        if (left > 0) {
            try {
                ticker.sleepNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void resetRegisters() {
        java.util.Arrays.fill(regs, 0);
        regs[IODIR] = 0xFF;
        regs[IODIR + 1] = 0xFF;
    }

    private boolean bank1() {
        return (regs[IOCON] & BANK) != 0;
    }

    /** Canonical index of a register address in the current bank, or -1 for none. */
    private int decode(int register) {
        if (bank1()) {
            int port = register >> 4;
            int index = register & 0x0F;
            return port <= 1 && index <= 0x0A ? index * 2 + port : -1;
        }
        return register < 0x16 ? register : -1;
    }

    /** Where the address pointer goes after a byte, by IOCON.BANK and IOCON.SEQOP. */
    private int next(int canonical) {
        if (canonical < 0) {
            return -1;
        }
        boolean byteMode = (regs[IOCON] & SEQOP) != 0;
        if (byteMode) {
            // BANK = 1: the pointer stays; BANK = 0: it toggles between the A/B pair.
            return bank1() ? canonical : canonical ^ 1;
        }
        if (bank1()) {
            int port = canonical & 1;
            int index = canonical >> 1;
            return index < 0x0A ? (index + 1) * 2 + port : -1;
        }
        return (canonical + 1) % 0x16;
    }

    private void store(int reg, int value, long t) {
        int port = reg & 1;
        switch (reg & ~1) {
            case IOCON -> {
                regs[IOCON] = value & 0xFE;
                regs[IOCON + 1] = value & 0xFE;
            }
            case GPIO, OLAT, IODIR -> {
                regs[(reg & ~1) == IODIR ? IODIR + port : OLAT + port] = value;
                if (port == 1) {
                    // An input pin floats, and the LCD's input keeps the level it last saw.
                    int seen = (regs[OLAT + 1] & ~regs[IODIR + 1]) | (lcdPins & regs[IODIR + 1]);
                    portBChanged(lcdPins, seen, t);
                    lcdPins = seen;
                }
            }
            case INTF, INTCAP -> mistake(String.format("write of 0x%02x to a read-only register (%s%s)", value,
                    (reg & ~1) == INTF ? "INTF" : "INTCAP", port == 0 ? "A" : "B"), t);
            default -> regs[reg] = value;
        }
        noteBacklight(t);
    }

    private void noteBacklight(long t) {
        Backlight now = backlight();
        if (backlightHistory.get(backlightHistory.size() - 1).colour() != now) {
            backlightHistory.add(new BacklightChange(t, now));
        }
    }

    private int load(int reg) {
        int port = reg & 1;
        return switch (reg & ~1) {
            case GPIO -> pins(port) ^ (regs[IPOL + port] & regs[IODIR + port]);
            default -> regs[reg];
        };
    }

    /** Pin levels of a port: outputs from the latch, inputs from the outside world. */
    private int pins(int port) {
        int inputs = regs[IODIR + port];
        int level = regs[OLAT + port] & ~inputs;
        for (int bit = 0; bit < 8; bit++) {
            int mask = 1 << bit;
            if ((inputs & mask) == 0) {
                continue;
            }
            KeypadButton key = port == 0 ? keyOn(mask) : null;
            boolean high;
            if (key == null) {
                high = true; // unconnected: pulled up, or floating (which mostly reads high)
            } else {
                // Adafruit's kit: a key shorts its pulled-up pin to ground. A kit wired the
                // other way drives the pin high when pressed and reads low otherwise.
                boolean down = keysDown.contains(key);
                if (ticker.nanoTime() - keyChangedAt[key.ordinal()] < bounceNanos && (bounceReads++ & 1) == 0) {
                    down = !down; // still bouncing: this read catches the contact open
                }
                high = down != wiring.keysPressedLow();
            }
            level |= high ? mask : 0;
        }
        return level;
    }

    private static KeypadButton keyOn(int mask) {
        for (KeypadButton k : KeypadButton.values()) {
            if (PlatePins.bit(k) == mask) {
                return k;
            }
        }
        return null;
    }

    private boolean lit(int port, int mask) {
        if ((regs[IODIR + port] & mask) != 0) {
            return false; // an input pin drives no LED
        }
        boolean high = (regs[OLAT + port] & mask) != 0;
        return high != wiring.ledsLitLow();
    }

    /**
     * Port B's pins changed at {@code t}, all at once. The HD44780 takes RS and R/W when E
     * rises (they must be steady t_AS before it) and data when E falls (steady t_DSW before,
     * and held t_H after, as RS is held t_AH); in one MCP23017 update nothing is "before".
     */
    private void portBChanged(int before, int after, long t) {
        int control = PlatePins.RS | PlatePins.RW;
        int data = PlatePins.D4 | PlatePins.D5 | PlatePins.D6 | PlatePins.D7;
        boolean wasHigh = (before & PlatePins.E) != 0;
        boolean isHigh = (after & PlatePins.E) != 0;
        if (!wasHigh && isHigh) {
            if ((before & control) != (after & control)) {
                mistake("RS or R/W changed together with the rising edge of E (address set-up time t_AS violated)", t);
            }
            latchedControl = after & control;
        } else if (wasHigh && isHigh && (before & control) != (after & control)) {
            mistake("RS or R/W changed while E was high", t);
        } else if (wasHigh && !isHigh) {
            if ((before & (control | data)) != (after & (control | data))) {
                mistake("data or RS changed together with the falling edge of E (hold time violated)", t);
            }
            lcd.fallingEdge((latchedControl & PlatePins.RS) != 0, (latchedControl & PlatePins.RW) != 0,
                    PlatePins.nibbleOf(before), t);
        }
    }

    private void mistake(String what, long t) {
        mistakes.add(String.format("t=%.3f ms: %s", t / 1e6, what));
    }

    private void mistake(String what) {
        mistakes.add(what);
    }

    /** Bytes the LCD has taken (instructions and data, each 8-bit-mode edge one) since it was made. */
    public synchronized long lcdBytes() {
        return lcd.executed();
    }

    /** One byte and its acknowledge at this plate's bus clock. */
    public long byteNanos() {
        return byteNanos;
    }
}
