package booth.cluster;

import booth.model.Topology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts one node's process: writes its configuration (cassandra.yaml, its DC and rack, its
 * logging) into its directory, then runs Cassandra's daemon there with the node's marker, in a
 * session of its own. Waiting for it to serve is the cluster's business.
 */
final class NodeLauncher {
    private static final List<String> DIRECTORIES =
            List.of("conf", "logs", "data", "commitlog", "hints", "saved_caches", "cdc_raw");

    private final Topology topology;
    private final LocalNodes nodes;
    private final CassandraRuntime.OnDemand runtime;
    private final Consumer<String> report;

    NodeLauncher(Topology topology, LocalNodes nodes, CassandraRuntime.OnDemand runtime, Consumer<String> report) {
        this.topology = topology;
        this.nodes = nodes;
        this.runtime = runtime;
        this.report = report;
    }

    void launch(Topology.Node n) throws ClusterException {
        Path nodeHome = nodes.nodeHome(n);
        Path conf = nodeHome.resolve("conf");
        Path logs = nodeHome.resolve("logs");
        try {
            for (String dir : DIRECTORIES) {
                Files.createDirectories(nodeHome.resolve(dir));
            }
            CassandraNodeConfig.Profile profile = CassandraNodeConfig.Profile.laptop(nodeHome);
            Files.writeString(conf.resolve("cassandra.yaml"), CassandraNodeConfig.cassandraYaml(topology, n, profile));
            Files.writeString(conf.resolve("cassandra-rackdc.properties"), CassandraNodeConfig.rackDcProperties(n));
            Files.writeString(conf.resolve("logback.xml"), CassandraNodeConfig.logbackXml(logs));
            List<String> cmd = new ArrayList<>();
            // A session of its own: a Ctrl-C in the terminal that ran the launcher must not
            // reach the nodes; only stop and e-stop end them.
            cmd.add("setsid");
            cmd.addAll(runtime.get().nodeCommand(profile, conf, logs, nodes.jmxPort(n), nodes.marker(n)));
            Process p = new ProcessBuilder(cmd)
                    .directory(nodeHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("stdout.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            Files.writeString(nodeHome.resolve("pid"), p.pid() + "\n");
            report.accept(n.name() + " (" + n.rackId() + ", " + n.address().getHostAddress() + "): launched, pid " + p.pid());
        } catch (IOException e) {
            throw new ClusterException(n.name() + ": cannot launch: " + e.getMessage(), e);
        }
    }
}
