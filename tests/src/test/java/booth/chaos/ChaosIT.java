package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.LocalKafka;
import booth.model.TopologyFile;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.KafkaBrokers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos soak in CI: five seeded minutes on the CI topology with its DC1 and DC2 clients
 * (the real daemon jar, as child processes), publishing their events to a single Kafka broker
 * that a booth screen in the run reads and the schedule poisons, judged by the truth checker and
 * the poison's judge. Every lie, stall, unexpected log line and poison shown or missed fails it;
 * the report is kept under {@code target/chaos-it}.
 */
@ExtendWith(CassandraClusterExtension.class)
class ChaosIT {
    private static final long SEED = 20261121;

    @Test
    void fiveSeededMinutesOfPowerCutsTellNoLie(CassandraCluster it) throws Exception {
        Path repo = Path.of(System.getProperty("booth.repo", System.getProperty("user.dir")));
        Path topologyFile = repo.resolve("demo-scripts/topology/ci.topology");
        ChaosReport report;
        try (KafkaBrokers kafka = KafkaBrokers.start(LocalKafka.Layout.SINGLE)) {
            report = ChaosRun.run(new ChaosRun.Settings(TopologyFile.read(topologyFile), topologyFile,
                    repo.resolve("target/booth.jar"), Duration.ofMinutes(5), SEED, repo.resolve("target/chaos-it"),
                    Optional.of(kafka.bootstrapServers())), it.cluster(), line -> System.out.println("[chaos] " + line));
        }
        System.out.print(report.summary());
        assertTrue(report.pass(), report.summary());
        // the run did what it says: cuts and restores, and both clients wrote through them
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertTrue(json.path("actions").path("restore").asInt() >= 3, report.summary());
        // and the booth floor's faults: clock steps, a stalled log, a flooded socket, a truncate, poison on Kafka
        for (String fault : new String[] {"clock_step", "log_stall", "socket_flood", "poison"}) {
            assertTrue(json.path("actions").path(fault).asInt() >= 1, fault + ": " + report.summary());
        }
        for (String notRun : new String[] {"socket_flood_not_run", "poison_not_run"}) {
            assertTrue(json.path("actions").path(notRun).isMissingNode(), notRun + ": " + report.summary());
        }
        // the boxes' predictions were put to the test by the cuts (one that did not hold is a lie, failing it above)
        assertTrue(json.path("predictions").path("judged").asInt() >= 1, report.summary());
        // the screen refused the poison (its findings, if any, failed the report above)
        assertTrue(json.path("poison").path("screen_refused").path("unknown_client").asLong() >= 17, report.summary());
        for (String client : new String[] {"rpiclient1", "rpiclient2"}) {
            assertTrue(json.path("outcomes").path(client).path("total").asInt() > 200, report.summary());
        }
    }
}
