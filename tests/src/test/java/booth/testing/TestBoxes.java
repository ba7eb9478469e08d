package booth.testing;

import booth.daemon.ClientBox;
import booth.daemon.config.BoothConfig;
import booth.daemon.config.ConfigLoader;
import booth.hal.Ticker;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Headless client boxes for integration tests, on the shared CI cluster. */
public final class TestBoxes {
    private TestBoxes() {
    }

    /**
     * Starts a headless box named {@code name} writing at {@code level} to the CI cluster; extra
     * HOCON (inside {@code booth { }}) may add or override keys.
     */
    public static ClientBox start(CassandraCluster it, String name, String level, String extra) throws Exception {
        return start(it, name, level, extra, Optional.empty());
    }

    /** As {@link #start(CassandraCluster, String, String, String)}, every outcome line appended to {@code outcomes}. */
    public static ClientBox start(CassandraCluster it, String name, String level, String extra,
                                  java.io.OutputStream outcomes) throws Exception {
        return start(it, name, level, extra, Optional.of(new booth.daemon.OutcomeStream(outcomes)));
    }

    private static ClientBox start(CassandraCluster it, String name, String level, String extra,
                                   Optional<booth.daemon.OutcomeStream> stream) throws Exception {
        BoothConfig config = ConfigLoader.parse(configuration(name, level, "headless",
                System.getProperty("java.io.tmpdir") + "/booth-it-" + name + ".sock", extra), name);
        Map<String, String> names = new HashMap<>();
        it.topology().nodes().forEach(n -> names.put(n.address().getHostAddress(), n.name()));
        ClientBox box = ClientBox.open(config, names, stream, Ticker.SYSTEM, () -> {
            throw new AssertionError("the box asked to exit as unhealthy");
        });
        box.start();
        return box;
    }

    /**
     * The configuration of a box named {@code name} in DC1 of the CI cluster, writing at
     * {@code level}, in {@code mode}, its control socket at {@code socket}; extra HOCON (inside
     * {@code booth { }}) may add or override keys.
     */
    public static String configuration(String name, String level, String mode, String socket, String extra) {
        return """
                booth {
                  client-name = %s
                  local-dc = DC1
                  contact-points = ["127.0.1.1:9042", "127.0.1.2:9042"]
                  replication { DC1 = 3, DC2 = 2 }
                  write-level = %s
                  mode = %s
                  control-socket = "%s"
                  %s
                }
                """.formatted(name, level, mode, socket, extra);
    }

    /**
     * Starts a headless box named {@code name} in the Kafka demo against {@code bootstrap}, its
     * circle its own topic, every outcome line appended to {@code outcomes}; extra HOCON (inside
     * {@code booth { }}) may add or override keys. No Cassandra is needed: the box never connects.
     */
    public static ClientBox startKafkaDemo(String name, String bootstrap, java.io.OutputStream outcomes, String extra)
            throws Exception {
        BoothConfig config = ConfigLoader.parse("""
                booth {
                  client-name = %s
                  local-dc = DC1
                  contact-points = ["127.0.1.1:9042"]
                  replication { DC1 = 3 }
                  mode = headless
                  control-socket = "%s"
                  demo = kafka
                  write-interval = 250ms
                  kafka-demo { bootstrap-servers = "%s", circle = [%s] }
                  %s
                }
                """.formatted(name, System.getProperty("java.io.tmpdir") + "/booth-it-" + name + ".sock", bootstrap, name, extra),
                name);
        ClientBox box = ClientBox.open(config, Map.of(), Optional.of(new booth.daemon.OutcomeStream(outcomes)), Ticker.SYSTEM,
                () -> {
                    throw new AssertionError("the box asked to exit as unhealthy");
                });
        box.start();
        return box;
    }

    /** Every write the box has made, whatever became of it. */
    public static long writes(ClientBox box) {
        return box.state().cassandra().writes().stats().counts().values().stream().mapToLong(Long::longValue).sum();
    }
}
