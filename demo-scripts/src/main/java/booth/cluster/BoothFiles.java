package booth.cluster;

import booth.model.DemoSchema;
import booth.model.Topology;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the booth's machines need, generated from one topology file: per node the
 * Cassandra settings that differ (cassandra.yaml, cassandra-rackdc.properties, heap), the
 * schema, per client the daemon's configuration and its boot configuration's staff keys, the
 * Kafka demo's brokers and controller (when the file has them), and the hosts file of the
 * network plan.
 * Pure: {@link #files} returns path to content; {@link #write} puts them in a directory.
 */
public final class BoothFiles {
    private BoothFiles() {
    }

    /** Every file, by path relative to the output directory, in a stable order. */
    public static Map<String, String> files(Topology t, String sourceName) {
        Map<String, String> out = new LinkedHashMap<>();
        CassandraNodeConfig.Profile pi = CassandraNodeConfig.Profile.RASPBERRY_PI;
        for (Topology.Node n : t.nodes()) {
            String dir = "nodes/" + n.name() + "/";
            out.put(dir + "cassandra.yaml", CassandraNodeConfig.cassandraYaml(t, n, pi));
            out.put(dir + "cassandra-rackdc.properties", CassandraNodeConfig.rackDcProperties(n));
            out.put(dir + "jvm-heap.options", "# append to /etc/cassandra/jvm-server.options\n-Xms" + pi.heap()
                    + "\n-Xmx" + pi.heap() + "\n");
        }
        out.put("schema.cql", "-- generated from " + sourceName + "; run once with cqlsh against any node\n"
                + DemoSchema.statements(DemoSchema.DEFAULT_KEYSPACE, t.replication()).stream()
                .map(s -> s + ";\n").collect(Collectors.joining()));
        for (Topology.Client c : t.clients()) {
            out.put("clients/" + c.name() + "/booth.conf", clientConfig(t, c, sourceName));
            out.put("clients/" + c.name() + "/config.txt", clientBootConfig(c, sourceName));
        }
        t.kafka().ifPresent(k -> {
            int replication = Math.min(3, k.brokers().size());
            int minInsync = Math.max(1, replication - 1);
            String voters = k.controllerId() + "@" + k.controller().getHostAddress() + ":" + KAFKA_CONTROLLER_PORT;
            k.brokers().forEach((id, node) -> out.put("kafka/broker-" + id + "/server.properties",
                    KafkaServerProperties.broker("generated from " + sourceName + ": Kafka demo broker " + id + " on "
                                    + node.name() + " (" + node.rackId() + "); install as /etc/kafka/server.properties there",
                            id, "broker", voters, "PLAINTEXT://" + node.address().getHostAddress() + ":" + KAFKA_PORT,
                            node.address().getHostAddress() + ":" + KAFKA_PORT, KAFKA_DATA, replication, minInsync, true)));
            out.put("kafka/controller/server.properties", KafkaServerProperties.controller("generated from " + sourceName
                            + ": the Kafka demo's controller, on a machine no e-stop cuts (port " + KAFKA_CONTROLLER_PORT
                            + ", beside the events broker's 9092 and 9093)", k.controllerId(), k.controller().getHostAddress(),
                    KAFKA_CONTROLLER_PORT, KAFKA_DATA + "-demo-controller", minInsync));
            out.put("kafka/cluster.id", kafkaClusterId(t.clusterName()) + "\n");
            out.put("kafka/kafka-demo.service", KAFKA_UNIT.formatted(sourceName));
        });
        out.put("hosts", hosts(t));
        return out;
    }

    /**
     * The Kafka demo's KRaft cluster id, the same every time for a topology's cluster name (every
     * broker and the controller must be formatted with one id): 16 bytes of a name-based UUID in
     * URL-safe base64, as Kafka's own ids, drawn again while it starts with '-', which the
     * storage tool would take for an option.
     */
    static String kafkaClusterId(String clusterName) {
        String seed = "booth-kafka-demo:" + clusterName;
        while (true) {
            java.util.UUID u = java.util.UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) {
                return id;
            }
            seed = seed + "'";
        }
    }

    /** One unit for a broker and for the controller alike: each machine's /etc/kafka/server.properties says which. */
    private static final String KAFKA_UNIT = """
            # generated from %s: the Kafka demo's broker (on a node's Pi) or controller (on the staff
            # laptop), Apache Kafka 4.3.1 unpacked in /opt/kafka (see hardware/README.md).
            # Install as /etc/systemd/system/kafka-demo.service; the runbook starts it (kafka-start).
            [Unit]
            Description=Kafka demo broker or controller (resilience booth)
            After=network-online.target
            Wants=network-online.target

            [Service]
            User=kafka
            Environment=KAFKA_HEAP_OPTS=-Xms256m -Xmx256m
            Environment=LOG_DIR=/var/log/kafka
            ExecStart=/opt/kafka/bin/kafka-server-start.sh /etc/kafka/server.properties
            ExecStop=/opt/kafka/bin/kafka-server-stop.sh
            TimeoutStopSec=30
            Restart=on-failure

            [Install]
            WantedBy=multi-user.target
            """;

    /** The demo brokers' client port. */
    static final int KAFKA_PORT = 9092;
    /** The demo's controller port: not 9093, which the events broker on the same laptop uses for its own. */
    static final int KAFKA_CONTROLLER_PORT = 9193;
    private static final String KAFKA_DATA = "/var/lib/kafka/data";

    /** Writes {@link #files} under {@code dir}; returns the paths written. */
    public static List<Path> write(Topology t, String sourceName, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : files(t, sourceName).entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
            written.add(p);
        }
        return written;
    }

    /**
     * Contact points for a client: three nodes of its DC, from as many racks as it has (a rack's
     * e-stop then never takes them all), one of each rack first.
     */
    static List<Topology.Node> contactPoints(Topology t, String dc) {
        Set<String> racks = new LinkedHashSet<>();
        List<Topology.Node> points = new ArrayList<>();
        for (Topology.Node n : t.nodesIn(dc)) {
            if (racks.add(n.rack())) {
                points.add(n);
            }
        }
        for (Topology.Node n : t.nodesIn(dc)) {
            if (!points.contains(n)) {
                points.add(n);
            }
        }
        return points.subList(0, Math.min(3, points.size()));
    }

    static String clientConfig(Topology t, Topology.Client c, String sourceName) {
        String points = contactPoints(t, c.localDc()).stream()
                .map(n -> "\"" + n.address().getHostAddress() + ":" + CassandraNodeConfig.NATIVE_PORT + "\"")
                .collect(Collectors.joining(", "));
        String replication = t.replication().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        String kafkaDemo = t.kafka().map(k -> "  kafka-demo {\n    bootstrap-servers = \""
                + k.brokers().values().stream().map(n -> n.address().getHostAddress() + ":" + KAFKA_PORT).collect(Collectors.joining(","))
                + "\"\n    circle = [" + t.clients().stream().map(Topology.Client::name).collect(Collectors.joining(", "))
                + "]\n  }\n").orElse("");
        return """
                # %s: generated from %s. Install as /etc/booth/booth.conf on %s,
                # with the topology file as /etc/booth/booth.topology (node names on the screen).
                # Every key is in the README; anything not set here takes its default.
                booth {
                  client-name = %s
                  local-dc = %s
                  contact-points = [%s]
                  replication { %s }
                  topology-file = /etc/booth/booth.topology
                  mode = hardware
                %s}
                """.formatted(c.name(), sourceName, c.name(), c.name(), c.localDc(), points, replication, kafkaDemo);
    }

    /**
     * The client Pi's boot configuration for its staff keys: the PiTFT's power-off (GPIO 17) and
     * reboot (GPIO 22) buttons given to the kernel's gpio-keys as KEY_POWER (116) and KEY_RESTART
     * (408), so that logind acts on their hold whether or not the daemon runs. The overlay's
     * defaults are the PiTFT's wiring: active low (a button connects its line to ground), the
     * pull-up on.
     */
    static String clientBootConfig(Topology.Client c, String sourceName) {
        return """
                # %s: generated from %s. Append to /boot/firmware/config.txt on %s and reboot.
                # The PiTFT's power-off and reboot buttons as keys of the kernel: logind powers off
                # or reboots after a 5 s hold (the package's booth-staff-keys.conf), with or without
                # the booth daemon, which only shows the count-down. Pi4J must not request these lines.
                dtoverlay=gpio-key,gpio=17,keycode=116,label=booth-power-off
                dtoverlay=gpio-key,gpio=22,keycode=408,label=booth-reboot
                """.formatted(c.name(), sourceName, c.name());
    }

    static String hosts(Topology t) {
        StringBuilder b = new StringBuilder("# the booth network: append to /etc/hosts on every machine\n");
        for (Topology.Node n : t.nodes()) {
            b.append(String.format("%-15s %s%n", n.address().getHostAddress(), n.name()));
        }
        for (Topology.Client c : t.clients()) {
            InetAddress a = c.address();
            if (a != null) {
                b.append(String.format("%-15s %s%n", a.getHostAddress(), c.name()));
            }
        }
        return b.toString();
    }
}
