package booth.model;

import java.util.List;

/**
 * What became of one Kafka demo record: the success kinds and the closed set of failure kinds,
 * each with its wire name (schema version 1: names are only ever added).
 */
public enum ProduceKind {
    /** Acknowledged: by the leader (acks=1) or by every in-sync replica (acks=all). */
    ACKED("acked"),
    /** Put on the wire with acks=0: no broker says whether it was written. */
    SENT("sent"),
    NOT_ENOUGH_REPLICAS("not_enough_replicas"),
    TIMEOUT("timeout"),
    NO_LEADER("no_leader"),
    OTHER("other");

    /** The failure kinds, in display order. */
    public static final List<ProduceKind> FAILURES = List.of(NOT_ENOUGH_REPLICAS, TIMEOUT, NO_LEADER, OTHER);

    private final String wireName;

    ProduceKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
