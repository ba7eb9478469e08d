package booth.hal.virtual;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.CharacterRom;
import booth.hal.Glyph;
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
 * <p>Time: a transaction takes what it would on a 100 kHz bus (9 clocks a byte: the address
 * byte, the register byte, each data byte), and the caller's {@link Ticker} is made to wait
 * that long, as a real write blocks; each LCD edge happens at the moment its byte would be
 * acknowledged. Thread-safe: the driver's bus thread and a test or terminal can use it at once.
 */
public final class VirtualPlate implements RegisterBus {
    /** One byte on a 100 kHz I2C bus: 8 bits and the acknowledge. */
    public static final long BYTE_NANOS = 90_000;

    // Canonical register indexes (port A at even, port B at odd, as in BANK = 0).
    // The others (GPINTEN 0x04, DEFVAL 0x06, INTCON 0x08, GPPU 0x0C) are plain storage here:
    // no interrupt line is wired, and the keys' pull-ups are part of the key model.
    private static final int IODIR = 0x00, IPOL = 0x02, IOCON = 0x0A, INTF = 0x0E, INTCAP = 0x10,
            GPIO = 0x12, OLAT = 0x14;
    private static final int BANK = 0x80, SEQOP = 0x20;

    private final int address;
    private final Ticker ticker;
    private final PlatePolarity wiring;
    private final int[] regs = new int[0x16];
    private final Set<KeypadButton> keysDown = EnumSet.noneOf(KeypadButton.class);
    private final List<String> mistakes = new ArrayList<>();
    private final VirtualHd44780 lcd;
    private boolean plugged = true;
    private int failNext;

    /** A plate at address 0x20 wired as Adafruit's kit. */
    public VirtualPlate(Ticker ticker) {
        this(0x20, ticker, PlatePolarity.ADAFRUIT);
    }

    /**
     * @param wiring how this kit's LEDs and keys are wired (a kit that differs from Adafruit's usual one)
     */
    public VirtualPlate(int address, Ticker ticker, PlatePolarity wiring) {
        this.address = address;
        this.ticker = ticker;
        this.wiring = wiring;
        this.lcd = new VirtualHd44780(this::mistake, ticker.nanoTime());
        resetRegisters();
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
        synchronized (this) {
            answer(register, BusException.Operation.WRITE);
            int canonical = decode(register);
            for (int i = 0; i < data.length; i++) {
                if (canonical >= 0) {
                    store(canonical, data[i] & 0xFF, start + (3 + i) * BYTE_NANOS);
                }
                canonical = next(canonical);
            }
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
        keysDown.add(key);
    }

    public synchronized void release(KeypadButton key) {
        keysDown.remove(key);
    }

    /** Pulls the plate off the header: no acknowledge to anything, and it loses power. */
    public synchronized void unplug() {
        plugged = false;
    }

    /** Plugs it back in: power-on state (registers at their reset values, LCD uninitialised). */
    public synchronized void plugIn() {
        if (!plugged) {
            plugged = true;
            resetRegisters();
            lcd.powerOn(ticker.nanoTime());
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
        long left = start + bytes * BYTE_NANOS - ticker.nanoTime();
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
            case GPIO, OLAT -> {
                int before = outputs(port);
                regs[OLAT + port] = value;
                if (port == 1) {
                    portBChanged(before, outputs(1), t);
                }
            }
            case INTF, INTCAP -> { } // read-only
            default -> regs[reg] = value;
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
                high = keysDown.contains(key) != wiring.keysPressedLow();
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

    /** Levels of a port's output pins (input pins read as 1: pulled up, LEDs off). */
    private int outputs(int port) {
        return (regs[OLAT + port] & ~regs[IODIR + port]) | regs[IODIR + port];
    }

    private boolean lit(int port, int mask) {
        if ((regs[IODIR + port] & mask) != 0) {
            return false; // an input pin drives no LED
        }
        boolean high = (regs[OLAT + port] & mask) != 0;
        return high != wiring.ledsLitLow();
    }

    private void portBChanged(int before, int after, long t) {
        boolean fell = (before & PlatePins.E) != 0 && (after & PlatePins.E) == 0;
        if (!fell) {
            return;
        }
        int held = PlatePins.RS | PlatePins.RW | PlatePins.D4 | PlatePins.D5 | PlatePins.D6 | PlatePins.D7;
        if ((before & held) != (after & held)) {
            mistake("data or RS changed together with the falling edge of E (hold time violated)", t);
        }
        lcd.fallingEdge((before & PlatePins.RS) != 0, (before & PlatePins.RW) != 0, PlatePins.nibbleOf(before), t);
    }

    private void mistake(String what, long t) {
        mistakes.add(String.format("t=%.3f ms: %s", t / 1e6, what));
    }

    private void mistake(String what) {
        mistakes.add(what);
    }
}
