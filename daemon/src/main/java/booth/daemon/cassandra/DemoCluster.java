package booth.daemon.cassandra;

import booth.daemon.config.BoothConfig;
import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.model.Coordinator;
import booth.model.DemoSchema;
import booth.model.Failure;
import booth.model.Level;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The demo's side of Cassandra, through the Java driver: a session tuned for a booth rather
 * than a data centre, the demo keyspace and table, and one write (with its read-back) per call.
 * The only package that knows the driver.
 *
 * <p>Every write is a row of its own in this box's current run ({@link DemoSchema}): nothing a
 * write or a read-back finds depends on the Pi's clock. A reset starts a new run; a truncate
 * also deletes this box's earlier runs, never the current one nor another box's.
 */
public final class DemoCluster implements AutoCloseable {
    /** CREATE KEYSPACE / TABLE wait for schema agreement among all nodes: far beyond a demo write's 1 s. */
    static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;
    private final BoothConfig config;
    private final Map<String, String> names;
    private final Duration requestTimeout;
    /**
     * The prepared insert and select, set once by {@link #prepare()} on a driver thread and read
     * by the writes thread: volatile, so the write that follows the connector's hand-over sees them.
     */
    private volatile Statements statements;
    private final WriteRuns runs;

    private record Statements(PreparedStatement insert, PreparedStatement select) {
    }

    private DemoCluster(CqlSession session, BoothConfig config, Map<String, String> names) {
        this.session = session;
        this.config = config;
        this.names = names;
        this.runs = new WriteRuns(new java.security.SecureRandom());
        this.requestTimeout = session.getContext().getConfig().getDefaultProfile()
                .getDuration(com.datastax.oss.driver.api.core.config.DefaultDriverOption.REQUEST_TIMEOUT);
    }

    /**
     * The booth's driver settings, under whatever the configuration's
     * {@code datastax-java-driver} block sets.
     */
    /** More than any booth DC has nodes: every remote node may coordinate when failover allows it. */
    static final int MAX_REMOTE_NODES = 100;

    static String driverConfig(BoothConfig config) {
        String points = config.contactPoints().stream()
                .map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
        String booth = """
                datastax-java-driver {
                  basic.contact-points = [%s]
                  # a name is looked up at each connection, not once at start: the booth's DNS
                  # may come up after the box (resolved once, a name that failed is dropped for good)
                  advanced.resolve-contact-points = false
                  basic.load-balancing-policy.local-datacenter = "%s"
                  # a visitor must see an answer within about a second
                  basic.request.timeout = 1 second
                  basic.request.default-idempotence = true
                  # a frozen coordinator is noticed in about 3 s (default heartbeat: about 35 s)
                  advanced.heartbeat.interval = 2 seconds
                  advanced.heartbeat.timeout = 1 second
                  # power comes back: reconnect within a second or two, not after up to 60 s
                  advanced.reconnection-policy.class = ExponentialReconnectionPolicy
                  advanced.reconnection-policy.base-delay = 500 milliseconds
                  advanced.reconnection-policy.max-delay = 2 seconds
                  # the cluster down at start-up: keep trying instead of failing
                  advanced.reconnect-on-init = true
                  advanced.connection.connect-timeout = 1 second
                  advanced.connection.init-query-timeout = 2 seconds
                  advanced.control-connection.timeout = 2 seconds
                  advanced.control-connection.schema-agreement.timeout = 60 seconds
                  advanced.metadata.schema.request-timeout = 60 seconds
                  # every node of a remote DC: the driver pools at most this many per remote DC and
                  # ignores the rest for good, so with 3 a DC2 client whose three DC1 picks had lost
                  # power said "No coordinator" while DC1 r1 was up (found by the chaos soak)
                  advanced.load-balancing-policy.dc-failover.max-nodes-per-remote-dc = %d
                  advanced.load-balancing-policy.dc-failover.allow-for-local-consistency-levels = false
                  # a row a second to a few nodes: one I/O thread is plenty; each I/O thread that
                  # allocates takes its own netty arena, with direct-memory chunks of 4 MiB
                  advanced.netty.io-group.size = 1
                  # counted for the one "answers again" line (NodeWatch) instead of a warning per attempt
                  advanced.metrics.node.enabled = [ errors.connection.init ]
                }
                """.formatted(points, config.localDc(), config.dcFailover() ? MAX_REMOTE_NODES : 0);
        // HOCON merges a later block over an earlier one: the configuration file's block wins.
        return booth + "\n" + config.driverConfig();
    }

