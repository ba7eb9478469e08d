package booth.protocol;

import booth.model.ClusterNode;
import booth.model.ClusterView;
import java.time.Instant;
import java.util.List;

/**
 * A client's driver's view of the cluster ({@link ClusterJson}).
 *
 * @param at   when the view was taken
 * @param view every node the driver knows, the keyspace's replication, the client's DC
 */
public record ClusterEvent(String client, Instant at, ClusterView view) implements BoothEvent {
    static final String TYPE = "cluster";

    /** The client's local DC. */
    public String localDc() {
        return view.localDc();
    }

    /** Every node the driver knows. */
    public List<ClusterNode> nodes() {
        return view.nodes();
    }
}
