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
 * democtl topology answers with the same node objects. Written by {@link #of}, read by
 * {@link #decode}.
 */
public final class ClusterJson {
    private ClusterJson() {
    }

    public static ObjectNode of(String client, String localDc, Instant at, List<ClusterNode> nodes) {
        ObjectNode n = Wire.versioned().put("type", ClusterEvent.TYPE).put("client", client).put("time", at.toString())
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

    /**
     * Reads a cluster view.
     *
     * @throws IllegalArgumentException naming what is missing or malformed, or another type
     */
    public static ClusterEvent decode(String line) {
        Fields f = Fields.of(line).versioned();
        if (!f.text("type").equals(ClusterEvent.TYPE)) {
            throw new IllegalArgumentException("type is not " + ClusterEvent.TYPE);
        }
        return read(f);
    }

    static ClusterEvent read(Fields f) {
        List<ClusterNode> nodes = nodes(f);
        return new ClusterEvent(f.text("client"), f.time("time"), f.text("local_dc"), nodes);
    }

    /** The {@code "nodes":[...]} of {@code f}, as {@link #putNodes} writes them (a cluster view's, democtl topology's). */
    public static List<ClusterNode> nodes(Fields f) {
        return f.list("nodes", e -> {
            Fields n = e.object();
            return new ClusterNode(n.text("dc"), n.text("rack"), n.text("address"), n.optionalText("name").orElse(null),
                    n.text("state"), n.smallInteger("open_connections"));
        });
    }
}
