package booth.daemon.kafka;

import booth.model.ProduceFailure;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Turns what Kafka reports into the demo's failure kinds: the Kafka demo's counterpart of
 * {@code booth.daemon.cassandra.Outcomes}, a table tested one line per case.
 */
final class ProduceFailures {
    private ProduceFailures() {
    }

    /**
     * The failure {@code error} stands for, {@code after} the record was handed over. Futures'
     * wrappers are unwrapped to what they carry.
     */
    static ProduceFailure classify(Throwable error, Duration after) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof NotEnoughReplicasAfterAppendException) {
            return new ProduceFailure.NotEnoughReplicas(true);
        } else if (e instanceof NotEnoughReplicasException) {
            return new ProduceFailure.NotEnoughReplicas(false);
        } else if (e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            // Kafka's own, or a wait of ours on one of its futures (the topic's creation) that ran out
            return new ProduceFailure.Timeout(after, String.valueOf(e.getMessage()));
        } else if (e instanceof InvalidMetadataException) {
            // NotLeaderOrFollower, LeaderNotAvailable, UnknownTopicOrPartition...: no leader to write to now
            return new ProduceFailure.NoLeader(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new ProduceFailure.Other(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
}
