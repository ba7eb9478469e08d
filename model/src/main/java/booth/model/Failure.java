package booth.model;

import java.time.Duration;

/**
 * Why a request failed, as Cassandra or the driver reported it: a closed set of kinds, each
 * with its numbers. {@link #kind()} names it ({@link OutcomeKind}).
 */
public sealed interface Failure {
    OutcomeKind kind();

    /**
     * The coordinator refused at once: fewer replicas alive than the level needs. For EACH_QUORUM
     * {@code alive} is not a count: Cassandra 5.0's per-DC check reports 0 whatever is alive (it
     * passes the live count in another argument of {@code UnavailableException.create}), and the
     * Java driver drops the message that names the DC. Only {@code required}, the quorum of the DC
     * that fell short, is a fact then ({@link #aliveKnown()}).
     */
    record Unavailable(Level level, int required, int alive) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.UNAVAILABLE;
        }

        /** Whether {@code alive} counts live replicas (not for EACH_QUORUM: see above). */
        public boolean aliveKnown() {
            return level != Level.EACH_QUORUM;
        }
    }

    /** The coordinator waited for acknowledgements and gave up. */
    record WriteTimeout(Level level, int received, int blockFor, String writeType) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.WRITE_TIMEOUT;
        }
    }

    /** The coordinator waited for read responses and gave up. */
    record ReadTimeout(Level level, int received, int blockFor, boolean dataPresent) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.READ_TIMEOUT;
        }
    }

    /** The client gave up first: no answer from the coordinator within the request time-out. */
    record ClientTimeout(Duration after) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.CLIENT_TIMEOUT;
        }
    }

    /** No coordinator could be tried: every node the driver may use is down or unreachable. */
    record NoNodeAvailable() implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.NO_NODE_AVAILABLE;
        }
    }

    /**
     * The connection to the coordinator died with the request on it: the node stopped answering
     * heartbeats (a power cut) or closed the connection (killed). {@code cause} is the driver's
     * exception class, for the logs and the stream.
     */
    record ConnectionLost(String cause) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.CONNECTION_LOST;
        }
    }

    /** The coordinator shed load (native-transport back-pressure). */
    record Overloaded(String message) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.OVERLOADED;
        }
    }

    /** Anything else, by its exception class. */
    record Other(String className, String message) implements Failure {
        public OutcomeKind kind() {
            return OutcomeKind.OTHER;
        }
    }

}
