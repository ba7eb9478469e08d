package booth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a prediction is made from: a client's view with its replicas known, and not too many racks to weigh. */
class ClusterViewTest {
    /** {@code racks} racks of DC1, one node each, every one a replica, the first {@code down} of them down. */
    private static ClusterView view(int racks, int down, boolean replicasKnown) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int r = 1; r <= racks; r++) {
            nodes.add(new ClusterNode("DC1", "r" + r, "127.0.1." + r, null, r <= down ? "down" : "up", 1, replicasKnown));
        }
        return new ClusterView("DC1", nodes, Map.of("DC1", 3), false);
    }

    @Test
    void theReplicaViewIsTheNodesAsTheDriverHoldsThem() {
        ReplicaView v = view(3, 1, true).replicas().orElseThrow();
        assertEquals(List.of(false, true, true), v.members().stream().map(ReplicaView.Member::up).toList());
        assertEquals(List.of("DC1:r2", "DC1:r3"), v.racksUp());
    }

    @Test
    void noPredictionWithoutReplicasOrBeyondTheRacksItWeighs() {
        assertTrue(view(3, 0, false).replicas().isEmpty(), "no token map yet: no replica known");
        assertTrue(new ClusterView("DC1", view(3, 0, true).nodes(), Map.of(), false).replicas().isEmpty(), "no replication");
        assertTrue(view(ClusterView.MOST_RACKS, 0, true).replicas().isPresent());
        // a view from outside (a cluster event on Kafka) naming 64 racks would take 2^64 cuts to weigh
        assertTrue(view(ClusterView.MOST_RACKS + 1, 0, true).replicas().isEmpty());
    }
}
