package booth.hal;

import java.util.concurrent.locks.LockSupport;

/**
 * Time as drivers see it: a monotonic clock and a way to wait. Injected so that tests run the
 * drivers against a fake clock, without threads or real waiting.
 */
public interface Ticker {
    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits at least {@code nanos}; may wait longer. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The machine's clock. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            long left;
            // parkNanos may return early (spurious wake-ups): loop until the deadline.
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