    /**
     * Opens a session; completes once the driver reached a node (it keeps trying while the
     * cluster is down), then creates the keyspace and table if missing and prepares the statements.
     *
     * @param names booth names of nodes by address, for the screen (may be empty)
     */
    public static CompletionStage<DemoCluster> connect(BoothConfig config, Map<String, String> names) {
        DriverConfigLoader loader = DriverConfigLoader.fromString(driverConfig(config));
        return CqlSession.builder().withConfigLoader(loader).withNodeStateListener(new NodeWatch(names)).buildAsync()
                .thenApply(session -> new DemoCluster(session, config, names));
    }

    /** Creates the keyspace and table if they do not exist, and prepares the statements. */
    public CompletionStage<Void> prepare() {
        String ks = config.keyspace();
        List<String> schema = DemoSchema.statements(ks, config.replication());
        return schema(schema.get(0))
                .thenCompose(v -> schema(schema.get(1)))
                .thenCompose(v -> session.prepareAsync("INSERT INTO " + ks + "." + DemoSchema.TABLE
                        + " (client, run, seq, written_at) VALUES (?, ?, ?, ?)"))
                // the newest row of the run at or below the write's number: this write, or an older one
                .thenCompose(ins -> session.prepareAsync("SELECT seq FROM " + ks + "." + DemoSchema.TABLE
                        + " WHERE client = ? AND run = ? AND seq <= ? LIMIT 1").thenAccept(sel -> statements = new Statements(ins, sel)));
    }

