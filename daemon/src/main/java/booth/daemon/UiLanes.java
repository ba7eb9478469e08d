package booth.daemon;

import booth.daemon.ui.UiEvent;
import booth.hal.KeypadButton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ui thread's inbox, in three lanes, so that what must never be lost cannot be crowded out
 * by what may be (it used to be one 1,000-slot queue for everything, dropping whatever came last):
 * <ul>
 *   <li><b>kept</b>: write and Kafka outcomes, staff buttons, power results, the connector's
 *   news, the Kafka views: never dropped. Unbounded on purpose: every producer of this lane is
 *   paced by something outside the ui thread (one write in flight per tick, the sampler's 20 ms,
 *   the describer's period), so a stalled ui thread makes it grow by a few events a second, which
 *   status shows ({@code lanes.queued}), and it drains when the thread is back.</li>
 *   <li><b>requests</b>: staff changes from the control socket, at most {@link #REQUESTS}
 *   waiting; one that does not fit is refused ({@code busy}), and one not taken before its
 *   deadline is withdrawn, so the socket's answer always says whether it was done.</li>
 *   <li><b>keys</b>: the visitors' keypad, at most {@link #KEYS} waiting; more are dropped and
 *   counted (keys mashed during a stall are stale by the time the thread is back).</li>
 * </ul>
 * The ui thread takes kept events first, then requests, then keys. Safe from any thread.
 */
final class UiLanes {
    static final int REQUESTS = 16;
    static final int KEYS = 64;

    /** What the ui thread takes: an event, or a staff request it must claim first. */
    sealed interface Next permits Plain, Request {
        /** The event to handle. */
        UiEvent event();
    }

    /** An event of the kept or keys lane. */
    record Plain(UiEvent event) implements Next {
    }

    /** A staff change from the socket, waiting to be taken; exactly one of taken and withdrawn wins. */
    static final class Request implements Next {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        final UiEvent change;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CountDownLatch done = new CountDownLatch(1);

        Request(UiEvent change) {
            this.change = change;
        }

        @Override
        public UiEvent event() {
            return change;
        }

        /** The ui thread's claim: false when the requester gave up first (then nothing is done). */
        boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /** The ui thread has applied it. */
        void applied() {
            done.countDown();
        }
    }

    /** What became of a request. */
    enum Result {
        /** Applied by the ui thread. */
        DONE,
        /** The lane was full: not queued, nothing done. */
        FULL,
        /** Not taken within its deadline: withdrawn, nothing done. */
        LATE
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<UiEvent> kept = new ArrayDeque<>();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private final ArrayDeque<UiEvent> keys = new ArrayDeque<>();
    private long droppedKeys;
    private long refusedRequests;

    /** Queues {@code event} in its lane; never blocks. False when it was a key and dropped. */
    boolean post(UiEvent event) {
        lock.lock();
        try {
            if (event instanceof UiEvent.Button b && b.event().key() instanceof KeypadButton) {
                if (keys.size() >= KEYS) {
                    droppedKeys++;
                    return false;
                }
                keys.add(event);
            } else {
                kept.add(event);
            }
            arrived.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a staff change and waits until the ui thread has applied it, {@code limit} at most;
     * a request the ui thread has begun is waited for to its end (it takes microseconds).
     */
    Result request(UiEvent change, Duration limit) throws InterruptedException {
        Request r = new Request(change);
        lock.lock();
        try {
            if (requests.size() >= REQUESTS) {
                refusedRequests++;
                return Result.FULL;
            }
            requests.add(r);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        if (r.done.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            return Result.DONE;
        }
        if (r.state.compareAndSet(Request.WAITING, Request.WITHDRAWN)) {
            countRefused();
            return Result.LATE;
        }
        r.done.await();
        return Result.DONE;
    }

    private void countRefused() {
        lock.lock();
        try {
            refusedRequests++;
        } finally {
            lock.unlock();
        }
    }

    /** The next thing for the ui thread, waiting {@code wait} at most; null when nothing came. */
    Next take(Duration wait) throws InterruptedException {
        long left = wait.toNanos();
        lock.lock();
        try {
            while (kept.isEmpty() && requests.isEmpty() && keys.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = arrived.awaitNanos(left);
            }
            return !kept.isEmpty() ? new Plain(kept.poll()) : !requests.isEmpty() ? requests.poll() : new Plain(keys.poll());
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return kept.isEmpty() && requests.isEmpty() && keys.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** What the lanes hold and have turned away now. */
    record Counts(long queued, long droppedKeys, long busyRequests) {
    }

    Counts counts() {
        lock.lock();
        try {
            return new Counts(kept.size() + requests.size() + keys.size(), droppedKeys, refusedRequests);
        } finally {
            lock.unlock();
        }
    }
}
