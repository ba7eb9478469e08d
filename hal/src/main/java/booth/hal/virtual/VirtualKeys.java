package booth.hal.virtual;

import booth.hal.KeypadButton;
import booth.hal.plate.PlatePins;
import booth.hal.plate.PlatePolarity;
import java.util.EnumSet;
import java.util.Set;

/**
 * The plate's five keys on port A: which are down, how their contacts bounce, and the level
 * each puts on its pin as the kit is wired. Not thread-safe: the plate holds the lock.
 */
final class VirtualKeys {
    private final PlatePolarity wiring;
    private final Set<KeypadButton> down = EnumSet.noneOf(KeypadButton.class);
    /** When each key last changed, for bounce. */
    private final long[] changedAt = new long[KeypadButton.values().length];
    /** Reads of bouncing pins so far: every other one catches the contact open. */
    private int bounceReads;
    private long bounceNanos;

    VirtualKeys(PlatePolarity wiring) {
        this.wiring = wiring;
    }

    void press(KeypadButton key, long now) {
        if (down.add(key)) {
            changedAt[key.ordinal()] = now;
        }
    }

    void release(KeypadButton key, long now) {
        if (down.remove(key)) {
            changedAt[key.ordinal()] = now;
        }
    }

    /** For {@code nanos} after a key changes, reads of its pin alternate between the two levels (0: clean contacts). */
    void bounce(long nanos) {
        bounceNanos = nanos;
    }

    /**
     * Port A's levels, read at {@code now}, on the pins in {@code inputPins}: each key's as it
     * is wired, the unconnected pin high.
     */
    int levels(int inputPins, long now) {
        int level = 0;
        for (int bit = 0; bit < 8; bit++) {
            int mask = 1 << bit;
            if ((inputPins & mask) == 0) {
                continue;
            }
            KeypadButton key = keyOn(mask);
            boolean high;
            if (key == null) {
                high = true; // unconnected: pulled up, or floating (which mostly reads high)
            } else {
                // Adafruit's kit: a key shorts its pulled-up pin to ground. A kit wired the
                // other way drives the pin high when pressed and reads low otherwise.
                boolean pressed = down.contains(key);
                if (now - changedAt[key.ordinal()] < bounceNanos && (bounceReads++ & 1) == 0) {
                    pressed = !pressed; // still bouncing: this read catches the contact open
                }
                high = pressed != wiring.keysPressedLow();
            }
            level |= high ? mask : 0;
        }
        return level;
    }

    private static KeypadButton keyOn(int mask) {
        for (KeypadButton k : KeypadButton.values()) {
            if (PlatePins.bit(k) == mask) {
                return k;
            }
        }
        return null;
    }
}
