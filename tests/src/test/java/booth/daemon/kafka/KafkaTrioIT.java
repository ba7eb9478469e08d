package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.LocalKafka;
import booth.daemon.ClientBox;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.KafkaBrokers;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three brokers as in NASA GCN's demo (replication factor 3, min.insync.replicas 2): one
 * e-stopped broker costs nothing with acks=all; two make every event fail (counted and
 * reported), and the Cassandra writes do not notice.
 */
@ExtendWith(CassandraClusterExtension.class)
class KafkaTrioIT {
    private static KafkaBrokers brokers;
    private final CassandraCluster it;

    KafkaTrioIT(CassandraCluster it) {
        this.it = it;
    }

    @BeforeAll
    static void trio() throws Exception {
        brokers = KafkaBrokers.start(LocalKafka.Layout.TRIO);
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void oneBrokerDownIsFineTwoDownAreCountedAndCassandraNeverNotices() throws Exception {
        ClientBox box = TestBoxes.start(it, "trio", "LOCAL_QUORUM", """
                kafka { enabled = true, bootstrap-servers = "%s", outcome-topic = trio.outcomes, health-topic = trio.health }
                """.formatted(brokers.bootstrapServers()));
        try {
            Polling.until("events delivered by the trio", Duration.ofSeconds(90),
                    () -> box.eventCounts().orElseThrow().outcomesDelivered() >= 3);

            brokers.kafka().estop(1, false);
            long before = box.eventCounts().orElseThrow().outcomesDelivered();
            // if broker 1 led the partition, a new leader is elected first (about 13 s by default)
            Polling.until("acks=all still succeeds with one broker frozen", Duration.ofSeconds(60),
                    () -> box.eventCounts().orElseThrow().outcomesDelivered() >= before + 5);

            brokers.kafka().estop(2, false);
            long dropped = box.eventCounts().orElseThrow().dropped();
            long written = box.state().cassandra().writes().stats().succeeded();
            Polling.until("events fail and are counted with two brokers frozen", Duration.ofSeconds(60),
                    () -> box.eventCounts().orElseThrow().dropped() >= dropped + 5);
            long writtenDuringOutage = box.state().cassandra().writes().stats().succeeded() - written;
            assertTrue(writtenDuringOutage >= 3, "Cassandra writes went on: " + writtenDuringOutage);
            assertTrue(box.state().cassandra().writes().last().orElseThrow().succeeded(), "the last write succeeded");
            assertTrue(box.eventCounts().orElseThrow().dropped() > dropped, "reported in democtl status (kafka: ... dropped)");

            brokers.kafka().restore(1, Duration.ofMinutes(2));
            brokers.kafka().restore(2, Duration.ofMinutes(2));
            long after = box.eventCounts().orElseThrow().outcomesDelivered();
            Polling.until("events flow again once the brokers are back", Duration.ofSeconds(90),
                    () -> box.eventCounts().orElseThrow().outcomesDelivered() >= after + 3);
            System.out.printf("figures: trio: %s%n", box.eventCounts().orElseThrow());
        } finally {
            box.close();
        }
    }
}
