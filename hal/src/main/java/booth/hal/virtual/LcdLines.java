package booth.hal.virtual;

import booth.hal.plate.PlatePins;

/**
 * The HD44780's lines as the plate wires them to port B (RS, R/W, E, D7..D4): what the LCD
 * sees of each port update, checked against its bus timing, and each falling edge of E passed
 * on to the {@link VirtualHd44780}. Not thread-safe: the plate holds the lock.
 */
final class LcdLines {
    private static final int CONTROL = PlatePins.RS | PlatePins.RW;
    private static final int DATA = PlatePins.D4 | PlatePins.D5 | PlatePins.D6 | PlatePins.D7;

    private final VirtualHd44780 lcd;
    private final Mistakes mistakes;
    /** RS and R/W as they were when E last rose. */
    private int latchedControl;
    /** Port B as the LCD sees it: driven pins at their latch, floating ones at their last level. */
    private int levels;

    LcdLines(VirtualHd44780 lcd, Mistakes mistakes) {
        this.lcd = lcd;
        this.mistakes = mistakes;
    }

    /** Power-on: every line low. */
    void reset() {
        latchedControl = 0;
        levels = 0;
    }

    /**
     * Port B's directions or latches were written at {@code t}: its pins changed, all at once.
     * An input pin floats, and the LCD's input keeps the level it last saw.
     */
    void portChanged(int latches, int directions, long t) {
        int seen = (latches & ~directions) | (levels & directions);
        changed(levels, seen, t);
        levels = seen;
    }

    /**
     * The HD44780 takes RS and R/W when E rises (they must be steady t_AS before it) and data
     * when E falls (steady t_DSW before, and held t_H after, as RS is held t_AH); in one MCP23017
     * update nothing is "before".
     */
    private void changed(int before, int after, long t) {
        boolean wasHigh = (before & PlatePins.E) != 0;
        boolean isHigh = (after & PlatePins.E) != 0;
        if (!wasHigh && isHigh) {
            if ((before & CONTROL) != (after & CONTROL)) {
                mistakes.at(t, "RS or R/W changed together with the rising edge of E (address set-up time t_AS violated)");
            }
            latchedControl = after & CONTROL;
        } else if (wasHigh && isHigh && (before & CONTROL) != (after & CONTROL)) {
            mistakes.at(t, "RS or R/W changed while E was high");
        } else if (wasHigh && !isHigh) {
            if ((before & (CONTROL | DATA)) != (after & (CONTROL | DATA))) {
                mistakes.at(t, "data or RS changed together with the falling edge of E (hold time violated)");
            }
            lcd.fallingEdge((latchedControl & PlatePins.RS) != 0, (latchedControl & PlatePins.RW) != 0,
                    PlatePins.nibbleOf(before), t);
        }
    }
}
