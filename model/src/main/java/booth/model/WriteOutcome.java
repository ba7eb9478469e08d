package booth.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one write: immutable, made once per tick by the write loop.
 *
 * @param seq         the value written (milliseconds since the epoch: rises across restarts)
 * @param at          when the write was sent
 * @param writeLevel  its consistency level
 * @param readLevel   the level of the read-back
 * @param coordinator the node that coordinated it, when the driver knows (empty for client
 *                    time-outs and when no node could be tried)
 * @param latency     from sending to the answer (or the failure)
 * @param failure     empty when the write succeeded
 * @param readBack    what reading the row back found
 */
public record WriteOutcome(long seq, Instant at, Level writeLevel, Level readLevel, Optional<Coordinator> coordinator,
                           Duration latency, Optional<Failure> failure, ReadBack readBack) {
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** Written, or the failure's kind. */
    public OutcomeKind kind() {
        return failure.map(Failure::kind).orElse(OutcomeKind.WRITTEN);
    }
}
