package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import booth.model.Topology;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local cluster as Cassandra and the driver see it: DCs and racks, coordinators, and
 * what an e-stopped rack does to each consistency level.
 */
@ExtendWith(CassandraClusterExtension.class)
class LocalClusterIT {
    private final CassandraCluster it;
    private PreparedStatement insert;

    LocalClusterIT(CassandraCluster it) {
        this.it = it;
    }

    @BeforeEach
    void schema() {
        String replication = it.topology().replication().entrySet().stream()
                .map(e -> "'" + e.getKey() + "': " + e.getValue()).collect(Collectors.joining(", "));
        it.schema("CREATE KEYSPACE demo WITH replication = {'class': 'NetworkTopologyStrategy', " + replication + "}");
        it.schema("CREATE TABLE demo.writes (client text, id timeuuid, PRIMARY KEY (client, id))");
        insert = it.session().prepare("INSERT INTO demo.writes (client, id) VALUES ('it', now())");
    }

    /**
     * Every node reports, through the driver, the DC and rack that the booth's generator writes
     * into its cassandra-rackdc.properties from the same topology file.
     */
    @Test
    void everyNodeReportsItsDcAndRackInTheDriversMetadata() throws Exception {
        Map<String, String> generated = BoothFiles.files(it.topology(), "ci.topology");
        Map<String, String> expected = new java.util.HashMap<>();
        for (Topology.Node n : it.topology().nodes()) {
            java.util.Properties rackdc = new java.util.Properties();
            rackdc.load(new java.io.StringReader(generated.get("nodes/" + n.name() + "/cassandra-rackdc.properties")));
            expected.put(n.address().getHostAddress(), rackdc.getProperty("dc") + ":" + rackdc.getProperty("rack"));
        }
        Map<String, String> seen = it.session().getMetadata().getNodes().values().stream().collect(Collectors.toMap(
                n -> n.getBroadcastRpcAddress().orElseThrow().getAddress().getHostAddress(),
                n -> n.getDatacenter() + ":" + n.getRack()));
        assertEquals(expected, seen);
    }

    @Test
    void aLocalQuorumWriteIsCoordinatedInTheLocalDc() {
        ResultSet rs = it.session().execute(write(DefaultConsistencyLevel.LOCAL_QUORUM));
        Node coordinator = rs.getExecutionInfo().getCoordinator();
        assertEquals("DC1", coordinator.getDatacenter());
        assertTrue(rs.getExecutionInfo().getErrors().isEmpty(), "no node failed on the way");
    }

