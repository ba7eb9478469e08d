package booth.hal;

/** A clock that moves only when something sleeps on it or a test advances it. */
public final class FakeTicker implements Ticker {
    private long now = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        if (nanos > 0) {
            now += nanos;
        }
    }

    public synchronized void advanceMillis(long ms) {
        now += ms * 1_000_000;
    }
}
