package booth.protocol.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a consumer goes on after a record batch it cannot read (compressed with a codec the Pi
 * jar leaves out, or corrupt). Kafka hands the whole batch again for any offset inside it, and
 * tells neither where it ends nor how many records it holds, so each failure inside the same
 * batch doubles the step past it: a batch of n records is left after about log2(n) fetches, at
 * most n - 1 records beyond its end (never beyond the partition's end: the caller caps the step
 * there). Pure logic, per partition; one thread.
 *
 * @param <P> a partition
 */
final class BatchSkips<P> {
    /** The run of failures in one partition: where it began and the step the next one takes. */
    private record Run(long first, long step) {
    }

    /**
     * Where to go next.
     *
     * @param offset   the offset to seek to
     * @param newBatch whether this failure begins a new run (a batch to count), not one more of the last
     */
    record Skip(long offset, boolean newBatch) {
    }

    private final Map<P, Run> runs = new HashMap<>();

    /** The partition {@code p} failed at {@code position}; {@code end} is its end (the offset after its last record). */
    Skip failedAt(P p, long position, long end) {
        Run run = runs.get(p);
        boolean continues = run != null && position >= run.first() && position <= run.first() + 2 * run.step();
        Run next = continues ? new Run(run.first(), Math.min(run.step() * 2, Long.MAX_VALUE / 4)) : new Run(position, 1);
        runs.put(p, next);
        long target = position + (continues ? run.step() * 2 : 1);
        return new Skip(Math.max(position + 1, Math.min(target, end)), !continues);
    }

    /** Records came from {@code p} again: its run of failures is over. */
    void read(P p) {
        runs.remove(p);
    }
}