    /**
     * The booth's core demo: rack DC1:r3 loses power. LOCAL_QUORUM (2 of DC1's 3 replicas)
     * carries on; ALL (5 replicas) fails, first with write time-outs while the coordinators
     * still count the frozen node alive, then with Unavailable once gossip has convicted it;
     * after power returns, ALL succeeds again.
     */
    @Test
    void aFrozenRackFailsAllButNotLocalQuorumAndRecoversOnRestore() throws Exception {
        Topology.Node r1 = it.topology().select("DC1:r1").get(0);
        Topology.Node r3 = it.topology().select("DC1:r3").get(0);
        Node coordinatorR1 = it.driverNode(r1);
        Node frozen = it.driverNode(r3);
        int replicas = it.topology().totalReplicas();

        it.cluster().estop("DC1:r3", LocalCluster.EStop.FREEZE);
        long cut = System.nanoTime();

        // Right after the cut the coordinators still count r3 alive and wait for its ack.
        Throwable first = failure(write(DefaultConsistencyLevel.ALL).setNode(coordinatorR1));
        WriteTimeoutException timeout = assertInstanceOf(WriteTimeoutException.class, first,
                "ALL right after the cut should time out waiting for the frozen replica");
        assertEquals(replicas, timeout.getBlockFor());
        assertTrue(timeout.getReceived() < replicas, "received " + timeout.getReceived());
        assertEquals(DefaultConsistencyLevel.ALL, timeout.getConsistencyLevel());

        // Once the driver's heartbeat has given up on r3 it stops choosing it as coordinator,
        // and LOCAL_QUORUM writes all succeed through r1 and r2.
        Polling.until("the driver marks " + r3.name() + " down", Duration.ofSeconds(30),
                () -> frozen.getState() == NodeState.DOWN);
        double markedDown = (System.nanoTime() - cut) / 1e9;
        for (int i = 0; i < 10; i++) {
            ResultSet rs = it.session().execute(write(DefaultConsistencyLevel.LOCAL_QUORUM));
            Node coordinator = rs.getExecutionInfo().getCoordinator();
            assertEquals("DC1", coordinator.getDatacenter());
            assertNotEquals(frozen, coordinator);
        }

        // ALL keeps timing out until the failure detector convicts r3; then the coordinator
        // refuses up front: Unavailable, 5 required, 4 alive.
        List<String> seen = new ArrayList<>();
        UnavailableException[] unavailable = new UnavailableException[1];
        Polling.until("ALL is refused as Unavailable", Duration.ofSeconds(90), () -> {
            Throwable t = failure(write(DefaultConsistencyLevel.ALL));
            seen.add(t.getClass().getSimpleName());
            if (t instanceof UnavailableException u) {
                unavailable[0] = u;
                return true;
            }
            if (!(t instanceof WriteTimeoutException w) || w.getBlockFor() != replicas) {
                fail("before conviction ALL must end in a write time-out with block-for " + replicas + ", got " + t);
            }
            return false;
        });
        assertEquals(replicas, unavailable[0].getRequired(), "required replicas; failures seen: " + seen);
        assertEquals(replicas - 1, unavailable[0].getAlive(), "alive replicas");
        assertEquals(DefaultConsistencyLevel.ALL, unavailable[0].getConsistencyLevel());
        double convicted = (System.nanoTime() - cut) / 1e9;

        it.cluster().restore("DC1:r3", Duration.ofMinutes(2));
        long restored = System.nanoTime();
        Polling.until("ALL succeeds again", Duration.ofSeconds(60), () -> succeeds(write(DefaultConsistencyLevel.ALL)));
        System.out.printf("figures: driver marked the frozen node down %.1f s after the cut; ALL refused as"
                        + " Unavailable after %.1f s (%d write time-outs before); first ALL success %.1f s after"
                        + " restore returned%n", markedDown, convicted, seen.size() - 1,
                (System.nanoTime() - restored) / 1e9);
        for (int i = 0; i < 3; i++) {
            it.session().execute(write(DefaultConsistencyLevel.ALL));
        }
    }

    /** The runbook's check asks each node itself; a frozen one is reported as not answering. */
    @Test
    void theRunbooksCheckAsksEveryNode() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream o = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        String[] args = {"--topology", "demo-scripts/topology/ci.topology"};
        assertEquals(0, booth.cluster.ClusterCheck.PROGRAM.run(args, o, o), out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("rpidc2r1n2   127.0.2.2    DC2:r1   DC2:r1   ok"));

        it.cluster().estop("DC2:r1", LocalCluster.EStop.FREEZE);
        out.reset();
        assertEquals(1, booth.cluster.ClusterCheck.PROGRAM.run(args, o, o));
        String table = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(table.contains("rpidc2r1n1   127.0.2.1    DC2:r1   -        NO ANSWER"), table);
        assertTrue(table.contains("2 of 5 nodes need attention"), table);
        it.cluster().restore("DC2:r1", Duration.ofMinutes(2));
    }

    private BoundStatement write(ConsistencyLevel level) {
        return insert.bind().setConsistencyLevel(level).setIdempotent(true);
    }

    private boolean succeeds(BoundStatement statement) {
        try {
            it.session().execute(statement);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The error the cluster gave, unwrapped from AllNodesFailedException when the driver tried several nodes. */
    private Throwable failure(BoundStatement statement) {
        try {
            it.session().execute(statement);
        } catch (AllNodesFailedException e) {
            return e.getAllErrors().values().stream().flatMap(List::stream).findFirst().orElse(e);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the write at " + statement.getConsistencyLevel() + " to fail");
    }
}
