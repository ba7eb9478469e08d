package booth.hal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one step at a steady rate: the owner of a bus. Steps that run late
 * are not made up for (no bursts); an exception from a step is logged and the loop goes on.
 */
public final class PollingThread implements AutoCloseable {
    /** One iteration of the loop; may wait, and is interrupted when the thread stops. */
    public interface Step {
        void run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(PollingThread.class);

    private final Thread thread;
    private volatile boolean running = true;

    public PollingThread(String name, Duration period, Ticker ticker, Step step) {
        long periodNanos = period.toNanos();
        thread = new Thread(() -> {
            long next = ticker.nanoTime();
            while (running) {
                try {
                    try {
                        step.run();
                    } catch (RuntimeException e) {
                        // Logged and carried on: the next step is still a period away, so a
                        // step that keeps failing cannot spin.
                        log.error("{}: step failed, going on", Thread.currentThread().getName(), e);
                    }
                    next += periodNanos;
                    long now = ticker.nanoTime();
                    if (next < now) {
                        next = now; // late: start again from now rather than catch up
                    }
                    ticker.sleepNanos(next - now);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the loop and waits up to a second for the step in progress to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
