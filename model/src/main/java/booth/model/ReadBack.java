package booth.model;

import java.time.Duration;

/** What reading the write back at the read level found: the newest row of its run at or below its number. */
public sealed interface ReadBack {
    String kind();

    /** Read-back is off, or the write failed so there was nothing to read. */
    record NotRead() implements ReadBack {
        public String kind() {
            return "not_read";
        }
    }

    /** This write came back. */
    record Current(Duration latency) implements ReadBack {
        public String kind() {
            return "current";
        }
    }

    /** An earlier write of the run came back: the replicas that answered missed this one. */
    record Stale(long foundSeq, long writtenSeq, Duration latency) implements ReadBack {
        public String kind() {
            return "stale";
        }
    }

    /** No write of the run came back. */
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
