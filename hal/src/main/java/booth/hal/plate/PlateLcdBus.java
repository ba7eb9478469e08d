package booth.hal.plate;

import booth.hal.BusException;
import booth.hal.I2cSpeed;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.lcd.LcdBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LCD's transport on the plate: every nibble becomes two states of port B (data with E
 * high, then the same data with E low: the LCD latches on the falling edge), so an LCD byte is
 * four port-B states, and the queued states of many bytes go out as one block write to OLATB
 * (byte mode: each data byte of the write is the next state of the port). The blue LED's pin
 * is on port B too; every state carries its current level.
 *
 * <p>Datasheet timing, kept by construction:
 * <ul>
 * <li>RS must be steady t_AS (40 ns) before E rises and t_AH after it falls. Both MCP23017
 *     outputs change on the same acknowledge edge, so a nibble whose RS differs from the port's
 *     gets one more state first: the new RS with E still low.
 * <li>Data changes only with E rising (t_DSW 80 ns before the fall is covered by E's high state,
 *     one bus byte long) and is held through the fall (t_H).
 * <li>After a byte, the LCD is busy for the time the caller gave; the next byte's first latch
 *     must come later. At 100 kHz the two states before it (180 µs) always cover an ordinary
 *     instruction. Where they do not (a clear, faster buses), up to {@link #MAX_IDLE_STATES}
 *     idle states are put in between; a longer wait ends the write, and the next write starts
 *     only when the rest of the wait has passed.
 * </ul>
 */
final class PlateLcdBus implements LcdBus {
    /**
     * Port states per transaction: a whole row and its address (17 LCD bytes, 68 states, and two
     * RS set-ups) in one write of about 6.5 ms on a 100 kHz bus, so a key poll is never held up
     * for long.
     */
    static final int MAX_STATES_PER_WRITE = 72;
    /**
     * Idle states that may stand in for a wait inside a write; a longer wait costs fewer bytes as
     * a new transaction (its address and register bytes take the bus time of two states).
     */
    static final int MAX_IDLE_STATES = 2;
    private static final int UNKNOWN = -1;
    /** Idle states of the write that times the bus at each set-up. */
    static final int CLOCK_CHECK_STATES = 16;
    private static final Logger log = LoggerFactory.getLogger(PlateLcdBus.class);

    private final RegisterBus bus;
    private final Ticker ticker;
    private final I2cSpeed configured;
    /** One byte on the wire: the configured clock's, or 1 MHz's once the bus proved faster. */
    private long byteNanos;
    private boolean warnedFast;
    private final byte[] queue = new byte[MAX_STATES_PER_WRITE];
    private int queued;
    /** Port B as the last queued state leaves it, or {@link #UNKNOWN} (after a failed write). */
    private int port = UNKNOWN;
    /** Port B's bits outside the LCD: the blue LED. */
    private int blueBit;
    /** Index in the queue of the first and the last latching state (E falling), or -1. */
    private int firstLatch = -1;
    private int lastLatch = -1;
    /** How long the LCD is busy after the last latch queued. */
    private long lastBusyNanos;
    /** Ticker time before which the next write's first latch must not come. */
    private long notBefore;

    PlateLcdBus(RegisterBus bus, Ticker ticker, I2cSpeed speed) {
        this.bus = bus;
        this.ticker = ticker;
        this.configured = speed;
        this.byteNanos = speed.byteNanos();
        this.notBefore = ticker.nanoTime();
    }

    @Override
    public void command(int b, long busyNanos) throws BusException {
        queue(0, new int[] {b >> 4, b}, busyNanos);
    }

    @Override
    public void data(int b, long busyNanos) throws BusException {
        queue(PlatePins.RS, new int[] {b >> 4, b}, busyNanos);
    }

    @Override
    public void nibble(int n, long busyNanos) throws BusException {
        queue(0, new int[] {n}, busyNanos);
    }

    @Override
    public void flush() throws BusException {
        if (queued == 0) {
            return;
        }
        if (firstLatch >= 0) {
            // The address and register bytes, and the states up to the first latch, go out first.
            long wait = notBefore - ticker.nanoTime() - (3L + firstLatch) * byteNanos;
            if (wait > 0) {
                try {
                    ticker.sleepNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BusException(bus.address(), Mcp23017.OLATB, BusException.Operation.WRITE,
                            "interrupted while the LCD was busy", e);
                }
            }
        }
        byte[] states = java.util.Arrays.copyOf(queue, queued);
        boolean latches = lastLatch >= 0;
        int after = port;
        queued = 0;
        firstLatch = -1;
        lastLatch = -1;
        // A failed write is not retried: the driver re-initialises the LCD instead, and until a
        // write succeeds nobody knows what the port shows.
        port = UNKNOWN;
        bus.write(Mcp23017.OLATB, states);
        port = after;
        if (latches) {
            notBefore = ticker.nanoTime() + lastBusyNanos; // the last latch was no later than now
        }
    }

    /**
     * Sets the port to the LCD's idle state (E, RS and data low) with the blue LED at
     * {@code high}, in one write: how set-up makes the latch right before the pins become
     * outputs.
     */
    void idle(boolean blueHigh) throws BusException {
        flush();
        if (port == UNKNOWN) {
            // A write cut short may have left E high: let it fall with the rest held, as the LCD
            // needs (the stray nibble it latches is undone by the reset sequence that follows).
            int latch = bus.read(Mcp23017.OLATB);
            if ((latch & PlatePins.E) != 0) {
                bus.write(Mcp23017.OLATB, (byte) (latch & ~PlatePins.E));
            }
        }
        blueBit = blueHigh ? PlatePins.BLUE : 0;
        port = UNKNOWN;
        bus.write(Mcp23017.OLATB, (byte) blueBit);
        port = blueBit;
    }

    /**
     * Times one write of idle states (nothing changes on the pins) against the configured clock.
     * A bus raised in config.txt without the configuration following would make every wait the
     * driver computes too short; a write that takes less than 90 % of its time at the configured
     * clock cannot be on that clock, so the waits are sized for 1 MHz from then on, with one
     * warning. (A slower bus, or the system call's own time, only makes the waits longer.)
     */
    void checkClock() throws BusException {
        flush();
        byte[] states = new byte[CLOCK_CHECK_STATES];
        java.util.Arrays.fill(states, (byte) port);
        long start = ticker.nanoTime();
        bus.write(Mcp23017.OLATB, states);
        long took = ticker.nanoTime() - start;
        long expected = (2L + states.length) * configured.byteNanos();
        if (took * 10 < expected * 9 && byteNanos > I2cSpeed.FAST_PLUS.byteNanos()) {
            byteNanos = I2cSpeed.FAST_PLUS.byteNanos();
            if (!warnedFast) {
                warnedFast = true;
                log.warn("the I2C bus runs faster than the configured {} ({} bytes took {} µs, {} µs at that clock): the"
                        + " LCD's waits are now sized for 1 MHz; set the plate's clock (hardware.i2c-hz) to the bus's",
                        configured, states.length + 2, took / 1000, expected / 1000);
            }
        }
    }

    /** Sets the blue LED pin's level: at once (one port write, E low, nothing else changing). */
    void blue(boolean high) throws BusException {
        flush();
        blueBit = high ? PlatePins.BLUE : 0;
        int state = port == UNKNOWN ? blueBit : (port & ~PlatePins.BLUE) | blueBit;
        port = UNKNOWN;
        bus.write(Mcp23017.OLATB, (byte) state);
        port = state;
    }

    private void queue(int rs, int[] nibbles, long busyNanos) throws BusException {
        int setUp = port == UNKNOWN || (port & PlatePins.RS) != rs ? 1 : 0;
        int size = setUp + 2 * nibbles.length;
        int idle = 0;
        if (lastLatch >= 0) {
            long gap = (queued + setUp + 1L - lastLatch) * byteNanos;
            if (gap < lastBusyNanos) {
                idle = (int) ((lastBusyNanos - gap + byteNanos - 1) / byteNanos);
                if (idle > MAX_IDLE_STATES) {
                    flush();
                    idle = 0;
                }
            }
        }
        if (queued + idle + size > queue.length) {
            flush();
            idle = 0;
        }
        for (int i = 0; i < idle; i++) {
            queue[queued++] = (byte) port;
        }
        if (setUp == 1) {
            port = rs | blueBit | PlatePins.nibbleBits(nibbles[0] & 0xF);
            queue[queued++] = (byte) port;
        }
        for (int n : nibbles) {
            port = rs | blueBit | PlatePins.nibbleBits(n & 0xF);
            queue[queued++] = (byte) (port | PlatePins.E);
            queue[queued++] = (byte) port;
            if (firstLatch < 0) {
                firstLatch = queued - 1;
            }
        }
        lastLatch = queued - 1;
        lastBusyNanos = busyNanos;
    }
}
