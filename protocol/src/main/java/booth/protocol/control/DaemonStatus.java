package booth.protocol.control;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The {@code status} answer's object: one flat JSON object on the wire, grouped here by what
 * each part is about.
 *
 * @param paused          whether staff paused the writes (either demo)
 * @param droppedOutcomes outcome-stream lines dropped because the reader was too slow
 * @param events          the Kafka events' counters; empty when the daemon publishes none
 * @param last            the last outcome of either demo as the outcome stream wrote it, one
 *                        line of JSON without its newline (a Kafka record's has
 *                        {@code "demo":"kafka"}); its own decoder reads it; empty before the first
 * @param lanes           what waits for the ui thread, and what was turned away on the way to it
 */
public record DaemonStatus(Box box, Cassandra cassandra, boolean paused, long droppedOutcomes, Demo demo, Kafka kafka,
                           Optional<Events> events, Optional<String> last, Lanes lanes) {

    /**
     * The ui thread's lanes and the log: everything that may still be dropped, counted since the
     * daemon started (write outcomes and staff buttons never are).
     *
     * @param queued          events waiting for the ui thread now
     * @param droppedKeys     visitors' key events dropped because their lane was full
     * @param busyRequests    staff requests answered {@code busy}: their lane was full, or the ui
     *                        thread did not take them within their deadline; none was done
     * @param droppedLogLines log lines dropped because standard error (the journal) did not take them
     */
    public record Lanes(long queued, long droppedKeys, long busyRequests, long droppedLogLines) {
        public static final Lanes NONE = new Lanes(0, 0, 0, 0);
    }

    /**
     * The box itself.
     *
     * @param uptimeS seconds since the daemon started
     * @param pid     the daemon's process id (a second daemon's refusal names it)
     * @param clock   whether the Pi's clock is synchronised, as the daemon last read it
     */
    public record Box(String client, String localDc, boolean platePresent, long uptimeS, long pid, ClockSync clock) {
    }

    /**
     * The Cassandra demo.
     *
     * @param connected   connected to the cluster, else still connecting
     * @param connectingS seconds the cluster has been tried while not connected; 0 once connected
     * @param latency     of recent successful writes; empty before the first
     */
    public record Cassandra(Level writeLevel, Level readLevel, boolean readBack, boolean connected, long connectingS,
                            Counters counters, Optional<Percentiles> latency) {
    }

    /**
     * Outcomes by kind since the last reset.
     *
     * @param byKind       every kind's count, in the kinds' order (one missing from the map given counts 0)
     * @param skippedTicks ticks that found a write still in flight
     */
    public record Counters(Map<OutcomeKind, Long> byKind, long skippedTicks) {
        public Counters {
            Map<OutcomeKind, Long> given = byKind;
            byKind = all(kind -> given.getOrDefault(kind, 0L));
        }

        /** Every kind's count, as {@code count} gives it. */
        public static Counters of(ToLongFunction<OutcomeKind> count, long skippedTicks) {
            return new Counters(all(count), skippedTicks);
        }

        private static Map<OutcomeKind, Long> all(ToLongFunction<OutcomeKind> count) {
            Map<OutcomeKind, Long> all = new EnumMap<>(OutcomeKind.class);
            for (OutcomeKind kind : OutcomeKind.values()) {
                all.put(kind, count.applyAsLong(kind));
            }
            return Collections.unmodifiableMap(all);
        }

        public long count(OutcomeKind kind) {
            return byKind.get(kind);
        }
    }

    /** A median and a 99th percentile: both known, or neither. */
    public record Percentiles(Duration p50, Duration p99) {
    }

    /**
     * The Kafka demo.
     *
     * @param acked     records acknowledged (or sent, with acks=0) since the last reset
     * @param failed    records failed since the last reset
     * @param partition the box's partition as last described; empty before the first description
     */
    public record Kafka(Acks acks, long acked, long failed, Optional<Partition> partition, CircleCounts circle) {
    }

    /**
     * The box's partition: the part of the brokers' description the status carries.
     *
     * @param leader the leader's broker id; empty without a leader
     * @param elr    the eligible leader replicas (KIP-966)
     */
    public record Partition(String topic, int partition, Optional<Integer> leader, List<Integer> isr, List<Integer> elr,
                            int minInsync) {
        public Partition {
            isr = List.copyOf(isr);
            elr = List.copyOf(elr);
        }
    }

    /**
     * The Kafka events' counters.
     *
     * @param published handed to the sender
     * @param delivered acknowledged by the brokers
     * @param dropped   given up (queue full, or not delivered in time)
     * @param queued    waiting in the sender's queue
     */
    public record Events(long published, long delivered, long dropped, long queued) {
    }
}
