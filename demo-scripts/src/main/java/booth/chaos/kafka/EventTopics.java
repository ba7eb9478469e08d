package booth.chaos.kafka;

import booth.protocol.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;

/**
 * A chaos run's events topics on a broker: the boxes publish their outcomes, health and cluster
 * views there, the run's booth screen reads them, and the poison is written to them. Named after
 * the run, so that a screen never replays another run's events (or poison) from a broker that
 * outlives runs.
 */
public record EventTopics(String bootstrap, String outcomes, String health, String cluster) {
    /** The topics of {@code run} (for example {@code chaos-42-1767225600}), not created yet. */
    public static EventTopics of(String bootstrap, String run) {
        return new EventTopics(bootstrap, run + ".outcomes", run + ".health", run + ".cluster");
    }

    /**
     * Creates the three topics as the booth creates its own (one partition, its largest
     * message; the brokers' own replication), before any box writes: a box's producer would otherwise have them created on
     * first use, and the screen would look for them until then.
     */
    public void create() throws IOException {
        try (Admin admin = Admin.create(KafkaClients.network(bootstrap, "chaos-topics"))) {
            admin.createTopics(List.of(outcomes, health, cluster).stream()
                    .map(t -> new NewTopic(t, Optional.of(1), Optional.empty()).configs(KafkaClients.topicConfig())).toList())
                    .all().get(PoisonWriter.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("cannot create the run's topics: no broker answered at " + bootstrap + " within "
                    + PoisonWriter.WAIT.toSeconds() + " s (is one running? demo-scripts/local-kafka start)", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot create the run's topics on " + bootstrap + ": " + e.getCause(), e);
        } catch (KafkaException e) {
            // Kafka will not make its admin client while no broker name resolves
            throw new IOException("cannot create the run's topics on " + bootstrap + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted creating the run's topics", e);
        }
    }

    /** The daemon's {@code kafka} block (inside {@code booth}): every outcome, health and view published here. */
    public String daemonBlock() {
        return """
                kafka { enabled = true, bootstrap-servers = "%s", outcome-topic = "%s", health-topic = "%s",
                        cluster-topic = "%s", health-interval = 5s }
                """.formatted(bootstrap, outcomes, health, cluster);
    }

    /** The booth screen's configuration: these topics, {@code topologyFile}'s clients and nodes, a port of its own. */
    public String screenConfig(Path topologyFile) {
        return """
                screen { listen = "127.0.0.1:0", topology-file = "%s",
                         kafka { bootstrap-servers = "%s", outcome-topic = "%s", health-topic = "%s", cluster-topic = "%s" } }
                """.formatted(topologyFile.toAbsolutePath(), bootstrap, outcomes, health, cluster);
    }
}
