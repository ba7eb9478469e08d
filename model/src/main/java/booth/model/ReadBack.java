package booth.model;

import java.time.Duration;

/** What reading the row back at the read level found. */
public sealed interface ReadBack {
    String kind();

    /** Read-back is off, or the write failed so there was nothing to read. */
    record NotRead() implements ReadBack {
        public String kind() {
            return "not_read";
        }
    }

    /** The value just written came back. */
    record Current(Duration latency) implements ReadBack {
        public String kind() {
            return "current";
        }
    }

    /** An older value came back: a replica that missed the write answered. */
    record Stale(long foundSeq, long writtenSeq, Duration latency) implements ReadBack {
        public String kind() {
            return "stale";
        }
    }

    /** No row at all came back. */
    record Missing(Duration latency) implements ReadBack {
        public String kind() {
            return "missing";
        }
    }

    /** The read itself failed. */
    record Failed(Failure failure) implements ReadBack {
        public String kind() {
            return "failed";
        }
    }

    ReadBack NOT_READ = new NotRead();
}
