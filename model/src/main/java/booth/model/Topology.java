package booth.model;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The booth's cluster as one topology file describes it: data centres, racks, nodes and
 * client boxes. The laptop cluster, the tests and (later) the per-node configuration of the
 * real booth all read the same file, so a rack called {@code DC1:r2} means the same nodes
 * everywhere. Parse with {@link TopologyFile}.
 *
 * @param clusterName Cassandra's cluster_name
 * @param replication replication factor per DC for the demo keyspace, in file order
 * @param nodes       every Cassandra node, in file order
 * @param clients     the client Pis (one per DC at the booth)
 * @param kafka       the Kafka demo's brokers and controller, when the file has them
 */
public record Topology(String clusterName, Map<String, Integer> replication, List<Node> nodes,
                       List<Client> clients, java.util.Optional<Kafka> kafka) {

    /**
     * The Kafka demo's cluster: brokers on nodes' Pis (an e-stop of the node's rack cuts the
     * broker too) and a KRaft controller on a machine no e-stop cuts.
     *
     * @param brokers    broker id to the node whose Pi runs it, in file order
     * @param controller the controller's node id and address
     */
    public record Kafka(Map<Integer, Node> brokers, int controllerId, InetAddress controller) {
        public Kafka {
            brokers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(brokers));
        }
    }

    /**
     * One Cassandra node.
     *
     * @param name    host name in the booth's style, for example {@code rpidc1r2n1}
     * @param dc      data centre, for example {@code DC1}
     * @param rack    rack within the DC, for example {@code r2}
     * @param address the address it listens on (gossip and CQL)
     * @param seed    whether it is a gossip seed
     */
    public record Node(String name, String dc, String rack, InetAddress address, boolean seed) {
        /** {@code DC1:r2}, the way e-stop targets and status lines name a rack. */
        public String rackId() {
            return dc + ":" + rack;
        }
    }

    /**
     * A client Pi with its keypad plate, writing through coordinators of its local DC.
     *
     * @param address its address on the booth network, or null when the file gives none
     */
    public record Client(String name, String localDc, InetAddress address) {
    }

    public Topology {
        replication = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replication));
        nodes = List.copyOf(nodes);
        clients = List.copyOf(clients);
    }

    /** Data centres in the order their first node appears. */
    public List<String> dcs() {
        Set<String> dcs = new LinkedHashSet<>();
        nodes.forEach(n -> dcs.add(n.dc()));
        return List.copyOf(dcs);
    }

    /** Racks as {@code DC:rack}, in the order their first node appears. */
    public List<String> racks() {
        Set<String> racks = new LinkedHashSet<>();
        nodes.forEach(n -> racks.add(n.rackId()));
        return List.copyOf(racks);
    }

    public List<Node> nodesIn(String dc) {
        return nodes.stream().filter(n -> n.dc().equals(dc)).toList();
    }

    public List<Node> seeds() {
        return nodes.stream().filter(Node::seed).toList();
    }

    /** Replicas of every row of the demo keyspace: the sum of the per-DC factors (ALL needs them all). */
    public int totalReplicas() {
        return replication.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The nodes an e-stop or restore target names: a DC ({@code DC1}), a rack ({@code DC1:r2}),
     * a node name ({@code rpidc1r2n1}) or {@code all}. Names are matched case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid targets when nothing matches
     */
    public List<Node> select(String target) {
        String t = target.trim();
        List<Node> chosen = new ArrayList<>();
        for (Node n : nodes) {
            if (t.equalsIgnoreCase("all") || t.equalsIgnoreCase(n.dc()) || t.equalsIgnoreCase(n.rackId())
                    || t.equalsIgnoreCase(n.name())) {
                chosen.add(n);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no DC, rack or node called '" + target + "'; valid targets: all, "
                    + String.join(", ", dcs()) + ", " + String.join(", ", racks()) + ", "
                    + nodes.stream().map(Node::name).collect(Collectors.joining(", ")));
        }
        return List.copyOf(chosen);
    }

    public Node node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node called '" + name + "'"));
    }
}
