package booth.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's driver's view of the cluster: every node it knows (with which of them hold the
 * client's partition), the keyspace's replication, the client's DC and whether its driver may
 * send a write to another DC's coordinator. What a client publishes as its cluster event and
 * predicts its levels from.
 *
 * @param replication the keyspace's replication factor per DC; empty when not known
 */
public record ClusterView(String localDc, List<ClusterNode> nodes, Map<String, Integer> replication, boolean dcFailover) {
    public ClusterView {
        Objects.requireNonNull(localDc, "localDc");
        nodes = List.copyOf(nodes);
        replication = Map.copyOf(replication);
    }

    /**
     * The most racks a prediction is made for: it weighs every set of racks that could be cut
     * (2^racks of them), and a view comes from outside too (a cluster event on Kafka).
     */
    public static final int MOST_RACKS = 10;

    /**
     * The view a prediction is made from; empty until the replication and the partition's
     * replicas are known (a driver without its token map knows no replica), and beyond
     * {@link #MOST_RACKS} racks.
     */
    public Optional<ReplicaView> replicas() {
        List<ReplicaView.Member> members = nodes.stream()
                .map(n -> new ReplicaView.Member(n.address(), n.dc(), n.rack(), n.up(), n.replica())).toList();
        long racks = members.stream().map(ReplicaView.Member::rackId).distinct().count();
        if (replication.isEmpty() || members.stream().noneMatch(ReplicaView.Member::replica) || racks > MOST_RACKS) {
            return Optional.empty();
        }
        return Optional.of(new ReplicaView(members, replication, localDc, dcFailover));
    }
}