    private CompletionStage<Void> schema(String cql) {
        return session.executeAsync(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT)).thenAccept(rs -> { });
    }

    /**
     * One write at {@code writeLevel}, then (if it succeeded and {@code readBack}) a read of the
     * row at {@code readLevel}. Never completes exceptionally: every failure is an outcome.
     */
    public CompletionStage<WriteOutcome> write(Level writeLevel, Level readLevel, boolean readBack) {
        WriteRuns.Next next = runs.next();
        // milliseconds, as the table's timestamp keeps it: the line and the row say the same time
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long start = System.nanoTime();
        CompletionStage<AsyncResultSet> sent;
        try {
            sent = session.executeAsync(statements.insert().bind(config.clientName(), next.run(), next.seq(), at)
                    .setConsistencyLevel(DefaultConsistencyLevel.valueOf(writeLevel.name())).setIdempotent(true));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((rs, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (error != null) {
                Outcomes.Classified c = Outcomes.classify(error, requestTimeout);
                return CompletableFuture.completedFuture(new WriteOutcome(next.run(), next.seq(), at, writeLevel,
                        readLevel, c.node().map(this::coordinator), latency, Optional.of(c.failure()), ReadBack.NOT_READ));
            }
            WriteOutcome written = new WriteOutcome(next.run(), next.seq(), at, writeLevel, readLevel,
                    Outcomes.coordinator(rs.getExecutionInfo(), names), latency, Optional.empty(), ReadBack.NOT_READ);
            return readBack ? readBack(written) : CompletableFuture.completedFuture(written);
        }).thenCompose(stage -> stage);
    }

    private CompletionStage<WriteOutcome> readBack(WriteOutcome written) {
        long start = System.nanoTime();
        return session.executeAsync(statements.select().bind(config.clientName(), written.run(), written.seq())
                        .setConsistencyLevel(DefaultConsistencyLevel.valueOf(written.readLevel().name())))
                .handle((rs, error) -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    ReadBack r;
                    if (error != null) {
                        r = new ReadBack.Failed(Outcomes.classify(error, requestTimeout).failure());
                    } else {
                        Row row = rs.one();
                        if (row == null) {
                            r = new ReadBack.Missing(latency);
                        } else if (row.getLong("seq") != written.seq()) {
                            r = new ReadBack.Stale(row.getLong("seq"), written.seq(), latency);
                        } else {
                            r = new ReadBack.Current(latency);
                        }
                    }
                    return new WriteOutcome(written.run(), written.seq(), written.at(), written.writeLevel(),
                            written.readLevel(), written.coordinator(), written.latency(), written.failure(), r);
                });
    }

    private Coordinator coordinator(Node node) {
        return Outcomes.coordinator(node, names);
    }

    /**
     * This client's driver's view of the cluster now: every node it knows, with its state, its
     * open connections and whether it holds this client's partition (all of a client's writes go
     * to one partition; no node does until the driver has its token map), and the keyspace's
     * replication as the cluster has it (the configuration's until the driver has the keyspace).
     * For democtl topology, the cluster event, and the prediction page: asked once a tick, so
     * what the driver learns reaches the page within a write.
     */
    public ClusterView clusterView() {
        Metadata metadata = session.getMetadata();
        CqlIdentifier keyspace = CqlIdentifier.fromCql(config.keyspace()); // as the schema statements name it
        Set<Node> replicas = metadata.getTokenMap().map(t -> t.getReplicas(keyspace,
                TypeCodecs.TEXT.encode(config.clientName(), ProtocolVersion.DEFAULT))).orElse(Set.of());
        Map<String, Integer> replication = metadata.getKeyspace(keyspace).map(k -> replicationOf(k.getReplication()))
                .filter(r -> !r.isEmpty()).orElse(config.replication());
        List<ClusterNode> nodes = metadata.getNodes().values().stream()
                .map(n -> {
                    Coordinator c = coordinator(n);
                    return new ClusterNode(c.dc(), c.rack(), c.address(), c.name(), n.getState().name().toLowerCase(),
                            n.getOpenConnections(), replicas.contains(n));
                })
                .sorted(java.util.Comparator.comparing(ClusterNode::dc).thenComparing(ClusterNode::rack).thenComparing(ClusterNode::address))
                .toList();
        return new ClusterView(config.localDc(), nodes, replication, config.dcFailover());
    }

    /** The factors per DC of NetworkTopologyStrategy's options ({@code class} and {@code DC1: 3}, ...). */
    static Map<String, Integer> replicationOf(Map<String, String> options) {
        Map<String, Integer> factors = new java.util.TreeMap<>();
        options.forEach((key, value) -> {
            if (!key.equals("class") && value.matches("\\d+")) {
                factors.put(key, Integer.parseInt(value));
            }
        });
        return factors;
    }

    /** Starts a new run: the next write is number 1 of a run no box has written before. */
    public void startNewRun() {
        runs.startNew();
    }

    /**
     * Deletes this box's earlier runs (democtl reset --truncate): never the current run, never
     * another box's rows. A run is never written again once it ended, so the deletion of exactly
     * its rows carries a timestamp beyond any clock's ({@link #DELETED_FOR_GOOD}): a clock that
     * stepped back cannot bring them back, and no later write (another run) is covered by it.
     */
    public CompletionStage<Integer> deleteEarlierRuns() {
        String table = config.keyspace() + "." + DemoSchema.TABLE;
        String current = runs.current();
        List<String> earlier = new java.util.ArrayList<>();
        return session.executeAsync(SimpleStatement.newInstance("SELECT run FROM " + table
                                + " WHERE client = ? GROUP BY run", config.clientName()).setTimeout(SCHEMA_TIMEOUT))
                .thenCompose(page -> earlierRuns(page, current, earlier))
                .thenCompose(v -> {
                    CompletableFuture<?>[] deletes = earlier.stream().map(run -> session.executeAsync(SimpleStatement
                            .newInstance("DELETE FROM " + table + " USING TIMESTAMP " + DELETED_FOR_GOOD
                                    + " WHERE client = ? AND run = ?", config.clientName(), run)
                            .setTimeout(SCHEMA_TIMEOUT)).toCompletableFuture()).toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(deletes).thenApply(x -> earlier.size());
                });
    }

    /** Microseconds in the year 2096: later than any write's timestamp, whatever a Pi's clock said. */
    static final long DELETED_FOR_GOOD = 4_000_000_000_000_000L;

    private CompletionStage<Void> earlierRuns(AsyncResultSet page, String current, List<String> into) {
        for (Row row : page.currentPage()) {
            if (!row.getString("run").equals(current)) {
                into.add(row.getString("run"));
            }
        }
        return page.hasMorePages() ? page.fetchNextPage().thenCompose(p -> earlierRuns(p, current, into))
                : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        session.close();
    }
}
