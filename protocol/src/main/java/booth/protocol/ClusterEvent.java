package booth.protocol;

import booth.model.ClusterNode;
import java.time.Instant;
import java.util.List;

/**
 * A client's driver's view of the cluster ({@link ClusterJson}).
 *
 * @param at      when the view was taken
 * @param localDc the client's local DC
 * @param nodes   every node the driver knows
 */
public record ClusterEvent(String client, Instant at, String localDc, List<ClusterNode> nodes) implements BoothEvent {
    static final String TYPE = "cluster";

    public ClusterEvent {
        nodes = List.copyOf(nodes);
    }
}
