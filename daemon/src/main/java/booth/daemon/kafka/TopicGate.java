package booth.daemon.kafka;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether this client's demo topic is known to exist. The describer opens the gate once it has
 * created the topic (or found it there) and closes it when the brokers say it is gone; the
 * producer waits at it, briefly, before each record. No record may reach the brokers first: the
 * producer's metadata request would create the topic with the brokers' defaults (one replica,
 * min.insync.replicas 1), and the demo is about its replicas.
 */
final class TopicGate {
    private boolean open;
    /** Why the topic is not known to exist, as the set-up last failed; null before an attempt ended. */
    private Throwable problem;

    synchronized void open() {
        open = true;
        problem = null;
        notifyAll();
    }

    /** The topic is not there, or could not be created, because of {@code why}. */
    synchronized void close(Throwable why) {
        open = false;
        problem = why;
        notifyAll();
    }

    synchronized boolean isOpen() {
        return open;
    }

    /** Why the topic is not known to exist: the set-up's last failure; empty while open, or before an attempt ended. */
    synchronized Optional<Throwable> problem() {
        return Optional.ofNullable(problem);
    }

    /** Waits until the gate is open, {@code limit} at most; whether it is. */
    synchronized boolean await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left;
        while (!open && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return open;
    }
}
