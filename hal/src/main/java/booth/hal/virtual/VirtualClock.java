package booth.hal.virtual;

import booth.hal.Ticker;

/**
 * Time that moves only when something waits on it or is told where it is: how the virtual
 * plate's figures come out the same on every machine (the plate benchmark) and how a recording
 * is replayed at its own times. Not thread-safe: one thread drives it.
 */
public final class VirtualClock implements Ticker {
    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves on by {@code nanos}, as a real wait would, at once. */
    @Override
    public void sleepNanos(long nanos) {
        now += Math.max(0, nanos);
    }

    /** Moves on to {@code t}, never back. */
    public void advanceTo(long t) {
        now = Math.max(now, t);
    }
}
