package booth.cluster;

import booth.model.Topology;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits until nodes serve: each one's CQL port open, then gossip seeing every one of them up
 * and normal. Fails at once when a node's process is gone, with the end of its logs.
 */
final class NodeReadiness {
    private final Topology topology;
    private final LocalNodes localNodes;
    private final Nodetool nodetool;
    private final Consumer<String> report;

    NodeReadiness(Topology topology, LocalNodes localNodes, Nodetool nodetool, Consumer<String> report) {
        this.topology = topology;
        this.localNodes = localNodes;
        this.nodetool = nodetool;
        this.report = report;
    }

    /**
     * Waits until every one of {@code nodes} serves CQL, gossip sees it up and it knows every
     * other node of the topology, or fails at {@code deadline} (System.nanoTime).
     */
    void await(List<Topology.Node> nodes, long deadline) throws ClusterException {
        awaitUp(nodes, deadline);
        awaitGossipUp(nodes, deadline);
        awaitPeersKnown(nodes, deadline);
    }

    /**
     * Waits until each of {@code nodes} describes every other node in its peers table: a node is
     * up in gossip before its peers' rows are complete, and a client that connects then (the
     * chaos soak's first daemon did, right after the cluster started) is told of a node with no
     * DC and a token map short of replicas, and logs warnings no power cut explains.
     */
    private void awaitPeersKnown(List<Topology.Node> nodes, long deadline) throws ClusterException {
        int others = topology.nodes().size() - 1;
        List<InetSocketAddress> addresses = nodes.stream()
                .map(n -> new InetSocketAddress(n.address(), CassandraNodeConfig.NATIVE_PORT)).toList();
        while (true) {
            Map<InetSocketAddress, Optional<Integer>> known = NodeSurvey.completePeers(addresses, nodes.get(0).dc());
            if (known.values().stream().allMatch(k -> k.orElse(-1) == others)) {
                report.accept("every node started knows the other " + others);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("not every node knows the other " + others + " before the deadline: " + known);
            }
            Processes.pause();
        }
    }

    private void awaitUp(List<Topology.Node> nodes, long deadline) throws ClusterException {
        List<Topology.Node> waiting = new ArrayList<>(nodes);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Topology.Node n = it.next();
                Optional<Long> pid = localNodes.findProcess(n);
                if (pid.isEmpty() && Processes.gone(localNodes.marker(n))) {
                    throw new ClusterException(n.name() + " exited while starting; last lines of "
                            + localNodes.systemLog(n) + ":\n" + Processes.tail(localNodes.systemLog(n), 20)
                            + "\nand of its stdout.log:\n" + Processes.tail(localNodes.systemLog(n).resolveSibling("stdout.log"), 10));
                }
                if (pid.isPresent() && !Processes.isStopped(pid.get()) && LocalNodes.acceptsConnections(n)) {
                    report.accept(n.name() + ": up, serving CQL on " + n.address().getHostAddress() + ":"
                            + CassandraNodeConfig.NATIVE_PORT);
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("not up before the deadline: "
                            + waiting.stream().map(Topology.Node::name).toList()
                            + "; see their logs under " + localNodes.home());
                }
                Processes.pause();
            }
        }
    }

    /**
     * Waits until gossip sees every one of {@code nodes} up and normal (UN): only then can ALL
     * succeed. Asks a node outside {@code nodes} when there is one (seeds first), because a
     * node's view of itself proves nothing.
     */
    private void awaitGossipUp(List<Topology.Node> nodes, long deadline) throws ClusterException {
        List<Topology.Node> candidates = new ArrayList<>(topology.seeds());
        candidates.addAll(topology.nodes());
        // a frozen or killed node cannot answer nodetool: ask one that runs
        Topology.Node via = candidates.stream().filter(n -> !nodes.contains(n) && localNodes.running(n)).findFirst()
                .orElse(candidates.get(0));
        while (true) {
            Map<String, String> view = nodetool.gossipView(via);
            if (nodes.stream().allMatch(n -> "UN".equals(view.get(n.address().getHostAddress())))) {
                report.accept("gossip of " + via.name() + " sees " + (nodes.size() == topology.nodes().size()
                        ? "all " + nodes.size() + " nodes" : nodes.stream().map(Topology.Node::name).toList())
                        + " up (UN)");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("gossip of " + via.name() + " does not see every node up before the deadline: "
                        + view + "; see " + localNodes.systemLog(via));
            }
            Processes.pause();
        }
    }
}
