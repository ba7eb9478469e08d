package booth.hal.plate;

import booth.hal.BusException;
import booth.hal.RegisterBus;
import booth.hal.lcd.LcdBus;

/**
 * The LCD's transport on the plate: every nibble becomes two states of port B (data with E
 * high, then the same data with E low: the LCD latches on the falling edge), so an LCD byte is
 * four port-B states, and the queued states of many bytes go out as one block write to OLATB
 * (byte mode: each data byte of the write is the next state of the port). The blue LED's pin
 * is on port B too; every state carries its current level.
 */
final class PlateLcdBus implements LcdBus {
    /**
     * LCD bytes per transaction: a whole row and its address (17) in one write of 69 bytes,
     * about 6 ms on a 100 kHz bus, so a key poll is never held up for long.
     */
    static final int MAX_LCD_BYTES_PER_WRITE = 17;

    private final RegisterBus bus;
    private final byte[] queue = new byte[MAX_LCD_BYTES_PER_WRITE * 4];
    private int queued;
    /** Port B's bits outside the LCD: the blue LED. */
    private int blueBit;

    PlateLcdBus(RegisterBus bus) {
        this.bus = bus;
    }

    @Override
    public void command(int b) throws BusException {
        queueByte(0, b);
    }

    @Override
    public void data(int b) throws BusException {
        queueByte(PlatePins.RS, b);
    }

    @Override
    public void nibble(int n) throws BusException {
        if (queued + 2 > queue.length) {
            flush();
        }
        queueNibble(0, n);
    }

    @Override
    public void flush() throws BusException {
        if (queued == 0) {
            return;
        }
        byte[] states = java.util.Arrays.copyOf(queue, queued);
        queued = 0; // a failed write is not retried: the driver re-initialises the LCD instead
        bus.write(Mcp23017.OLATB, states);
    }

    /** Sets the blue LED pin's level: at once (one port write) if nothing is queued. */
    void blue(boolean high) throws BusException {
        blueBit = high ? PlatePins.BLUE : 0;
        flush();
        bus.write(Mcp23017.OLATB, (byte) blueBit);
    }

    private void queueByte(int rs, int b) throws BusException {
        if (queued + 4 > queue.length) {
            flush();
        }
        queueNibble(rs, b >> 4);
        queueNibble(rs, b);
    }

    private void queueNibble(int rs, int nibble) {
        int state = rs | blueBit | PlatePins.nibbleBits(nibble & 0xF);
        queue[queued++] = (byte) (state | PlatePins.E);
        queue[queued++] = (byte) state;
    }
}
