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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks every node about itself ({@code SELECT ... FROM system.local} or its peers, sent to that
 * node): which DC and rack it is in (what the booth's bring-up check compares with the topology
 * file), and whether it knows every other node (what a started cluster waits for). Unlike the
 * demo's session, it keeps pools to every node of every DC.
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
        return each(nodes, nodes, localDc, "SELECT data_center, rack FROM system.local",
                rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getString("data_center") + ":" + rows.get(0).getString("rack")));
    }

    /**
     * How many other nodes each node's {@code system.peers_v2} describes completely (host id,
     * DC, rack, CQL address and tokens: what the driver needs of a peer row before it counts the
     * node), by CQL address; empty for a node that does not answer. Gossip calls a node up
     * before every peer has written its row: a client connecting then sees a node with no DC
     * and a token map short of replicas.
     */
    public static Map<InetSocketAddress, Optional<Integer>> completePeers(List<InetSocketAddress> nodes, String localDc) {
        // one contact point, of the local DC: the driver warns of contact points in other DCs
        return each(nodes, List.of(nodes.get(0)), localDc, "SELECT host_id, data_center, rack, native_address, tokens FROM system.peers_v2",
                rows -> Optional.of((int) rows.stream().filter(r -> !r.isNull("host_id") && !r.isNull("data_center")
                        && !r.isNull("rack") && !r.isNull("native_address") && !r.isNull("tokens")).count()));
    }

    /** A session of the tools' own (never the daemon's settings): short time-outs, any DC's nodes for any level. */
    static CqlSession session(List<InetSocketAddress> contactPoints, String localDc) {
        DriverConfigLoader config = DriverConfigLoader.fromString("""
                datastax-java-driver {
                  basic.request.timeout = 3 seconds
                  advanced.connection.connect-timeout = 2 seconds
                  advanced.connection.init-query-timeout = 3 seconds
                  advanced.load-balancing-policy.dc-failover.max-nodes-per-remote-dc = 100
                  advanced.load-balancing-policy.dc-failover.allow-for-local-consistency-levels = true
                }
                """);
        return CqlSession.builder().withConfigLoader(config).withLocalDatacenter(localDc).addContactPoints(contactPoints)
                .build();
    }

    /** {@code query} sent to each node itself, its rows read by {@code read}. */
    private static <T> Map<InetSocketAddress, Optional<T>> each(List<InetSocketAddress> nodes,
                                                                List<InetSocketAddress> contactPoints, String localDc, String query,
                                                                Function<List<Row>, Optional<T>> read) {
        try (CqlSession session = session(contactPoints, localDc)) {
            Map<String, Node> byAddress = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getBroadcastRpcAddress().isPresent())
                    .collect(Collectors.toMap(n -> n.getBroadcastRpcAddress().get().getAddress().getHostAddress(), n -> n));
            Map<InetSocketAddress, Optional<T>> answers = new LinkedHashMap<>();
            for (InetSocketAddress a : nodes) {
                answers.put(a, ask(session, byAddress.get(a.getAddress().getHostAddress()), query).flatMap(read));
            }
            return answers;
        }
    }

    private static Optional<List<Row>> ask(CqlSession session, Node node, String query) {
        if (node == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(session.execute(SimpleStatement.newInstance(query).setNode(node)
                    .setTimeout(Duration.ofSeconds(3))).all());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
