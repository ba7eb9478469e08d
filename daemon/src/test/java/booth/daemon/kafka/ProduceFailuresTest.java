package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.model.ProduceFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Kafka's errors as the demo's kinds, as a table: one line per case the producer or the set-up can report. */
class ProduceFailuresTest {
    private static final Duration AFTER = Duration.ofMillis(1000);

    private record Case(Throwable error, ProduceFailure failure) {
    }

    @Test
    void everyKindWithItsNumbers() {
        List<Case> table = List.of(
                new Case(new NotEnoughReplicasException("x"), new ProduceFailure.NotEnoughReplicas(false)),
                new Case(new NotEnoughReplicasAfterAppendException("x"), new ProduceFailure.NotEnoughReplicas(true)),
                new Case(new TimeoutException("Expiring 1 record(s)"), new ProduceFailure.Timeout(AFTER, "Expiring 1 record(s)")),
                // the set-up's own wait for the topic's creation
                new Case(new java.util.concurrent.TimeoutException("no broker answered"),
                        new ProduceFailure.Timeout(AFTER, "no broker answered")),
                new Case(new NotLeaderOrFollowerException("gone"), new ProduceFailure.NoLeader("NotLeaderOrFollowerException: gone")),
                new Case(new LeaderNotAvailableException("electing"),
                        new ProduceFailure.NoLeader("LeaderNotAvailableException: electing")),
                new Case(new UnknownTopicOrPartitionException("deleted"),
                        new ProduceFailure.NoLeader("UnknownTopicOrPartitionException: deleted")),
                new Case(new RecordTooLargeException("big"), new ProduceFailure.Other("RecordTooLargeException", "big")),
                new Case(new InvalidReplicationFactorException("3 > 2"),
                        new ProduceFailure.Other("InvalidReplicationFactorException", "3 > 2")),
                // futures wrap what they carry
                new Case(new ExecutionException(new TimeoutException("Expiring 1 record(s)")),
                        new ProduceFailure.Timeout(AFTER, "Expiring 1 record(s)")),
                new Case(new CompletionException(new ExecutionException(new NotEnoughReplicasException("x"))),
                        new ProduceFailure.NotEnoughReplicas(false)),
                new Case(new ExecutionException("no cause", null), new ProduceFailure.Other("ExecutionException", "no cause")),
                new Case(new IllegalStateException("closed"), new ProduceFailure.Other("IllegalStateException", "closed")));
        for (Case c : table) {
            assertEquals(c.failure(), ProduceFailures.classify(c.error(), AFTER), c.error().toString());
        }
    }
}
