package booth.daemon;

import booth.daemon.cassandra.DemoCluster;
import booth.daemon.ui.CassandraState;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.hal.Ticker;
import booth.model.Acks;
import booth.model.Demo;
import booth.model.ProduceOutcome;
import booth.model.ReplicaView;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "writes" thread: one tick per interval, one write per tick at the level the ui state
 * says (or, in the Kafka demo, one record at its acks), never more than one in flight (a tick
 * that finds one is skipped and counted, never queued). A write that ended after a skipped tick
 * is followed by the next {@link #SHOWN} later (or at the next tick, if that comes first), not
 * only at the next tick: a write and its read-back may each take the driver's whole request
 * time-out, and waiting for the tick after that left the visitor three seconds without news (the
 * 10-minute flood run). Not at once either: the late write's outcome must stay on the glass long
 * enough to be read (at once, a chaos run's LCD held it for 20 ms). It only starts asynchronous writes;
 * their outcomes arrive on the driver's (or the producer's) threads and are posted to the ui as
 * events. Cassandra writes start once the cluster is connected; Kafka records need no
 * connection first (the producer finds its brokers, or says it cannot).
 */
final class WriteLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteLoop.class);

    private final Duration interval;
    private final Supplier<UiState> state;
    private final Consumer<UiEvent> post;
    private final Ticker ticker;
    /** How long a late write's outcome is shown before the write owed for its skipped tick starts. */
    static final Duration SHOWN = Duration.ofMillis(400);

    /**
     * Guards the three fields below: a tick's look at the write in flight and that write's end
     * (on a driver thread) must not interleave, or a skipped tick is never made up.
     */
    private final Object lock = new Object();
    private boolean inFlight;
    /** A tick was skipped while a write was in flight: the next write is due {@link #SHOWN} after that one ends. */
    private boolean owed;
    /** The owed write, scheduled; cancelled when a tick starts a write first. */
    private ScheduledFuture<?> owedWrite;
    private final ScheduledExecutorService writes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "writes");
        t.setDaemon(true);
        return t;
    });
    private final Function<Acks, CompletionStage<ProduceOutcome>> kafka;
    /** When a tick last ran (nanoTime), or 0 before the first: the loop's heartbeat for the health check. */
    private volatile long lastTick;
    /** The cluster once connected (schema ready); null before. */
    private volatile DemoCluster cluster;
    /** The view of the replicas last posted (the writes thread's own). */
    private ReplicaView replicas;

    /**
     * @param kafka produces the Kafka demo's next record at the given acks: returns at once (the
     *              demo's set-up and its brokers are waited for on its own threads, never on
     *              this loop's), and its stage completes, never exceptionally
     */
    WriteLoop(Duration interval, Supplier<UiState> state, Consumer<UiEvent> post, Ticker ticker,
              Function<Acks, CompletionStage<ProduceOutcome>> kafka) {
        this.interval = interval;
        this.state = state;
        this.post = post;
        this.ticker = ticker;
        this.kafka = kafka;
    }

    /** Starts ticking: Kafka records at once when that is the demo, Cassandra writes once connected. */
    void start() {
        lastTick = ticker.nanoTime();
        writes.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The cluster is connected and its schema ready: Cassandra writes may start. */
    void connected(DemoCluster c) {
        cluster = c;
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

    private void tick() {
        lastTick = ticker.nanoTime();
        seeReplicas();
        write(true);
    }

    /**
     * The client's view of its replicas, posted when it changed: at every tick, also while a
     * write hangs, so the prediction page follows the driver within a write.
     */
    private void seeReplicas() {
        DemoCluster c = cluster;
        if (c == null) {
            return;
        }
        try {
            c.clusterView().replicas().filter(v -> !v.equals(replicas)).ifPresent(v -> {
                replicas = v;
                post.accept(new UiEvent.ReplicasSeen(v));
            });
        } catch (RuntimeException e) {
            // the driver's metadata in the middle of a change: the next tick looks again
            log.debug("no view of the replicas this tick: {}", e.toString());
        }
    }

    /** Starts a write unless one is in flight: a tick's ({@code onTick}, skipped and owed then) or an owed one. */
    private void write(boolean onTick) {
        UiState s = state.get();
        DemoCluster c = cluster;
        boolean toKafka = s.shared().demo() == Demo.KAFKA;
        if (s.staff().paused() || s.shared().stopping() || (!toKafka && c == null)) {
            return;
        }
        boolean start;
        synchronized (lock) {
            start = !inFlight;
            if (start) {
                inFlight = true;
                if (owedWrite != null) {
                    owedWrite.cancel(false); // this write is the one owed, whoever started it
                    owedWrite = null;
                }
            } else {
                owed |= onTick; // an owed write finding one in flight: a tick came first and started it
            }
        }
        if (!start) {
            if (onTick) {
                post.accept(new UiEvent.SkippedTick());
            }
            return;
        }
        try {
            if (toKafka) {
                post.accept(new UiEvent.Producing());
                kafka.apply(s.kafka().acks()).whenComplete((outcome, error) -> {
                    if (outcome != null) {
                        post.accept(new UiEvent.Produced(outcome));
                    } else {
                        log.error("a Kafka record ended without an outcome", error);
                    }
                    ended();
                });
                return;
            }
            CassandraState.Levels l = s.cassandra().levels();
            c.write(l.write(), l.read(), l.readBack()).whenComplete((outcome, error) -> {
                if (outcome != null) {
                    post.accept(new UiEvent.Outcome(outcome));
                } else {
                    log.error("a write ended without an outcome", error);
                }
                ended();
            });
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlight = false;
            }
            log.error("could not start a write", e);
        }
    }

    /** The write in flight has ended, its outcome posted: the next may start, the owed one once the outcome was shown. */
    private void ended() {
        synchronized (lock) {
            inFlight = false;
            if (owed) {
                owed = false;
                try {
                    owedWrite = writes.schedule(() -> write(false), SHOWN.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closed) {
                    // the loop is closing: no more writes
                }
            }
        }
    }

    @Override
    public void close() {
        writes.shutdownNow();
    }
}
