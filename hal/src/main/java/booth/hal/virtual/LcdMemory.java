package booth.hal.virtual;

import booth.hal.Glyph;
import java.util.Arrays;

/**
 * The HD44780's memories as its instructions move through them: DDRAM (the cells, 0x00-0x27 on
 * line 1 and 0x40-0x67 on line 2), CGRAM (eight custom glyphs of eight rows), the address
 * counter that points into one of the two, the entry mode's direction and the display shift.
 * Not thread-safe: the plate holds the lock.
 */
final class LcdMemory {
    private final int[] ddram = new int[0x80];
    private final int[] cgram = new int[64];
    private int address;
    private boolean cgramSelected;
    private boolean increment = true;
    private boolean twoLines;
    private int shift;

    LcdMemory() {
        powerOn();
    }

    /** Internal reset: DDRAM blank, CGRAM zero, one line, address 0 incrementing. */
    void powerOn() {
        Arrays.fill(ddram, 0x20);
        Arrays.fill(cgram, 0);
        address = 0;
        cgramSelected = false;
        increment = true;
        twoLines = false;
        shift = 0;
    }

    /** A data byte, written where the address counter points, which then moves by the entry mode. */
    void write(int b) {
        if (cgramSelected) {
            cgram[address & 0x3F] = b & 0x1F;
            address = (address + (increment ? 1 : -1)) & 0x3F;
        } else {
            ddram[address] = b;
            address = nextDdram(address);
        }
    }

    /** Points the address counter at a DDRAM cell; false if no cell has that address (it is set anyway). */
    boolean setDdramAddress(int a) {
        address = a;
        cgramSelected = false;
        return a <= 0x27 || (twoLines && a >= 0x40 && a <= 0x67);
    }

    /** Points the address counter at a CGRAM row: slot * 8 + row. */
    void setCgramAddress(int a) {
        address = a & 0x3F;
        cgramSelected = true;
    }

    void twoLines(boolean two) {
        twoLines = two;
    }

    void increment(boolean on) {
        increment = on;
    }

    /** Cursor shift, R/L = 1: the address counter to the next cell as a write moves it; R/L = 0: to the previous one. */
    void moveCursor(boolean right) {
        address = right ? nextDdram(address) : previousDdram(address);
    }

    /** Display shift, R/L = 1: the text one cell right (the window one cell left); R/L = 0: the other way. */
    void shiftDisplay(boolean right) {
        shift = Math.floorMod(shift + (right ? -1 : 1), 40);
    }

    /** Return home: address 0 in DDRAM, display shift undone. */
    void home() {
        address = 0;
        cgramSelected = false;
        shift = 0;
    }

    /** Clear display: every cell a space, then home with addresses incrementing. */
    void clear() {
        Arrays.fill(ddram, 0x20);
        home();
        increment = true;
    }

    /** The character code in a visible cell (display shift applied). */
    int code(int row, int column) {
        return ddram[(row == 0 ? 0x00 : 0x40) + Math.floorMod(column + shift, 40)];
    }

    Glyph glyph(int slot) {
        return Glyph.of(Arrays.copyOfRange(cgram, slot * 8, slot * 8 + 8));
    }

    private int nextDdram(int a) {
        if (increment) {
            return a == 0x27 ? (twoLines ? 0x40 : 0x00) : a == 0x67 ? 0x00 : a + 1;
        }
        return previousDdram(a);
    }

    private int previousDdram(int a) {
        return a == 0x00 ? (twoLines ? 0x67 : 0x27) : a == 0x40 ? 0x27 : a - 1;
    }
}
