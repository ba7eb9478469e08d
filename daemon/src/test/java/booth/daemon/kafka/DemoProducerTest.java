package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Acks;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import booth.protocol.kafka.KafkaClients;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * The demo's producer without a broker: its settings per acks, and what becomes of a record due
 * before its topic is known to exist (Kafka's errors as the demo's kinds: ProduceFailuresTest).
 */
class DemoProducerTest {
    /** Nothing listens there: no record of these tests may reach it anyway. */
    private static final String NOWHERE = "127.0.0.1:1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);

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

    /**
     * Records due before the topic exists are not sent (they would create it with the brokers'
     * defaults) and not lost from sight: each is a failure, numbered, with the set-up's reason,
     * after the producer's own max.block at most.
     */
    @Test
    void aRecordDueBeforeItsTopicExistsIsReportedFailedWithTheSetUpsReason() throws Exception {
        TopicGate gate = new TopicGate();
        try (DemoProducer producer = new DemoProducer("rpiclient1", "booth.demo.rpiclient1", NOWHERE, gate, CLOCK)) {
            ProduceOutcome first = producer.produce(Acks.ALL).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(1, first.seq());
            assertTrue(first.failure().orElseThrow() instanceof ProduceFailure.Timeout t
                    && t.message().equals("booth.demo.rpiclient1 not created yet: no broker answered"), first.toString());
            assertTrue(first.latency().toMillis() >= 500,
                    "it waited the producer's max.block for its topic: " + first.latency());
            record Line(Throwable setUp, ProduceFailure failure) {
            }
            for (Line l : List.of(
                    new Line(new InvalidReplicationFactorException("3 > 2"),
                            new ProduceFailure.Other("InvalidReplicationFactorException", "3 > 2")),
                    new Line(new UnknownTopicOrPartitionException("deleted"),
                            new ProduceFailure.NoLeader("UnknownTopicOrPartitionException: deleted")))) {
                gate.close(l.setUp());
                ProduceOutcome o = producer.produce(Acks.ONE).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertEquals(l.failure(), o.failure().orElseThrow(), l.setUp().toString());
                assertEquals(List.of(false, -1L, Acks.ONE), List.of(o.succeeded(), o.offset(), o.acks()));
            }
        }
    }
}
