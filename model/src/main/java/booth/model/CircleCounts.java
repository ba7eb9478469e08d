package booth.model;

import java.time.Duration;
import java.util.Optional;

/**
 * What the circle has found so far, for the records it consumed from every producer it follows.
 *
 * @param delivered  consumed within the late limit
 * @param late       consumed, but later than the late limit after they were sent
 * @param lost       acknowledged to their producer, and never consumed: gone for good
 * @param duplicated consumed more than once
 * @param missing    never consumed and never acknowledged (failed, or acks=0): no promise broken
 * @param ownLost    of {@code lost}, this client's own records
 * @param p50        end-to-end latency, send to consume, of recent records (empty: none yet)
 * @param rejected   values on the followed topics refused unjudged: not a record, beyond the caps
 *                   or the circle's window, another producer's, or in a batch that cannot be read
 */
public record CircleCounts(long delivered, long late, long lost, long duplicated, long missing, long ownLost,
                           Optional<Duration> p50, Optional<Duration> p99, long rejected) {
    public static final CircleCounts EMPTY = new CircleCounts(0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), 0);

    /** These counts with {@code n} values refused. */
    public CircleCounts withRejected(long n) {
        return new CircleCounts(delivered, late, lost, duplicated, missing, ownLost, p50, p99, n);
    }
}
