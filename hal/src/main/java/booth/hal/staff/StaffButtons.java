package booth.hal.staff;

import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.ButtonTracker;
import booth.hal.PollingThread;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PiTFT staff buttons as debounced events. The lines are sampled every 20 ms on a thread of
 * their own rather than through edge listeners: Pi4J 2.8.0's gpiod input listener sometimes
 * never starts (fixed only in 3.0.2), and a booth must never silently lose its staff buttons.
 * Sampling has no such failure mode, and costs four line reads per period.
 *
 * <p>A read that fails releases every button (a power-off hold is never completed by a broken
 * line) and is retried at the next period; the first failure and the recovery are logged.
 */
public final class StaffButtons implements AutoCloseable {
    public static final Duration POLL_PERIOD = Duration.ofMillis(20);

    private static final Logger log = LoggerFactory.getLogger(StaffButtons.class);

    private final StaffLines lines;
    private final Ticker ticker;
    private final Consumer<ButtonEvent> listener;
    private final ButtonTracker tracker;
    private boolean failing;
    private PollingThread thread;

    public StaffButtons(StaffLines lines, Ticker ticker, ButtonTiming timing, Consumer<ButtonEvent> listener) {
        this.lines = lines;
        this.ticker = ticker;
        this.listener = listener;
        this.tracker = new ButtonTracker(timing, EnumSet.allOf(StaffButton.class));
    }

    public void start() {
        thread = new PollingThread("staff-buttons", POLL_PERIOD, ticker, this::step);
        thread.start();
    }

    /** One sample; public so that tests drive it with a fake clock. */
    public void step() {
        try {
            var down = lines.down();
            if (failing) {
                failing = false;
                log.info("staff button lines readable again");
            }
            tracker.sample(down, ticker.nanoTime()).forEach(listener);
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("cannot read the staff button lines: {}; retrying", e.getMessage());
            }
            tracker.releaseAll(ticker.nanoTime()).forEach(listener);
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.close();
        }
        lines.close();
    }
}
