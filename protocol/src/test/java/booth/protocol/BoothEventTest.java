package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.model.ClockSync;
import booth.model.Health;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The health and cluster events read back as written; the dispatcher tells each type by its name. */
class BoothEventTest {
    private static final Instant AT = Instant.parse("2026-11-21T07:24:44Z");
    private static final Health PI = new Health(Optional.of(new BigDecimal("48.7")), Optional.of(List.of(
            new BigDecimal("0.21"), new BigDecimal("0.3"), new BigDecimal("0.28"))), OptionalLong.of(3882000),
            OptionalLong.of(3120000), OptionalLong.of(5321), 26214400, 100663296, 41, 300, ClockSync.SYNCHRONISED);
    private static final Health LAPTOP = new Health(Optional.empty(), Optional.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), 1, 2, 3, 4, ClockSync.UNKNOWN);
    private static final List<ClusterNode> NODES = List.of(new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true),
            new ClusterNode("DC2", "r1", "127.0.2.1", null, "forced_down", 0, true));

    private static String health(Health h) {
        return Wire.line(HealthJson.of("rpiclient1", AT, h, 310, 300, 10));
    }

    private static String cluster(List<ClusterNode> nodes) {
        return Wire.line(ClusterJson.of("rpiclient1", AT, new ClusterView("DC1", nodes, Map.of("DC1", 3, "DC2", 3), false)));
    }

    @Test
    void aHealthEventComesBackAsWritten() {
        for (Health h : List.of(PI, LAPTOP)) {
            HealthEvent expected = new HealthEvent("rpiclient1", AT, h, 310, 300, 10);
            assertEquals(expected, HealthJson.decode(health(h)));
            assertEquals(expected, BoothEvent.decode(health(h)));
        }
    }

    @Test
    void aClusterViewComesBackAsWritten() {
        for (List<ClusterNode> nodes : List.of(NODES, List.<ClusterNode>of())) {
            ClusterEvent expected = new ClusterEvent("rpiclient1", AT, new ClusterView("DC1", nodes, Map.of("DC1", 3, "DC2", 3), false));
            assertEquals(expected, ClusterJson.decode(cluster(nodes)));
            assertEquals(expected, BoothEvent.decode(cluster(nodes)));
        }
    }

    @Test
    void aClusterViewOfAClientOlderThanItsReplicasReadsAsNoneKnown() {
        String old = cluster(NODES).strip().replace(",\"replica\":true", "").replaceAll(",\"replication\":\\[.*\\]", "")
                .replace(",\"dc_failover\":false", "");
        assertTrue(!old.contains("replica") && !old.contains("failover"), old);
        ClusterEvent e = ClusterJson.decode(old);
        assertEquals(Map.of(), e.view().replication());
        assertTrue(e.nodes().stream().noneMatch(ClusterNode::replica));
        assertEquals(java.util.Optional.empty(), e.view().replicas(), "nothing to predict from");
    }

    @Test
    void aMalformedEventIsRefusedSayingWhatIsWrong() {
        String health = health(PI).strip();
        String cluster = cluster(NODES).strip();
        record Case(String line, String message) {
        }
        for (Case c : List.of(
                new Case("{\"v\":1,\"client\":\"x\"}", "type is missing"),
                new Case("{\"v\":1,\"type\":\"weather\",\"client\":\"x\"}", "type is not outcome, health or cluster"),
                new Case("{\"v\":2,\"type\":\"health\"}", "v is not 1: this reader knows schema version 1"),
                new Case(health.replace("\"client\":\"rpiclient1\",", ""), "client is missing"),
                new Case(health.replace("[0.21,0.3,0.28]", "[0.21,0.3]"), "load is not three numbers"),
                new Case(health.replace("[0.21,0.3,0.28]", "[0.21,\"high\",0.28]"), "load[1] is not a number"),
                new Case(health.replace("48.7", "\"warm\""), "cpu_temp_c is not a number"),
                new Case(health.replace("\"threads\":41", "\"threads\":4.1"), "daemon.threads is not an integer"),
                new Case(health.replace(",\"dropped\":10", ""), "events.dropped is missing"),
                new Case(cluster.replace("\"open_connections\":0", "\"open_connections\":\"none\""),
                        "nodes[1].open_connections is not an integer"),
                new Case(cluster.replace("\"state\":\"up\",", ""), "nodes[0].state is missing"),
                new Case(cluster.replace("\"nodes\":[", "\"nodes\":[1,"), "nodes[0] is not an object"),
                new Case(cluster.replace("\"local_dc\":\"DC1\",", ""), "local_dc is missing"),
                new Case(cluster.replace("\"replica\":true", "\"replica\":1"), "nodes[0].replica is not true or false"),
                new Case(cluster.replace("\"factor\":3}", "\"factor\":-3}"), "replication of DC1 is negative: -3"),
                new Case(cluster.replace("\"dc\":\"DC2\",\"factor\"", "\"dc\":\"DC1\",\"factor\""), "replication names DC1 twice"),
                new Case(cluster.replace("\"dc_failover\":false", "\"dc_failover\":\"no\""), "dc_failover is not true or false"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoothEvent.decode(c.line()), c.line());
            assertEquals(c.message(), e.getMessage(), c.line());
        }
        assertEquals("type is not health",
                assertThrows(IllegalArgumentException.class, () -> HealthJson.decode(cluster)).getMessage());
        assertEquals("type is not cluster",
                assertThrows(IllegalArgumentException.class, () -> ClusterJson.decode(health)).getMessage());
    }
}
