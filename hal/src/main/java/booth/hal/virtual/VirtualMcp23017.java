package booth.hal.virtual;

import booth.hal.Ticker;
import java.util.Arrays;

/**
 * The MCP23017 (Microchip DS20001952) as a register file: both BANK layouts, sequential and byte
 * mode, input polarity, output latches with read-back, and the time a transaction takes on the
 * bus. What is wired to its pins is its board's business: the board says what drives the input
 * pins ({@link Inputs}) and hears when outputs may have changed ({@link OutputsChanged}).
 *
 * <p>It reports, instead of accepting: writes and reads of registers that do not exist in the
 * current bank, writes to read-only registers.
 *
 * <p>Not thread-safe: its board holds the lock.
 */
final class VirtualMcp23017 {

    // Canonical register indexes (port A at even, port B at odd, as in BANK = 0).
    // The others (GPINTEN 0x04, DEFVAL 0x06, INTCON 0x08, GPPU 0x0C) are plain storage here:
    // no interrupt line is wired, and the keys' pull-ups are part of the key model.
    private static final int IODIR = 0x00, IPOL = 0x02, IOCON = 0x0A, INTF = 0x0E, INTCAP = 0x10,
            GPIO = 0x12, OLAT = 0x14;
    private static final int BANK = 0x80, SEQOP = 0x20;

    /** What the board's wiring drives on a port's input pins. */
    @FunctionalInterface
    interface Inputs {
        /**
         * The levels on the pins of {@code port} (0: A, 1: B) set in {@code inputPins}, read
         * now; bits of other pins are ignored. Called once per read of the port.
         */
        int levels(int port, int inputPins);
    }

    /** Told when a port's directions or latches were written: its outputs may have changed. */
    @FunctionalInterface
    interface OutputsChanged {
        /** Every pin of {@code port} took its new level at {@code t} (ticker time), all at once. */
        void at(int port, long t);
    }

    private final Ticker ticker;
    private final long byteNanos;
    private final Mistakes mistakes;
    private final Inputs inputs;
    private final OutputsChanged outputsChanged;
    private final int[] regs = new int[0x16];

    /** @param byteNanos one byte and its acknowledge at the bus clock */
    VirtualMcp23017(Ticker ticker, long byteNanos, Mistakes mistakes, Inputs inputs, OutputsChanged outputsChanged) {
        this.ticker = ticker;
        this.byteNanos = byteNanos;
        this.mistakes = mistakes;
        this.inputs = inputs;
        this.outputsChanged = outputsChanged;
        reset();
    }

    /** Power-on state: BANK = 0, every pin an input, latches 0. */
    void reset() {
        Arrays.fill(regs, 0);
        regs[IODIR] = 0xFF;
        regs[IODIR + 1] = 0xFF;
    }

    long byteNanos() {
        return byteNanos;
    }

    /**
     * A write that began at {@code start} of which only the first {@code delivered} data bytes
     * reach the chip (a write cut short delivers fewer than {@code data.length}); each is stored
     * the moment it is acknowledged, after the address byte, the register byte and the data
     * bytes before it.
     */
    void write(int register, byte[] data, int delivered, long start) {
        int canonical = decode(register);
        if (canonical < 0) {
            mistakes.at(start, String.format("write to register 0x%02x, which does not exist with IOCON.BANK = %d: %d byte(s) lost",
                    register, bank1() ? 1 : 0, data.length));
        }
        for (int i = 0; i < delivered; i++) {
            if (canonical >= 0) {
                store(canonical, data[i] & 0xFF, start + (3 + i) * byteNanos);
            }
            canonical = next(canonical);
        }
    }

    /** A register's value as a read that began at {@code start} gets it (0 for no register). */
    int read(int register, long start) {
        int canonical = decode(register);
        if (canonical < 0) {
            mistakes.at(start, String.format("read of register 0x%02x, which does not exist with IOCON.BANK = %d",
                    register, bank1() ? 1 : 0));
        }
        return canonical < 0 ? 0 : load(canonical);
    }

    /**
     * Makes the caller wait until {@code bytes} bytes from {@code start} have crossed the bus, as
     * a real transaction blocks. Called outside the board's lock.
     */
    void takeBusTime(long start, int bytes) {
        long left = start + bytes * byteNanos - ticker.nanoTime();
        if (left > 0) {
            try {
                ticker.sleepNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** IODIR of a port: 1 = input. */
    int directions(int port) {
        return regs[IODIR + port];
    }

    /** OLAT of a port: the level each output pin drives. */
    int latches(int port) {
        return regs[OLAT + port];
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
                outputsChanged.at(port, t);
            }
            case INTF, INTCAP -> mistakes.at(t, String.format("write of 0x%02x to a read-only register (%s%s)", value,
                    (reg & ~1) == INTF ? "INTF" : "INTCAP", port == 0 ? "A" : "B"));
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
        int inputPins = regs[IODIR + port];
        return (regs[OLAT + port] & ~inputPins) | (inputs.levels(port, inputPins) & inputPins);
    }
}
