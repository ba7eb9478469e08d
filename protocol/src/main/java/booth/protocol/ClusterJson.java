package booth.protocol;

import booth.model.ClusterNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A client's driver's view of the cluster (schema version 1, fields only ever added):
 * {@code v, type:"cluster", client, time, local_dc, nodes[{dc, rack, address, name, state,
 * open_connections}]}; {@code name} is null when the topology file does not name the node,
 * {@code state} the driver's ({@code up}, {@code down}, {@code unknown}, {@code forced_down}).
 * democtl topology answers with the same node objects.
 */
public final class ClusterJson {
    private ClusterJson() {
    }

    public static ObjectNode of(String client, String localDc, Instant at, List<ClusterNode> nodes) {
        ObjectNode n = Wire.versioned().put("type", "cluster").put("client", client).put("time", at.toString())
                .put("local_dc", localDc);
        putNodes(n, nodes);
        return n;
    }

    /** Adds {@code "nodes":[...]} to {@code into}. */
    public static void putNodes(ObjectNode into, List<ClusterNode> nodes) {
        ArrayNode array = into.putArray("nodes");
        for (ClusterNode c : nodes) {
            array.addObject().put("dc", c.dc()).put("rack", c.rack()).put("address", c.address()).put("name", c.name())
                    .put("state", c.state()).put("open_connections", c.openConnections());
        }
    }
}
