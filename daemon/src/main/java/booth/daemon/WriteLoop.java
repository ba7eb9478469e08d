package booth.daemon;

import booth.daemon.cassandra.DemoCluster;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.hal.Ticker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "writes" thread: one tick per interval, one write per tick at the level the ui state
 * says, never more than one in flight (a tick that finds one is skipped and counted, never
 * queued). It only starts asynchronous writes; their outcomes arrive on the driver's threads
 * and are posted to the ui as events.
 */
final class WriteLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteLoop.class);

    private final Duration interval;
    private final Supplier<UiState> state;
    private final Consumer<UiEvent> post;
    private final Ticker ticker;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ScheduledExecutorService writes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "writes");
        t.setDaemon(true);
        return t;
    });
    /** When a tick last ran (nanoTime), or 0 before the first: the loop's heartbeat for the health check. */
    private volatile long lastTick;

    WriteLoop(Duration interval, Supplier<UiState> state, Consumer<UiEvent> post, Ticker ticker) {
        this.interval = interval;
        this.state = state;
        this.post = post;
        this.ticker = ticker;
    }

    /** Starts ticking against {@code cluster} (connected, schema ready). */
    void start(DemoCluster cluster) {
        lastTick = ticker.nanoTime();
        writes.scheduleAtFixedRate(() -> tick(cluster), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the loop is doing its job at {@code now}: before it started, yes; after, it must
     * have ticked within the last five intervals (ten seconds at least).
     */
    boolean healthy(long now) {
        long last = lastTick;
        return last == 0 || now - last < Math.max(10_000_000_000L, 5 * interval.toNanos());
    }

    /** Seconds since the last tick, for the log. */
    long secondsSinceTick(long now) {
        return (now - lastTick) / 1_000_000_000L;
    }

    private void tick(DemoCluster cluster) {
        lastTick = ticker.nanoTime();
        UiState s = state.get();
        if (s.paused() || s.stopping()) {
            return;
        }
        if (!inFlight.compareAndSet(false, true)) {
            post.accept(new UiEvent.SkippedTick());
            return;
        }
        try {
            cluster.write(s.writeLevel(), s.readLevel(), s.readBack()).whenComplete((outcome, error) -> {
                inFlight.set(false);
                if (outcome != null) {
                    post.accept(new UiEvent.Outcome(outcome));
                } else {
                    log.error("a write ended without an outcome", error);
                }
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            log.error("could not start a write", e);
        }
    }

    @Override
    public void close() {
        writes.shutdownNow();
    }
}
