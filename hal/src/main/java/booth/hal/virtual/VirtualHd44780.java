package booth.hal.virtual;

import booth.hal.Glyph;
import booth.hal.lcd.Hd44780;
import java.util.function.Consumer;

/**
 * A model of the HD44780U as its datasheet describes it, fed one falling edge of E at a time
 * (with RS and R/W as they were when E rose): 8-bit mode after power-on, the reset sequence to
 * 4-bit mode, nibble assembly, instruction decoding (what each does to its {@link LcdMemory}),
 * display on/off, and the time each instruction keeps it busy, at the slowest oscillator the
 * datasheet allows. Mistakes a real LCD would punish silently are reported to {@code mistakes}.
 */
final class VirtualHd44780 {
    /**
     * Execution times: the datasheet's (at fosc 270 kHz) stretched to its slowest oscillator,
     * 190 kHz, as an LCD at the edge of its tolerance would take them.
     */
    static final long SHORT_NANOS = slowest(37_000);
    static final long DATA_NANOS = slowest(41_000);        // 37 µs plus tADD, 4 µs
    static final long CLEAR_NANOS = slowest(1_520_000);
    /** Waits of the reset sequence (figure 24): after its first 0x3 nibble, and after its second. */
    static final long FIRST_RESET_NANOS = slowest(4_100_000);
    static final long SECOND_RESET_NANOS = slowest(100_000);
    /** Power-on until the LCD takes instructions (Vcc above 2.7 V). */
    static final long POWER_ON_NANOS = 40_000_000;
    /** The instructions that follow the reset sequence's 0x2 nibble, in the datasheet's order (figure 24). */
    private static final int[] INITIALISATION_ORDER = {
        Hd44780.FUNCTION_SET, Hd44780.DISPLAY_CONTROL, Hd44780.CLEAR_DISPLAY, Hd44780.ENTRY_MODE_SET};
    /**
     * A re-sync of an LCD that was set up since power-on: the same function set, then display
     * on, entry mode and return home (no clear: the cells are rewritten).
     */
    private static final int[] RESYNC_ORDER = {
        Hd44780.FUNCTION_SET, Hd44780.DISPLAY_CONTROL | Hd44780.DISPLAY_ON, Hd44780.ENTRY_MODE_SET, Hd44780.RETURN_HOME};

    private final Consumer<String> mistakes;

    private long poweredAt;
    private long busyUntil;
    private boolean fourBit;
    private boolean initialised;
    /** 0x3 nibbles with RS low in a row (the reset sequence), and when the last one came. */
    private int resetNibbles;
    private long lastResetNibbleAt;
    /** Instructions since the reset sequence's 0x2 nibble, while they follow the datasheet's order. */
    private int afterReset = -1;
    /** Which order the instructions after the reset sequence follow: figure 24's, or a re-sync's. */
    private int[] order = INITIALISATION_ORDER;
    /** Set up by figure 24 since power-on: only then may a re-sync skip the clear. */
    private boolean setUpSincePowerOn;
    /**
     * An injected fault (a write cut short, a brown-out) may have left the LCD out of step: what
     * it then makes of bytes is its business, not the driver's mistake, until the driver's next
     * reset sequence brings it back.
     */
    private boolean desynced;
    private boolean pendingHalf;
    /** Instructions and data bytes executed since power-on (an 8-bit mode edge counts as one). */
    private long executed;
    private int pendingNibble;
    private boolean pendingRs;

    private final LcdMemory memory = new LcdMemory();
    private boolean displayOn;

    private static long slowest(long datasheetNanos) {
        return (datasheetNanos * 270 + 189) / 190;
    }

    VirtualHd44780(Consumer<String> mistakes, long nowNanos) {
        this.mistakes = mistakes;
        powerOn(nowNanos);
    }

    /** Power applied: internal reset (8-bit interface, display off, DDRAM blank). */
    void powerOn(long nowNanos) {
        poweredAt = nowNanos;
        busyUntil = nowNanos + POWER_ON_NANOS;
        fourBit = false;
        initialised = false;
        resetNibbles = 0;
        afterReset = -1;
        setUpSincePowerOn = false;
        desynced = false;
        pendingHalf = false;
        memory.powerOn();
        displayOn = false;
    }

    /** A fault outside the driver's control may have put the LCD out of step (see {@link #desynced}). */
    void upset() {
        desynced = true;
    }

    /**
     * E fell at {@code t}: the LCD latches D7..D4 as they were while E was high, with RS and R/W
     * as they were when E rose.
     */
    void fallingEdge(boolean rs, boolean rw, int nibble, long t) {
        if (rw) {
            mistake(t, "R/W was high on a falling edge of E: the plate must only write");
        }
        resetSequence(rs, nibble, t);
        if (!fourBit) {
            // 8-bit interface: D3..D0 are not wired on the plate, so every edge is a whole
            // instruction with its low four bits at zero.
            checkNotBusy(t);
            execute(rs, nibble << 4, t);
            return;
        }
        if (!pendingHalf) {
            checkNotBusy(t);
            pendingHalf = true;
            pendingNibble = nibble;
            pendingRs = rs;
            return;
        }
        pendingHalf = false;
        if (pendingRs != rs) {
            mistake(t, "nibble out of step: RS changed between the two halves of a byte");
        }
        execute(rs, pendingNibble << 4 | nibble, t);
    }

