package booth.protocol;

import booth.model.ClusterNode;
import booth.model.ClusterView;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's driver's view of the cluster (schema version 1, fields only ever added):
 * {@code v, type:"cluster", client, time, local_dc, nodes[{dc, rack, address, name, state,
 * open_connections, replica}], replication[{dc, factor}], dc_failover}; {@code name} is null when
 * the topology file does not name the node, {@code state} the driver's ({@code up}, {@code down},
 * {@code unknown}, {@code forced_down}), {@code replica} whether the node holds the client's
 * partition. A line of a client older than {@code replica}, {@code replication} and
 * {@code dc_failover} reads as no replica known, no replication and no failover: no prediction.
 * democtl topology answers with the same node objects. Written by {@link #of}, read by
 * {@link #decode}.
 */
public final class ClusterJson {
    private ClusterJson() {
    }

    public static ObjectNode of(String client, Instant at, ClusterView view) {
        ObjectNode n = Wire.versioned().put("type", ClusterEvent.TYPE).put("client", client).put("time", at.toString())
                .put("local_dc", view.localDc());
        putNodes(n, view.nodes());
        ArrayNode replication = n.putArray("replication");
        new TreeMap<>(view.replication()).forEach((dc, factor) -> replication.addObject().put("dc", dc).put("factor", factor));
        n.put("dc_failover", view.dcFailover());
        return n;
    }

    /** Adds {@code "nodes":[...]} to {@code into}. */
    public static void putNodes(ObjectNode into, List<ClusterNode> nodes) {
        ArrayNode array = into.putArray("nodes");
        for (ClusterNode c : nodes) {
            array.addObject().put("dc", c.dc()).put("rack", c.rack()).put("address", c.address()).put("name", c.name())
                    .put("state", c.state()).put("open_connections", c.openConnections()).put("replica", c.replica());
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
        Map<String, Integer> replication = new TreeMap<>();
        for (Map.Entry<String, Integer> r : f.optionalList("replication", e -> {
            Fields dc = e.object();
            int factor = dc.smallInteger("factor");
            if (factor < 0) {
                throw new IllegalArgumentException("replication of " + dc.text("dc") + " is negative: " + factor);
            }
            return Map.entry(dc.text("dc"), factor);
        }).orElse(List.of())) {
            if (replication.put(r.getKey(), r.getValue()) != null) {
                throw new IllegalArgumentException("replication names " + r.getKey() + " twice");
            }
        }
        return new ClusterEvent(f.text("client"), f.time("time"), new ClusterView(f.text("local_dc"), nodes, replication,
                f.optionalFlag("dc_failover").orElse(false)));
    }

    /** The {@code "nodes":[...]} of {@code f}, as {@link #putNodes} writes them (a cluster view's, democtl topology's). */
    public static List<ClusterNode> nodes(Fields f) {
        return f.list("nodes", e -> {
            Fields n = e.object();
            return new ClusterNode(n.text("dc"), n.text("rack"), n.text("address"), n.optionalText("name").orElse(null),
                    n.text("state"), n.smallInteger("open_connections"), n.optionalFlag("replica").orElse(false));
        });
    }
}
