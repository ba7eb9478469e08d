package booth.display.model;

import java.time.Duration;

/**
 * Why a request failed, as Cassandra or the driver reported it: a closed set of kinds, each
 * with its numbers. {@link #kind()} is the stable name used in counters, the outcome stream
 * and the control protocol.
 */
public sealed interface Failure {
    String kind();

    /** The coordinator refused at once: fewer replicas alive than the level needs. */
    record Unavailable(Level level, int required, int alive) implements Failure {
        public String kind() {
            return "unavailable";
        }
    }

    /** The coordinator waited for acknowledgements and gave up. */
    record WriteTimeout(Level level, int received, int blockFor, String writeType) implements Failure {
        public String kind() {
            return "write_timeout";
        }
    }

    /** The coordinator waited for read responses and gave up. */
    record ReadTimeout(Level level, int received, int blockFor, boolean dataPresent) implements Failure {
        public String kind() {
            return "read_timeout";
        }
    }

    /** The client gave up first: no answer from the coordinator within the request time-out. */
    record ClientTimeout(Duration after) implements Failure {
        public String kind() {
            return "client_timeout";
        }
    }

    /** No coordinator could be tried: every node the driver may use is down or unreachable. */
    record NoNodeAvailable() implements Failure {
        public String kind() {
            return "no_node_available";
        }
    }

    /** The coordinator shed load (native-transport back-pressure). */
    record Overloaded(String message) implements Failure {
        public String kind() {
            return "overloaded";
        }
    }

    /** Anything else, by its exception class. */
    record Other(String className, String message) implements Failure {
        public String kind() {
            return "other";
        }
    }

    /** Every kind name, in display order. */
    java.util.List<String> KINDS = java.util.List.of("unavailable", "write_timeout", "read_timeout", "client_timeout",
            "no_node_available", "overloaded", "other");
}
