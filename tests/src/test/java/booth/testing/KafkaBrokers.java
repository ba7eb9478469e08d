package booth.testing;

import booth.cluster.ClusterException;
import booth.cluster.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Real Kafka brokers for one test class: started fresh (data wiped), stopped when closed, and
 * by a shutdown hook if the run is interrupted.
 */
public final class KafkaBrokers implements AutoCloseable {
    private final LocalKafka kafka;
    private final Path home;
    private final Thread hook;

    private KafkaBrokers(LocalKafka kafka, Path home, Thread hook) {
        this.kafka = kafka;
        this.home = home;
        this.hook = hook;
    }

    public static KafkaBrokers start(LocalKafka.Layout layout) throws ClusterException, IOException {
        Path repo = Path.of(System.getProperty("booth.repo", System.getProperty("user.dir")));
        Path home = repo.resolve("target/it-kafka-" + layout.name().toLowerCase());
        LocalKafka kafka = new LocalKafka(layout, home, repo.resolve("demo-scripts/kafka/pom.xml"),
                line -> System.out.println("[it-kafka] " + line));
        kafka.stop(Duration.ofSeconds(5)); // whatever a killed earlier run left
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.getFileName().toString().equals("kafka.classpath")
                        && !p.equals(home)).toList()) {
                    Files.delete(p);
                }
            }
        }
        Thread hook = new Thread(() -> stopQuietly(kafka), "it-kafka-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            kafka.start(Duration.ofMinutes(3));
        } catch (ClusterException | RuntimeException e) {
            stopQuietly(kafka);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
        return new KafkaBrokers(kafka, home, hook);
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Kafka's full server runtime as the launcher resolved it (its cached {@code kafka.classpath}):
     * every codec included, which the booth's own jars and the tests' class path leave out.
     */
    public String serverClasspath() throws IOException {
        return Files.readString(home.resolve("kafka.classpath")).strip();
    }

    private static void stopQuietly(LocalKafka kafka) {
        try {
            kafka.stop(Duration.ofSeconds(15));
        } catch (ClusterException | RuntimeException e) {
            System.err.println("[it-kafka] could not stop: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        stopQuietly(kafka);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook stops the brokers anyway
        }
    }
}
