package booth.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.model.Acks;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    /** The Pi jar has no Kafka telemetry classes (daemon/pom.xml): a client with it on would not construct. */
    @Test
    void everyBoothClientLeavesClientTelemetryOff() {
        for (Properties p : List.of(KafkaClients.eventProducer("rpiclient1", "127.0.3.1:9092"),
                KafkaClients.demoProducer("rpiclient1", "127.0.3.1:9092", Acks.ALL),
                KafkaClients.demoAdmin("rpiclient1", "127.0.3.1:9092"),
                KafkaClients.watcher("127.0.3.1:9092", "booth-watch"),
                KafkaClients.stream("127.0.3.1:9092", "booth-screen"),
                KafkaClients.circle("127.0.3.1:9092", "rpiclient1"))) {
            assertEquals("false", p.get(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG), p.toString());
        }
    }
}
