package booth.model;

import java.util.List;
import java.util.Optional;

/**
 * What became of a write: written, or one of the closed set of failure kinds. Each has its wire
 * name, the one spelling used in counters, the outcome stream, the Kafka events and the control
 * protocol (schema version 1: names are only ever added).
 */
public enum OutcomeKind {
    /** The write succeeded. */
    WRITTEN("written"),
    /** The coordinator refused at once: fewer replicas alive than the level needs. */
    UNAVAILABLE("unavailable"),
    /** The coordinator waited for acknowledgements and gave up. */
    WRITE_TIMEOUT("write_timeout"),
    /** The coordinator waited for read responses and gave up. */
    READ_TIMEOUT("read_timeout"),
    /** The client gave up first: no answer within the request time-out. */
    CLIENT_TIMEOUT("client_timeout"),
    /** No coordinator could be tried. */
    NO_NODE_AVAILABLE("no_node_available"),
    /** The coordinator shed load. */
    OVERLOADED("overloaded"),
    /** The connection to the coordinator died with the request on it (added in version 1, after the others). */
    CONNECTION_LOST("connection_lost"),
    /** Anything else, by its exception class. */
    OTHER("other");

    /** The failure kinds, in display order. */
    public static final List<OutcomeKind> FAILURES = List.of(UNAVAILABLE, WRITE_TIMEOUT, READ_TIMEOUT, CLIENT_TIMEOUT,
            NO_NODE_AVAILABLE, CONNECTION_LOST, OVERLOADED, OTHER);

    private final String wireName;

    OutcomeKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, for example {@code write_timeout}. */
    public String wireName() {
        return wireName;
    }

    /** The kind whose wire name is {@code name}, or empty (a newer daemon's kind, for example). */
    public static Optional<OutcomeKind> fromWire(String name) {
        for (OutcomeKind k : values()) {
            if (k.wireName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
