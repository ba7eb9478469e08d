package booth.model;

import java.time.Duration;

/**
 * Why a Kafka record was not acknowledged, as the producer reported it: a closed set of kinds.
 * Each has its wire name ({@link #kind()}), spelt the same in the outcome stream, the events
 * and on democtl.
 */
public sealed interface ProduceFailure {
    ProduceKind kind();

    /**
     * The leader refused: fewer in-sync replicas than min.insync.replicas (acks=all only). With
     * {@code afterAppend} the leader had written it and the in-sync set shrank before it was
     * copied: it may still be read, but was never acknowledged.
     */
    record NotEnoughReplicas(boolean afterAppend) implements ProduceFailure {
        public ProduceKind kind() {
            return ProduceKind.NOT_ENOUGH_REPLICAS;
        }
    }

    /**
     * No answer within the producer's delivery time-out: the leader is frozen or cut and no new
     * one is known yet, or no broker answers at all.
     */
    record Timeout(Duration after, String message) implements ProduceFailure {
        public ProduceKind kind() {
            return ProduceKind.TIMEOUT;
        }
    }

    /** The partition has no leader now (being elected, or none of its in-sync replicas is up). */
    record NoLeader(String message) implements ProduceFailure {
        public ProduceKind kind() {
            return ProduceKind.NO_LEADER;
        }
    }

    /** Anything else, by its exception class. */
    record Other(String className, String message) implements ProduceFailure {
        public ProduceKind kind() {
            return ProduceKind.OTHER;
        }
    }
}
