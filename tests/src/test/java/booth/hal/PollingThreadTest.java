package booth.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.testing.Polling;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingThreadTest {
    /** A clock whose sleeps pass at once, counting the time slept: the loop's pace without waiting. */
    private static final class CountingTicker implements Ticker {
        final AtomicInteger sleeps = new AtomicInteger();
        volatile long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            sleeps.incrementAndGet();
        }
    }

    @Test
    void aStepThatKeepsFailingIsStillPacedByThePeriod() {
        CountingTicker ticker = new CountingTicker();
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        try (PollingThread thread = new PollingThread("failing", Duration.ofMillis(20), ticker, () -> {
            if (steps.incrementAndGet() > 5) {
                never.await(); // the sixth step parks here until close() interrupts it
            }
            throw new IllegalStateException("broken step (expected in this test)");
        })) {
            thread.start();
            Polling.until("the sixth step started", Duration.ofSeconds(10), () -> steps.get() == 6);
            // each of the five failed steps was followed by a wait of one period
            assertEquals(5, ticker.sleeps.get());
            assertEquals(5 * 20_000_000L, ticker.now);
        }
    }
}
