package booth.daemon.cassandra;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code demo-scripts/booth-runbook check}: asks every node of the topology, itself, which DC
 * and rack it is in, and compares with the topology file. Exit status 0 when every node answers
 * as expected, 1 otherwise (the table says which), 2 bad usage.
 */
public final class ClusterCheck {
    private ClusterCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--topology")) {
            err.println("usage: ClusterCheck --topology FILE");
            return 2;
        }
        Topology t;
        try {
            t = TopologyFile.read(Path.of(args[1]));
        } catch (TopologyException e) {
            err.println("check: topology: " + e.getMessage());
            return 1;
        }
        String localDc = t.dcs().get(0);
        // Pools to every node of every DC: the check must reach each one, not just the local DC.
        DriverConfigLoader config = DriverConfigLoader.fromString("""
                datastax-java-driver {
                  basic.request.timeout = 3 seconds
                  advanced.connection.connect-timeout = 2 seconds
                  advanced.connection.init-query-timeout = 3 seconds
                  advanced.load-balancing-policy.dc-failover.max-nodes-per-remote-dc = 100
                  advanced.load-balancing-policy.dc-failover.allow-for-local-consistency-levels = true
                }
                """);
        int bad = 0;
        try (CqlSession session = CqlSession.builder().withConfigLoader(config).withLocalDatacenter(localDc)
                .addContactPoints(t.nodes().stream().map(n -> new InetSocketAddress(n.address(), 9042)).toList())
                .build()) {
            Map<String, Node> byAddress = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getBroadcastRpcAddress().isPresent())
                    .collect(Collectors.toMap(n -> n.getBroadcastRpcAddress().get().getAddress().getHostAddress(), n -> n));
            out.printf("%-12s %-12s %-8s %-8s %s%n", "NODE", "ADDRESS", "EXPECTED", "REPORTED", "RESULT");
            for (Topology.Node n : t.nodes()) {
                String address = n.address().getHostAddress();
                Optional<String> reported = ask(session, byAddress.get(address));
                boolean ok = reported.map(n.rackId()::equals).orElse(false);
                bad += ok ? 0 : 1;
                out.printf("%-12s %-12s %-8s %-8s %s%n", n.name(), address, n.rackId(), reported.orElse("-"),
                        ok ? "ok" : reported.isEmpty() ? "NO ANSWER (powered? cabled? cassandra running?)" : "WRONG DC/RACK (check its cassandra-rackdc.properties)");
            }
        } catch (RuntimeException e) {
            err.println("check: cannot reach the cluster: " + e.getMessage());
            return 1;
        }
        out.println(bad == 0 ? "all " + t.nodes().size() + " nodes answer with the expected DC and rack"
                : bad + " of " + t.nodes().size() + " nodes need attention");
        return bad == 0 ? 0 : 1;
    }

    /** "DC1:r2" as the node itself says, or empty when it does not answer. */
    private static Optional<String> ask(CqlSession session, Node node) {
        if (node == null) {
            return Optional.empty();
        }
        try {
            Row row = session.execute(SimpleStatement.newInstance("SELECT data_center, rack FROM system.local")
                    .setNode(node).setTimeout(Duration.ofSeconds(3))).one();
            return row == null ? Optional.empty() : Optional.of(row.getString("data_center") + ":" + row.getString("rack"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
