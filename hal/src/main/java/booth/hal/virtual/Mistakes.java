package booth.hal.virtual;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol mistakes a virtual plate's chips saw, oldest first, each with when it happened.
 * Not thread-safe: the plate holds the lock.
 */
final class Mistakes {
    private final List<String> seen = new ArrayList<>();

    /** A mistake at {@code t}, ticker time. */
    void at(long t, String what) {
        seen.add(String.format("t=%.3f ms: %s", t / 1e6, what));
    }

    /** A mistake whose text already says when (the LCD counts from its own power-on). */
    void add(String what) {
        seen.add(what);
    }

    List<String> all() {
        return List.copyOf(seen);
    }
}