    /**
     * The reset sequence's own waits, checked on every set-up (the datasheet asks for them
     * whatever state the LCD is in): over 4.1 ms after the first 0x3, over 100 µs after the
     * second. They are of the nibbles sent, not of what an out-of-step LCD makes of them.
     */
    private void resetSequence(boolean rs, int nibble, long t) {
        if (rs || nibble != 0x3) {
            if (!rs && nibble == 0x2 && resetNibbles >= 3) {
                afterReset = 0; // the LCD is in step again; what it shows is set right once the set-up ends
                order = INITIALISATION_ORDER;
            }
            resetNibbles = 0;
            return;
        }
        long wait = resetNibbles == 1 ? FIRST_RESET_NANOS : resetNibbles == 2 ? SECOND_RESET_NANOS : 0;
        if (t - lastResetNibbleAt < wait) {
            mistake(t, String.format("reset sequence: 0x3 nibble %d came %.1f µs after the one before, not %.1f µs",
                    resetNibbles + 1, (t - lastResetNibbleAt) / 1000.0, wait / 1000.0));
        }
        resetNibbles++;
        lastResetNibbleAt = t;
    }

    private void checkNotBusy(long t) {
        if (t < busyUntil && !desynced) {
            mistake(t, String.format("instruction sent while the LCD is still busy (%.1f µs too early)",
                    (busyUntil - t) / 1000.0));
        }
    }

    private void execute(boolean rs, int b, long t) {
        executed++;
        long takes = SHORT_NANOS;
        followsInitialisationOrder(rs, b, t);
        if (rs) {
            if (!initialised) {
                mistake(t, String.format("data byte 0x%02x sent before the LCD was initialised", b));
            }
            memory.write(b);
            takes = DATA_NANOS;
        } else if ((b & Hd44780.SET_DDRAM_ADDRESS) != 0) {
            int a = b & 0x7F;
            if (!memory.setDdramAddress(a)) {
                mistake(t, String.format("DDRAM address 0x%02x does not exist", a));
            }
        } else if ((b & Hd44780.SET_CGRAM_ADDRESS) != 0) {
            memory.setCgramAddress(b);
        } else if ((b & Hd44780.FUNCTION_SET) != 0) {
            if ((b & Hd44780.FUNCTION_8_BIT) != 0) {
                fourBit = false;
                initialised = false;
            } else if (!fourBit) {
                fourBit = true; // the 0x2 nibble: from now on, two nibbles a byte
                if (afterReset != 0) {
                    mistake(t, "4-bit mode entered without the 0x3 nibbles of the reset sequence");
                }
            } else {
                memory.twoLines((b & Hd44780.FUNCTION_2_LINES) != 0);
                initialised = true;
            }
        } else {
            if (!initialised) {
                mistake(t, String.format("instruction 0x%02x sent before the LCD was initialised", b));
            }
            if ((b & 0x10) != 0) {
                if ((b & 0x08) != 0) {
                    memory.shiftDisplay((b & 0x04) != 0);
                } else {
                    memory.moveCursor((b & 0x04) != 0);
                }
            } else if ((b & Hd44780.DISPLAY_CONTROL) != 0) {
                displayOn = (b & Hd44780.DISPLAY_ON) != 0;
            } else if ((b & Hd44780.ENTRY_MODE_SET) != 0) {
                memory.increment((b & Hd44780.ENTRY_INCREMENT) != 0);
                if ((b & 0x01) != 0) {
                    mistake(t, "entry mode with display shift: the plate's screens never scroll");
                }
            } else if ((b & Hd44780.RETURN_HOME) != 0) {
                memory.home();
                takes = CLEAR_NANOS;
            } else if (b == Hd44780.CLEAR_DISPLAY) {
                memory.clear();
                takes = CLEAR_NANOS;
            } else {
                mistake(t, "0x00 is not an instruction");
            }
        }
        busyUntil = t + takes;
    }

    /**
     * After the reset sequence the datasheet's order (figure 24): function set, display off,
     * clear, entry mode; anything else before those four is a mistake.
     */
    private void followsInitialisationOrder(boolean rs, int b, long t) {
        if (afterReset < 0 || !fourBit) {
            return; // the 0x2 nibble itself is executed in 8-bit mode
        }
        if (afterReset == 1 && !rs && b == RESYNC_ORDER[1] && (setUpSincePowerOn || desynced)) {
            order = RESYNC_ORDER; // display on straight away: a re-sync, which a set-up LCD may take
        }
        int expected = order[afterReset];
        boolean matches = !rs && (order == RESYNC_ORDER && afterReset == 1 ? b == expected
                : Integer.highestOneBit(b) == expected
                && (expected != Hd44780.DISPLAY_CONTROL || (b & Hd44780.DISPLAY_ON) == 0));
        if (!matches) {
            mistake(t, String.format("%s out of the datasheet's order: 0x%02x where 0x%02x%s comes (figure 24)",
                    order == RESYNC_ORDER ? "re-sync" : "initialisation", b, expected,
                    expected == Hd44780.DISPLAY_CONTROL ? " (display off)" : ""));
            afterReset = -1;
            return;
        }
        if (afterReset + 1 < order.length) {
            afterReset++;
        } else {
            afterReset = -1;
            setUpSincePowerOn = true;
            desynced = false; // set up or re-synced: from here on, every mistake is the driver's
        }
    }

    private void mistake(long t, String what) {
        if (desynced && !what.startsWith("R/W") && !what.startsWith("reset sequence")) {
            return; // an LCD out of step through no fault of the driver's
        }
        mistakes.accept(String.format("t=%.3f ms: %s", (t - poweredAt) / 1e6, what));
    }

    long executed() {
        return executed;
    }

    boolean initialised() {
        return initialised;
    }

    boolean displayOn() {
        return displayOn;
    }

    /** The character code in a visible cell (display shift applied). */
    int code(int row, int column) {
        return memory.code(row, column);
    }

    Glyph glyph(int slot) {
        return memory.glyph(slot);
    }
}
