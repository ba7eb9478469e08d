package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {
    @Test
    void aClusterIdNeverStartsWithADashTheStorageToolWouldTakeForAnOption() {
        byte[] dash = new byte[16];
        dash[0] = (byte) 0xF8; // base64 '-' (62) in the first six bits
        byte[] fine = new byte[16];
        Arrays.fill(fine, (byte) 0x11);
        Deque<byte[]> draws = new ArrayDeque<>(List.of(dash, dash, fine));
        String id = LocalKafka.newClusterId(draws::pop);
        assertFalse(id.startsWith("-"), id);
        assertEquals(22, id.length());
        assertEquals(0, draws.size(), "drawn until it did not start with '-'");
    }

    @Test
    void theTrioReplicatesThreeTimesWithTwoInSyncAndItsControllerIsOnNoBroker() {
        LocalKafka trio = new LocalKafka(LocalKafka.Layout.TRIO, Path.of("/tmp/k"), Path.of("pom.xml"), l -> { });
        String props = trio.serverProperties(2);
        for (String line : List.of("process.roles=broker", "node.id=2", "controller.quorum.voters=10@127.0.3.10:9093",
                "listeners=PLAINTEXT://127.0.3.2:9092", "default.replication.factor=3",
                "min.insync.replicas=2", "offsets.topic.replication.factor=3", "broker.session.timeout.ms=1500",
                "replica.lag.time.max.ms=1500")) {
            assertEquals(true, props.contains("\n" + line + "\n"), line + " in\n" + props);
        }
        String controller = trio.serverProperties(LocalKafka.CONTROLLER_ID);
        for (String line : List.of("process.roles=controller", "node.id=10", "listeners=CONTROLLER://127.0.3.10:9093",
                "broker.session.timeout.ms=1500", "min.insync.replicas=2")) {
            assertEquals(true, controller.contains("\n" + line + "\n"), line + " in\n" + controller);
        }
    }

    @Test
    void theSingleBrokerIsItsOwnController() {
        String props = new LocalKafka(LocalKafka.Layout.SINGLE, Path.of("/tmp/k"), Path.of("pom.xml"), l -> { })
                .serverProperties(1);
        for (String line : List.of("process.roles=broker,controller", "controller.quorum.voters=1@127.0.3.1:9093",
                "listeners=PLAINTEXT://127.0.3.1:9092,CONTROLLER://127.0.3.1:9093")) {
            assertEquals(true, props.contains("\n" + line + "\n"), line + " in\n" + props);
        }
    }
}
