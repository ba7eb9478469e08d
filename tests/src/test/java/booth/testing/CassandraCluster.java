package booth.testing;

import booth.cluster.ClusterException;
import booth.cluster.LocalCluster;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real CI cluster (demo-scripts/topology/ci.topology) as the integration tests share it:
 * started once per test run by {@link CassandraClusterExtension}, with one driver session
 * whose local DC is DC1.
 */
public final class CassandraCluster implements AutoCloseable {
    /** Keyspaces Cassandra owns; everything else is test data and dropped between tests. */
    private static final Set<String> SYSTEM_KEYSPACES = Set.of("system", "system_schema", "system_auth",
            "system_distributed", "system_traces", "system_views", "system_virtual_schema");
    /** Schema changes wait for every node to agree: far longer than a demo write may take. */
    public static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final LocalCluster cluster;
    private final CqlSession session;
    private final Thread shutdownHook;

    private CassandraCluster(LocalCluster cluster, CqlSession session, Thread shutdownHook) {
        this.cluster = cluster;
        this.session = session;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Stops whatever an earlier, killed run left in the same directory, wipes its data, starts
     * the CI topology and opens a session. If anything fails, the nodes it launched are stopped.
     */
    static CassandraCluster start() throws ClusterException, TopologyException, IOException {
        Path repo = Path.of(System.getProperty("booth.repo", System.getProperty("user.dir")));
        Topology topology = TopologyFile.read(repo.resolve("demo-scripts/topology/ci.topology"));
        Path home = repo.resolve("target/it-cluster");
        LocalCluster cluster = new LocalCluster(topology, home, repo.resolve("demo-scripts/cassandra/pom.xml"),
                line -> System.out.println("[it-cluster] " + line));
        cluster.stop(Duration.ofSeconds(5));
        for (Topology.Node n : topology.nodes()) {
            deleteTree(cluster.nodeHome(n));
        }
        // A run interrupted with Ctrl-C or a surefire time-out must not leave five JVMs behind.
        Thread hook = new Thread(() -> stopQuietly(cluster), "it-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            cluster.start(Duration.ofMinutes(5));
            return new CassandraCluster(cluster, openSession(topology, Duration.ofSeconds(2)), hook);
        } catch (ClusterException | RuntimeException | Error e) {
            stopQuietly(cluster);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
    }

    /**
     * A session as the booth uses one: DC-aware with local DC1, a heartbeat of 2 s with a 1 s
     * time-out (a frozen coordinator is noticed in about 3 s instead of about 35 s), and
     * reconnection within 2 s. The request time-out is given: the demo uses about 1 s; tests
     * allow more so that a loaded CI machine does not turn Cassandra's 500 ms answers into
     * client-side time-outs.
     */
    public static CqlSession openSession(Topology topology, Duration requestTimeout) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.HEARTBEAT_INTERVAL, Duration.ofSeconds(2))
                .withDuration(DefaultDriverOption.HEARTBEAT_TIMEOUT, Duration.ofSeconds(1))
                .withString(DefaultDriverOption.RECONNECTION_POLICY_CLASS, "ExponentialReconnectionPolicy")
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
                .build();
        return CqlSession.builder()
                .withConfigLoader(config)
                .addContactPoints(topology.nodesIn("DC1").stream()
                        .map(n -> new InetSocketAddress(n.address(), 9042)).toList())
                .withLocalDatacenter("DC1")
                .build();
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public Topology topology() {
        return cluster.topology();
    }

    public CqlSession session() {
        return session;
    }

    /** The driver's node for a topology node. */
    public Node driverNode(Topology.Node node) {
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> n.getBroadcastRpcAddress().map(a -> a.getAddress().equals(node.address())).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the driver does not know " + node.name()));
    }

    /** Runs a schema statement with the long time-out schema changes need. */
    public void schema(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT));
    }

    /**
     * Makes the cluster as a test expects to find it: every node powered and seen up by the
     * driver, no test keyspaces. Called before each test, so a test that fails half-way
     * through an e-stop does not poison the next one.
     */
    void reset() throws ClusterException {
        if (cluster.status().stream().anyMatch(s -> s.state() != LocalCluster.State.UP)) {
            cluster.restore("all", Duration.ofMinutes(3));
        }
        // The driver keeps pools only to the local DC; remote nodes stay UNKNOWN unless it hears they are down.
        Polling.until("the driver sees DC1 up and no node down", Duration.ofSeconds(60), () ->
                session.getMetadata().getNodes().values().stream().allMatch(n -> n.getDatacenter().equals("DC1")
                        ? n.getState() == NodeState.UP : n.getState() != NodeState.DOWN));
        List<String> testKeyspaces = session.getMetadata().getKeyspaces().keySet().stream()
                .map(k -> k.asInternal()).filter(k -> !SYSTEM_KEYSPACES.contains(k)).toList();
        for (String ks : testKeyspaces) {
            schema("DROP KEYSPACE IF EXISTS \"" + ks + "\"");
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            stopQuietly(cluster);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run: the cluster is being stopped either way
            }
        }
    }

    private static void stopQuietly(LocalCluster cluster) {
        try {
            cluster.stop(Duration.ofSeconds(15));
        } catch (ClusterException | RuntimeException e) {
            System.err.println("[it-cluster] could not stop the cluster: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
