package booth.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline: the tests' only way to wait. */
public final class Polling {
    private static final long INTERVAL_MS = 100;

    private Polling() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} once {@code limit} has passed. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        until(() -> what, limit, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, {@code what} said as things are when it gives up. */
    public static void until(Supplier<String> what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + limit.toSeconds() + " s waiting until " + what.get());
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
