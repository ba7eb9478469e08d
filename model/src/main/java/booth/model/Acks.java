package booth.model;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka producer's {@code acks}: how many replicas must have a record before the producer
 * hears "written". The visitor picks it on the Kafka demo's main page.
 */
public enum Acks {
    /** Fire and forget: the record is "sent" once it is on the wire; no broker answers. */
    ZERO("0"),
    /** The partition's leader alone has it: lost for good if the leader dies before a follower copies it. */
    ONE("1"),
    /** Every in-sync replica has it, and there are at least min.insync.replicas of them; idempotent. */
    ALL("all");

    /** The order UP goes through them. */
    public static final List<Acks> CYCLE = List.of(ZERO, ONE, ALL);

    private final String wireName;

    Acks(String wireName) {
        this.wireName = wireName;
    }

    /** Kafka's own spelling, the producer setting's value: {@code 0}, {@code 1}, {@code all}. */
    public String wireName() {
        return wireName;
    }

    /** The next (step +1) or previous (step -1) setting, wrapping round. */
    public Acks step(int step) {
        return CYCLE.get(Math.floorMod(ordinal() + step, CYCLE.size()));
    }

    /** {@code 0}, {@code 1} or {@code all} (also {@code -1}, Kafka's other spelling of all), any case. */
    public static Optional<Acks> parse(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("-1")) {
            return Optional.of(ALL);
        }
        for (Acks a : values()) {
            if (a.wireName.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
