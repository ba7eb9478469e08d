package booth.daemon.health;

import booth.model.ClockSync;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the clock's state at start and every {@link #EVERY} on a thread of its own ("clock",
 * since a reading may wait for timedated), tells each change and logs it. The
 * daemon never waits for synchronisation (a booth without NTP must still start): it says what
 * it knows.
 */
public final class ClockWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);
    static final Duration EVERY = Duration.ofSeconds(30);

    private final ClockProbe probe;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clock");
        t.setDaemon(true);
        return t;
    });
    /** Owned by the clock thread; read by others for the health event. */
    private volatile ClockSync last = ClockSync.UNKNOWN;
    private boolean first = true;

    public ClockWatch(ClockProbe probe) {
        this.probe = probe;
    }

    /** Reads now and every {@link #EVERY}, telling {@code changed} (on the clock thread) each change. */
    public void start(Consumer<ClockSync> changed) {
        thread.scheduleWithFixedDelay(() -> read(changed), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The state as last read (unknown before the first reading). */
    public ClockSync last() {
        return last;
    }

    void read(Consumer<ClockSync> changed) {
        ClockSync now;
        try {
            now = probe.read();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep the schedule
            now = ClockSync.UNKNOWN;
        }
        if (now == last && !first) {
            return;
        }
        first = false;
        last = now;
        changed.accept(now);
        switch (now) {
            case SYNCHRONISED -> log.info("clock: synchronised");
            case NOT_SYNCHRONISED -> log.warn("clock: not synchronised: the demo's writes do not depend on it, but the"
                    + " times in its lines (and where the booth screen places them) may be off");
            case UNKNOWN -> log.info("clock: unknown (neither systemd-timesyncd's flag nor timedatectl answered)");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
