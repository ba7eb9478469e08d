package booth.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one Kafka demo record: immutable, made once per tick.
 *
 * @param seq       the record's number in this producer session (1, 2, ...)
 * @param at        when it was handed to the producer
 * @param acks      the producer's acks
 * @param topic     this client's demo topic
 * @param leader    the broker id that led the partition as the producer knew it when the answer
 *                  came (empty when it knew none)
 * @param partition the partition
 * @param offset    where the leader put it; -1 when unknown (acks=0, or failed)
 * @param latency   from handing over to the answer (or the failure)
 * @param failure   empty when acknowledged (or sent, acks=0)
 */
public record ProduceOutcome(long seq, Instant at, Acks acks, String topic, Optional<Integer> leader, int partition,
                             long offset, Duration latency, Optional<ProduceFailure> failure) {
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** Acknowledged, sent (acks=0), or the failure's kind. */
    public ProduceKind kind() {
        return failure.map(ProduceFailure::kind).orElse(acks == Acks.ZERO ? ProduceKind.SENT : ProduceKind.ACKED);
    }
}
