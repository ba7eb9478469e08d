package booth.daemon;

import booth.daemon.systemd.ServiceManager;
import booth.hal.PollingThread;
import booth.hal.Ticker;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the daemon when the box's own threads stop doing their job, so that systemd starts it
 * again: a frozen LCD and dead staff buttons under a process systemd thinks healthy is the one
 * state a booth must never sit in. Once a second, on a thread of its own, it asks the box what
 * is wrong ({@link ClientBox#trouble}); while nothing is, it feeds systemd's watchdog; when
 * something is, it logs what (with the ui thread's stack) and asks the entry point to exit
 * unhealthy (exit 1, restarted), and halts the JVM should that exit not finish.
 *
 * <p>Two layers, because each catches what the other cannot: this thread sees one hung or dead
 * thread in a JVM that otherwise runs (exit within {@link #HUNG} and a second); systemd's
 * watchdog ({@code WatchdogSec=} in the unit, longer than {@code HUNG}) sees a JVM that runs no
 * thread at all, this one included.
 */
final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** How long the ui thread may not come back before it counts as hung (it comes back every 100 ms). */
    static final Duration HUNG = Duration.ofSeconds(8);
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** How long the unhealthy exit may take before the JVM is halted. */
    static final Duration EXIT_LIMIT = Duration.ofSeconds(5);

    private final BiFunction<Long, Duration, Optional<String>> trouble;
    private final Supplier<StackTraceElement[]> uiStack;
    private final Optional<ServiceManager> systemd;
    private final Ticker ticker;
    private final Runnable exitUnhealthy;
    private final Runnable halt;
    private final PollingThread thread;
    /** Set once the daemon is being ended: no second look, no more feeding. Owned by the supervisor thread. */
    private boolean endingDaemon;
    private boolean notifyFailing;

    /** @param halt ends the process at once, when the unhealthy exit has not within {@link #EXIT_LIMIT} */
    Supervisor(BiFunction<Long, Duration, Optional<String>> trouble, Supplier<StackTraceElement[]> uiStack,
               Optional<ServiceManager> systemd, Ticker ticker, Runnable exitUnhealthy, Runnable halt) {
        this.trouble = trouble;
        this.uiStack = uiStack;
        this.systemd = systemd;
        this.ticker = ticker;
        this.exitUnhealthy = exitUnhealthy;
        this.halt = halt;
        this.thread = new PollingThread("supervisor", PERIOD, ticker, () -> {
            if (!endingDaemon) {
                check();
            }
        });
    }

    static Supervisor of(ClientBox box, Optional<ServiceManager> systemd, Runnable exitUnhealthy) {
        return new Supervisor(box::trouble, box::uiStack, systemd, Ticker.SYSTEM, exitUnhealthy,
                () -> Runtime.getRuntime().halt(1));
    }

    void start() {
        systemd.ifPresent(s -> s.watchdogTimeout().ifPresent(t -> {
            if (t.compareTo(HUNG.plus(PERIOD.multipliedBy(2))) <= 0) {
                log.warn("systemd's watchdog time-out ({} s) is shorter than the daemon's own hang limit ({} s) "
                        + "and a second or two: a busy moment may restart the daemon", t.toSeconds(), HUNG.toSeconds());
            }
        }));
        thread.start();
    }

    /** One look: feeds the watchdog, or ends the daemon. Returns whether all was well (for tests). */
    boolean check() {
        Optional<String> wrong = trouble.apply(ticker.nanoTime(), HUNG);
        if (wrong.isEmpty()) {
            systemd.ifPresent(this::feed);
            return true;
        }
        endingDaemon = true;
        haltAfter(EXIT_LIMIT);
        log.error("{}: exiting so that systemd starts the daemon again", wrong.get());
        if (wrong.get().startsWith("the ui thread")) {
            log.error("the ui thread was at: {}", Arrays.stream(uiStack.get()).map(String::valueOf)
                    .collect(Collectors.joining(" < ")));
        }
        exitUnhealthy.run();
        return false;
    }

    private void feed(ServiceManager s) {
        try {
            s.watchdog();
            if (notifyFailing) {
                notifyFailing = false;
                log.info("systemd's watchdog fed again");
            }
        } catch (ServiceManager.NotifyException e) {
            if (!notifyFailing) {
                notifyFailing = true;
                log.warn("cannot feed systemd's watchdog: {}", e.getMessage());
            }
        }
    }

    /** A halt that no shutdown hook can hold up: the last resort when the orderly exit hangs. */
    private void haltAfter(Duration limit) {
        Thread halting = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.error("the exit did not finish within {} s: halting", limit.toSeconds());
            halt.run();
        }, "halt");
        halting.setDaemon(true);
        halting.start();
    }

    @Override
    public void close() {
        thread.close();
    }
}
