package booth.hal.lcd;

import booth.hal.BusException;
import booth.hal.Glyph;
import booth.hal.Ticker;

/**
 * The HD44780 instruction set and its timings (Hitachi HD44780U datasheet, fosc 270 kHz), for
 * a 16x2 display in 4-bit mode. Knows nothing of how bytes travel: that is the {@link LcdBus}.
 * Not thread-safe: one bus thread uses it.
 */
public final class Hd44780 {
    public static final int COLUMNS = booth.hal.PlateFrame.COLUMNS;
    public static final int ROWS = 2;
    /** DDRAM address of the first cell of each row in 2-line mode. */
    static final int[] ROW_ADDRESS = {0x00, 0x40};

    // Instructions: the highest set bit names the instruction, the lower bits are its flags.
    public static final int CLEAR_DISPLAY = 0x01;      // 1.52 ms: all cells to space, address 0
    public static final int RETURN_HOME = 0x02;        // 1.52 ms: address 0, display shift undone
    public static final int ENTRY_MODE_SET = 0x04;
    public static final int ENTRY_INCREMENT = 0x02;    //   address moves right after each write
    public static final int DISPLAY_CONTROL = 0x08;
    public static final int DISPLAY_ON = 0x04;         //   (cursor and blink bits left off)
    public static final int FUNCTION_SET = 0x20;
    public static final int FUNCTION_8_BIT = 0x10;     //   DL: interface width
    public static final int FUNCTION_2_LINES = 0x08;   //   N: two lines (5x8 dots, F=0)
    public static final int SET_CGRAM_ADDRESS = 0x40;  //   custom glyph rows: slot * 8 + row
    public static final int SET_DDRAM_ADDRESS = 0x80;  //   display cells

    /** Power-on to first instruction: over 40 ms once Vcc passes 2.7 V (15 ms at 4.5 V). */
    static final long POWER_ON_WAIT_NANOS = 50_000_000;
    /** After the first 0x3 nibble of the reset sequence: over 4.1 ms. */
    static final long FIRST_RESET_WAIT_NANOS = 5_000_000;
    /** After the second 0x3 nibble: over 100 µs. */
    static final long SECOND_RESET_WAIT_NANOS = 200_000;
    /** Clear display and return home: 1.52 ms at 270 kHz, longer on a slow oscillator. */
    static final long CLEAR_WAIT_NANOS = 2_000_000;

    private final LcdBus bus;
    private final Ticker ticker;

    public Hd44780(LcdBus bus, Ticker ticker) {
        this.bus = bus;
        this.ticker = ticker;
    }

    /**
     * Initialisation by instruction (datasheet figure 24, 4-bit interface): works from any
     * state the LCD may be in, including 4-bit mode half-way through a byte. Ends with the
     * display on, cursor off, addresses incrementing, and every cell blank.
     */
    public void initialise() throws BusException, InterruptedException {
        ticker.sleepNanos(POWER_ON_WAIT_NANOS);
        bus.nibble(0x3);
        bus.flush();
        ticker.sleepNanos(FIRST_RESET_WAIT_NANOS);
        bus.nibble(0x3);
        bus.flush();
        ticker.sleepNanos(SECOND_RESET_WAIT_NANOS);
        bus.nibble(0x3);
        bus.nibble(0x2); // 4-bit interface from here on: every byte is two nibbles
        bus.command(FUNCTION_SET | FUNCTION_2_LINES);
        bus.command(DISPLAY_CONTROL | DISPLAY_ON);
        bus.command(ENTRY_MODE_SET | ENTRY_INCREMENT);
        clear();
    }

    /** Blanks every cell and waits until the LCD can take the next instruction. */
    public void clear() throws BusException, InterruptedException {
        bus.command(CLEAR_DISPLAY);
        bus.flush();
        ticker.sleepNanos(CLEAR_WAIT_NANOS);
    }

    /** Moves the address counter to a cell: the next {@link #write} lands there. */
    public void moveTo(int row, int column) throws BusException {
        if (row < 0 || row >= ROWS || column < 0 || column >= COLUMNS) {
            throw new IllegalArgumentException("no cell at row " + row + ", column " + column);
        }
        bus.command(SET_DDRAM_ADDRESS | (ROW_ADDRESS[row] + column));
    }

    /** Writes one character code at the address counter, which then moves right. */
    public void write(int code) throws BusException {
        bus.data(code & 0xFF);
    }

    /** Defines custom glyph {@code slot} (0-7), shown by codes {@code slot} and {@code slot + 8}. */
    public void defineGlyph(int slot, Glyph glyph) throws BusException {
        if (slot < 0 || slot > 7) {
            throw new IllegalArgumentException("glyph slot must be 0-7: " + slot);
        }
        bus.command(SET_CGRAM_ADDRESS | slot << 3);
        for (int r = 0; r < 8; r++) {
            bus.data(glyph.row(r));
        }
        // The address counter now points into CGRAM: the caller must moveTo() before writing text.
    }

    public void flush() throws BusException {
        bus.flush();
    }
}
