package booth.hal.lcd;

import booth.hal.BusException;

/**
 * How the HD44780 logic reaches the LCD: a byte with RS low (instruction) or high (data),
 * or, during initialisation only, a single raw nibble. The transport may queue bytes and
 * send several per bus transaction; {@link #flush()} sends what is queued.
 *
 * <p>Each byte comes with how long the LCD stays busy once it has latched it. The transport
 * guarantees that the next byte is not latched sooner: where its own wire time between the
 * two does not cover that, it waits (an idle state on the wire, or a pause between
 * transactions). The caller never sleeps for the LCD.
 */
public interface LcdBus {
    /** Queues an instruction byte (RS low); the LCD is busy {@code busyNanos} after latching it. */
    void command(int b, long busyNanos) throws BusException;

    /** Queues a data byte (RS high): a character code or a CGRAM row. */
    void data(int b, long busyNanos) throws BusException;

    /** Queues one nibble with RS low, for the 4-bit initialisation sequence. */
    void nibble(int n, long busyNanos) throws BusException;

    /**
     * Sends whatever is queued; when it returns, the LCD has latched every queued byte (the
     * last one may still be executing: the next byte waits for it).
     */
    void flush() throws BusException;
}
