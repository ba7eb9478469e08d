package booth.hal.lcd;

import booth.hal.BusException;

/**
 * How the HD44780 logic reaches the LCD: a byte with RS low (instruction) or high (data),
 * or, during initialisation only, a single raw nibble. The transport may queue bytes and
 * send several per bus transaction; {@link #flush()} sends what is queued.
 *
 * <p>Every byte takes the LCD at least 37 µs to execute (41 µs for data). A transport whose
 * bytes take longer than that on the wire (the plate: four port writes of 90 µs each at
 * 100 kHz) needs no waits of its own; the long instructions are waited for by {@link Hd44780}.
 */
public interface LcdBus {
    /** Queues an instruction byte (RS low). */
    void command(int b) throws BusException;

    /** Queues a data byte (RS high): a character code or a CGRAM row. */
    void data(int b) throws BusException;

    /** Queues one nibble with RS low, for the 4-bit initialisation sequence. */
    void nibble(int n) throws BusException;

    /** Sends whatever is queued; when it returns, the LCD has latched every queued byte. */
    void flush() throws BusException;
}
