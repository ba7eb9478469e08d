package booth.hal.lcd;

import booth.hal.BusException;
import booth.hal.Glyph;
import booth.hal.Ticker;

/**
 * The HD44780 instruction set and its timings (Hitachi HD44780U datasheet), for a 16x2 display
 * in 4-bit mode. Knows nothing of how bytes travel: that is the {@link LcdBus}.
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

    /**
     * The datasheet's execution times hold at an oscillator of 270 kHz; with its resistor
     * (91 kOhm at 5 V) the oscillator may run as slow as 190 kHz, where every instruction takes
     * 270/190 as long. The driver sizes every wait for that slowest LCD.
     */
    static final long DATASHEET_OSCILLATOR_HZ = 270_000;
    static final long SLOWEST_OSCILLATOR_HZ = 190_000;
    /** Most instructions: 37 µs at 270 kHz. */
    public static final long INSTRUCTION_NANOS = atSlowestOscillator(37_000);
    /** A data write: 37 µs plus the address counter's update (t_ADD, 4 µs). */
    public static final long DATA_NANOS = atSlowestOscillator(41_000);
    /** Clear display and return home: 1.52 ms at 270 kHz. */
    public static final long CLEAR_NANOS = atSlowestOscillator(1_520_000);
    /** Power-on to first instruction: over 40 ms once Vcc passes 2.7 V (15 ms at 4.5 V). */
    static final long POWER_ON_WAIT_NANOS = 50_000_000;
    /** After the first 0x3 nibble of the reset sequence: over 4.1 ms. */
    static final long FIRST_RESET_WAIT_NANOS = atSlowestOscillator(4_100_000);
    /** After the second 0x3 nibble: over 100 µs. */
    static final long SECOND_RESET_WAIT_NANOS = atSlowestOscillator(100_000);

    private final LcdBus bus;
    private final Ticker ticker;

    public Hd44780(LcdBus bus, Ticker ticker) {
        this.bus = bus;
        this.ticker = ticker;
    }

    /** A datasheet time (at 270 kHz) stretched to the slowest oscillator, rounded up to the microsecond. */
    static long atSlowestOscillator(long datasheetNanos) {
        long nanos = (datasheetNanos * DATASHEET_OSCILLATOR_HZ + SLOWEST_OSCILLATOR_HZ - 1) / SLOWEST_OSCILLATOR_HZ;
        return (nanos + 999) / 1000 * 1000;
    }

    /**
     * Initialisation by instruction, in the datasheet's order (figure 24, 4-bit interface):
     * three 0x3 nibbles and a 0x2 (which bring the LCD to 4-bit mode from any state it may be
     * in, 8-bit or 4-bit half-way through a byte), function set, display off, clear, entry
     * mode; then the display on. Ends with cursor off, addresses incrementing, every cell blank.
     */
    public void initialise() throws BusException, InterruptedException {
        ticker.sleepNanos(POWER_ON_WAIT_NANOS);
        toFourBits();
        bus.command(DISPLAY_CONTROL, INSTRUCTION_NANOS);
        bus.command(CLEAR_DISPLAY, CLEAR_NANOS);
        bus.command(ENTRY_MODE_SET | ENTRY_INCREMENT, INSTRUCTION_NANOS);
        bus.command(DISPLAY_CONTROL | DISPLAY_ON, INSTRUCTION_NANOS);
        bus.flush();
    }

    /**
     * Brings an LCD that has had power for long back to a known state without blanking it:
     * the same reset sequence and function set, then display on, entry mode, and return home
     * (which undoes any display shift and moves to cell 0, leaving every cell as it is). For an
     * LCD that may have lost its 4-bit state or its settings (a glitch on E, a dip of its own
     * 5 V) without anyone knowing; the caller then rewrites every cell and glyph.
     */
    public void resync() throws BusException {
        toFourBits();
        bus.command(DISPLAY_CONTROL | DISPLAY_ON, INSTRUCTION_NANOS);
        bus.command(ENTRY_MODE_SET | ENTRY_INCREMENT, INSTRUCTION_NANOS);
        bus.command(RETURN_HOME, CLEAR_NANOS);
        bus.flush();
    }

    private void toFourBits() throws BusException {
        bus.nibble(0x3, FIRST_RESET_WAIT_NANOS);
        bus.nibble(0x3, SECOND_RESET_WAIT_NANOS);
        bus.nibble(0x3, INSTRUCTION_NANOS);
        bus.nibble(0x2, INSTRUCTION_NANOS); // 4-bit interface from here on: every byte is two nibbles
        bus.command(FUNCTION_SET | FUNCTION_2_LINES, INSTRUCTION_NANOS);
    }

    /** Moves the address counter to a cell: the next {@link #write} lands there. */
    public void moveTo(int row, int column) throws BusException {
        if (row < 0 || row >= ROWS || column < 0 || column >= COLUMNS) {
            throw new IllegalArgumentException("no cell at row " + row + ", column " + column);
        }
        bus.command(SET_DDRAM_ADDRESS | (ROW_ADDRESS[row] + column), INSTRUCTION_NANOS);
    }

    /** Writes one character code at the address counter, which then moves right. */
    public void write(int code) throws BusException {
        bus.data(code & 0xFF, DATA_NANOS);
    }

    /** Defines custom glyph {@code slot} (0-7), shown by codes {@code slot} and {@code slot + 8}. */
    public void defineGlyph(int slot, Glyph glyph) throws BusException {
        if (slot < 0 || slot > 7) {
            throw new IllegalArgumentException("glyph slot must be 0-7: " + slot);
        }
        bus.command(SET_CGRAM_ADDRESS | slot << 3, INSTRUCTION_NANOS);
        for (int r = 0; r < 8; r++) {
            bus.data(glyph.row(r), DATA_NANOS);
        }
        // The address counter now points into CGRAM: the caller must moveTo() before writing text.
    }

    public void flush() throws BusException {
        bus.flush();
    }
}
