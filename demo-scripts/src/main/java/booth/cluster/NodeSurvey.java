package booth.cluster;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks every node, itself, which DC and rack it is in ({@code SELECT data_center, rack FROM
 * system.local} sent to that node): what the booth's bring-up check compares with the topology
 * file. Unlike the demo's session, it keeps pools to every node of every DC.
 */
public final class NodeSurvey {
    private NodeSurvey() {
    }

    /**
     * "DC1:r2" as each node says, by CQL address; empty for a node that does not answer.
     *
     * @throws RuntimeException when no node at all can be reached (the driver's message says why)
     */
    public static Map<InetSocketAddress, Optional<String>> ask(List<InetSocketAddress> nodes, String localDc) {
        DriverConfigLoader config = DriverConfigLoader.fromString("""
                datastax-java-driver {
                  basic.request.timeout = 3 seconds
                  advanced.connection.connect-timeout = 2 seconds
                  advanced.connection.init-query-timeout = 3 seconds
                  advanced.load-balancing-policy.dc-failover.max-nodes-per-remote-dc = 100
                  advanced.load-balancing-policy.dc-failover.allow-for-local-consistency-levels = true
                }
                """);
        try (CqlSession session = CqlSession.builder().withConfigLoader(config).withLocalDatacenter(localDc)
                .addContactPoints(nodes).build()) {
            Map<String, Node> byAddress = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getBroadcastRpcAddress().isPresent())
                    .collect(Collectors.toMap(n -> n.getBroadcastRpcAddress().get().getAddress().getHostAddress(), n -> n));
            Map<InetSocketAddress, Optional<String>> answers = new LinkedHashMap<>();
            for (InetSocketAddress a : nodes) {
                answers.put(a, ask(session, byAddress.get(a.getAddress().getHostAddress())));
            }
            return answers;
        }
    }

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
