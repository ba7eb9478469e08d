package booth.daemon.kafka;

import booth.protocol.kafka.KafkaClients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.model.Acks;
import booth.model.ProduceFailure;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Kafka's errors as the demo's kinds, and the producer's settings per acks; no broker needed. */
class KafkaDemoTest {
    private static final Duration AFTER = Duration.ofMillis(1000);

    @Test
    void kafkasErrorsAreTheDemosKinds() {
        assertEquals(new ProduceFailure.NotEnoughReplicas(false), KafkaDemo.failure(new NotEnoughReplicasException("x"), AFTER));
        assertEquals(new ProduceFailure.NotEnoughReplicas(true),
                KafkaDemo.failure(new NotEnoughReplicasAfterAppendException("x"), AFTER));
        assertEquals(new ProduceFailure.Timeout(AFTER, "Expiring 1 record(s)"),
                KafkaDemo.failure(new ExecutionException(new TimeoutException("Expiring 1 record(s)")), AFTER));
        assertEquals(new ProduceFailure.NoLeader("NotLeaderOrFollowerException: gone"),
                KafkaDemo.failure(new NotLeaderOrFollowerException("gone"), AFTER));
        assertEquals(new ProduceFailure.NoLeader("LeaderNotAvailableException: electing"),
                KafkaDemo.failure(new LeaderNotAvailableException("electing"), AFTER));
        assertEquals(new ProduceFailure.Other("RecordTooLargeException", "big"), KafkaDemo.failure(new RecordTooLargeException("big"), AFTER));
    }

    @Test
    void idempotenceWithAcksAllOnlyAndAnAnswerWithinASecond() {
        for (Acks a : Acks.values()) {
            Properties p = KafkaClients.demoProducer("rpiclient1", "127.0.3.1:9092", a);
            assertEquals(a.wireName(), p.get(ProducerConfig.ACKS_CONFIG));
            assertEquals(Boolean.toString(a == Acks.ALL), p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
            assertEquals("1000", p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
            assertEquals("500", p.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        }
    }
}
