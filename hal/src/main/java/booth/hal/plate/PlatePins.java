package booth.hal.plate;

import booth.hal.KeypadButton;

/**
 * How Adafruit's RGB 16x2 LCD + Keypad Kit wires the MCP23017 (the same in all of Adafruit's
 * libraries for the kit). Port A: the five keys and the red and green LEDs. Port B: the LCD
 * and the blue LED. Bit n of a port is pin GPAn / GPBn.
 */
public final class PlatePins {
    // Port A
    public static final int SELECT = 1 << 0;  // GPA0, key, input with pull-up
    public static final int RIGHT = 1 << 1;   // GPA1
    public static final int DOWN = 1 << 2;    // GPA2
    public static final int UP = 1 << 3;      // GPA3
    public static final int LEFT = 1 << 4;    // GPA4
    /** GPA5: not connected; an input with its pull-up, so it reads 1 while the chip keeps its set-up. */
    public static final int UNCONNECTED = 1 << 5;
    public static final int RED = 1 << 6;     // GPA6, LED, lit when driven low (on the usual kit)
    public static final int GREEN = 1 << 7;   // GPA7, LED
    /** GPA0-5 inputs (GPA5 is not connected, kept an input), GPA6-7 outputs. */
    public static final int PORT_A_INPUTS = 0x3F;

    // Port B
    public static final int BLUE = 1 << 0;    // GPB0, LED
    public static final int D7 = 1 << 1;      // GPB1, LCD data bit 7 (note the reversed order)
    public static final int D6 = 1 << 2;      // GPB2
    public static final int D5 = 1 << 3;      // GPB3
    public static final int D4 = 1 << 4;      // GPB4, LCD data bit 4
    public static final int E = 1 << 5;       // GPB5, LCD enable: data latched on the falling edge
    public static final int RW = 1 << 6;      // GPB6, LCD read/write: held low (write only)
    public static final int RS = 1 << 7;      // GPB7, LCD register select: 0 instruction, 1 data

    private PlatePins() {
    }

    /** The port-B data bits for a nibble: bit 0 of the nibble on D4 ... bit 3 on D7. */
    public static int nibbleBits(int nibble) {
        return ((nibble & 1) != 0 ? D4 : 0) | ((nibble & 2) != 0 ? D5 : 0)
                | ((nibble & 4) != 0 ? D6 : 0) | ((nibble & 8) != 0 ? D7 : 0);
    }

    /** The nibble that port-B state {@code portB} puts on D7..D4. */
    public static int nibbleOf(int portB) {
        return ((portB & D4) != 0 ? 1 : 0) | ((portB & D5) != 0 ? 2 : 0)
                | ((portB & D6) != 0 ? 4 : 0) | ((portB & D7) != 0 ? 8 : 0);
    }

    /** The port-A bit of a key. */
    public static int bit(KeypadButton key) {
        return switch (key) {
            case SELECT -> SELECT;
            case RIGHT -> RIGHT;
            case DOWN -> DOWN;
            case UP -> UP;
            case LEFT -> LEFT;
        };
    }
}
