package booth.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one write: immutable, made once per tick by the write loop.
 *
 * @param run         the run the write belongs to: a random name, new at every start and reset,
 *                    so no two runs of any box share a row whatever their clocks say
 * @param seq         the write's number in its run: 1, 2, 3..., one per write (its row's key)
 * @param at          when the write was sent, by the client's clock (shown, never compared)
 * @param writeLevel  its consistency level
 * @param readLevel   the level of the read-back
 * @param coordinator the node that coordinated it, when the driver knows (empty for client
 *                    time-outs and when no node could be tried)
 * @param latency     from sending to the answer (or the failure)
 * @param failure     empty when the write succeeded
 * @param readBack    what reading the row back found
 */
public record WriteOutcome(String run, long seq, Instant at, Level writeLevel, Level readLevel, Optional<Coordinator> coordinator,
                           Duration latency, Optional<Failure> failure, ReadBack readBack) {
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** Written, or the failure's kind. */
    public OutcomeKind kind() {
        return failure.map(Failure::kind).orElse(OutcomeKind.WRITTEN);
    }
}
