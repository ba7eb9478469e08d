package booth.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A client's view of the cluster for its own partition (every write of a client goes to one
 * partition, {@link DemoSchema}): each node's DC, rack, whether the driver holds it up and
 * whether it is one of the partition's replicas; the keyspace's replication; the client's own
 * DC and whether its driver may send a write to another DC's coordinator.
 *
 * <p>From these it decides whether a write at a level would be accepted with some racks cut
 * ({@link #writes}), and predicts what the level survives ({@link #predict}). Cassandra's rules,
 * from {@code ConsistencyLevel.blockFor} and {@code ReplicaPlans.assureSufficientLiveReplicas}
 * (cassandra-all 5.0): ANY needs only a coordinator (it keeps a hint); LOCAL_ONE and
 * LOCAL_QUORUM count the live replicas of the coordinator's DC; EACH_QUORUM needs each DC's
 * quorum; the other levels count the live replicas of every DC. A coordinator is a node the
 * driver holds up in the client's DC, or with DC failover and a level that is not local, in any
 * DC (the driver never fails a local level over). The booth's chaos checker keeps its own,
 * independent copy of these rules to judge the booth by.
 *
 * @param members     every node the driver knows
 * @param replication the keyspace's replication factor per DC
 * @param localDc     the client's DC
 * @param dcFailover  whether the driver may use another DC's coordinator for a level that is not local
 */
public record ReplicaView(List<Member> members, Map<String, Integer> replication, String localDc, boolean dcFailover) {
    /**
     * A node as the client sees it.
     *
     * @param address its address, which names it
     * @param up      whether the driver holds it up
     * @param replica whether it holds a replica of the client's partition
     */
    public record Member(String address, String dc, String rack, boolean up, boolean replica) {
        public Member {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(dc, "dc");
            Objects.requireNonNull(rack, "rack");
        }

        /** {@code DC1:r2}, as the topology names a rack ({@link Topology.Node#rackId()}). */
        public String rackId() {
            return dc + ":" + rack;
        }
    }

    /** The levels a prediction is made for: those a write may use. */
    public static final List<Level> LEVELS = Level.WRITE_LEVELS;

    public ReplicaView {
        members = List.copyOf(members);
        replication = Map.copyOf(replication);
        Objects.requireNonNull(localDc, "localDc");
    }

    /**
     * Whether a write at {@code level} would be accepted with the racks {@code cut} (rack ids)
     * also down, and if not, why.
     */
    public Verdict writes(Level level, Set<String> cut) {
        return writesWithout(level, m -> cut.contains(m.rackId()));
    }

    /**
     * Whether a write at {@code level} would be accepted with the nodes at {@code addresses}
     * also down (a cut of part of a rack), and if not, why.
     */
    public Verdict writesWithoutNodes(Level level, Set<String> addresses) {
        return writesWithout(level, m -> addresses.contains(m.address()));
    }

    private Verdict writesWithout(Level level, java.util.function.Predicate<Member> cut) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException(level + " is not a level a write may use");
        }
        List<Member> live = members.stream().filter(m -> m.up() && !cut.test(m)).toList();
        boolean coordinator = live.stream().anyMatch(m -> m.dc().equals(localDc) || (dcFailover && !level.local()));
        if (!coordinator) {
            return Verdict.NO_COORDINATOR;
        }
        long liveLocal = live.stream().filter(m -> m.replica() && m.dc().equals(localDc)).count();
        long liveAll = live.stream().filter(Member::replica).count();
        return switch (level) {
            case ANY -> Verdict.ACCEPTED;
            case LOCAL_ONE -> Verdict.of(liveLocal, 1);
            case LOCAL_QUORUM -> Verdict.of(liveLocal, quorum(replication.getOrDefault(localDc, 0)));
            case EACH_QUORUM -> eachQuorum(live);
            case ONE -> Verdict.of(liveAll, 1);
            case TWO -> Verdict.of(liveAll, 2);
            case THREE -> Verdict.of(liveAll, 3);
            case QUORUM -> Verdict.of(liveAll, quorum(totalReplicas()));
            case ALL -> Verdict.of(liveAll, totalReplicas());
            default -> throw new IllegalArgumentException(level + " is not a level a write may use");
        };
    }

    /**
     * What {@code level} survives now: a failure now; every replica needed; or the most racks
     * whose cut, whichever they are, it survives, and the racks each of whose cut alone fails it.
     */
    public Prediction predict(Level level) {
        Verdict now = writes(level, Set.of());
        if (!now.accepted()) {
            return new Prediction.FailsNow(level, now);
        }
        if (level != Level.ANY && now.required() == totalReplicas()) {
            return new Prediction.NeedsAll(level, totalReplicas());
        }
        List<String> racks = racksUp();
        List<String> fatal = racks.stream().filter(r -> !writes(level, Set.of(r)).accepted()).toList();
        for (int k = 1; k <= racks.size(); k++) {
            if (someCutFails(level, racks, k)) {
                return new Prediction.Survives(level, k - 1, fatal);
            }
        }
        return new Prediction.Survives(level, racks.size(), fatal);
    }

    /** Every rack with a node the driver holds up, in the members' order. */
    public List<String> racksUp() {
        Set<String> racks = new LinkedHashSet<>();
        members.stream().filter(Member::up).forEach(m -> racks.add(m.rackId()));
        return List.copyOf(racks);
    }

    /** The replicas of every DC: what ALL waits for. */
    public int totalReplicas() {
        return replication.values().stream().mapToInt(Integer::intValue).sum();
    }

    static int quorum(int replicationFactor) {
        return replicationFactor / 2 + 1;
    }

    private Verdict eachQuorum(List<Member> live) {
        for (String dc : replication.keySet().stream().sorted().toList()) {
            long alive = live.stream().filter(m -> m.replica() && m.dc().equals(dc)).count();
            int required = quorum(replication.get(dc));
            if (alive < required) {
                return new Verdict(false, required, (int) alive, dc);
            }
        }
        return Verdict.ACCEPTED;
    }

    /** Whether cutting some {@code k} of {@code racks} fails {@code level}. */
    private boolean someCutFails(Level level, List<String> racks, int k) {
        List<List<String>> cuts = new ArrayList<>();
        choose(racks, k, 0, new ArrayList<>(), cuts);
        return cuts.stream().anyMatch(cut -> !writes(level, Set.copyOf(cut)).accepted());
    }

    private static void choose(List<String> from, int k, int start, List<String> chosen, List<List<String>> out) {
        if (chosen.size() == k) {
            out.add(List.copyOf(chosen));
            return;
        }
        for (int i = start; i < from.size(); i++) {
            chosen.add(from.get(i));
            choose(from, k, i + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    /**
     * Whether a write would be accepted; if not, what it lacked: {@code alive} of {@code required}
     * replicas (of {@code dc} for EACH_QUORUM, else null), or no coordinator at all.
     */
    public record Verdict(boolean accepted, int required, int alive, String dc) {
        static final Verdict ACCEPTED = new Verdict(true, 0, 0, null);
        static final Verdict NO_COORDINATOR = new Verdict(false, 0, 0, null);

        static Verdict of(long alive, int required) {
            return new Verdict(alive >= required, required, (int) alive, null);
        }

        /** Whether no node could coordinate the write. */
        public boolean noCoordinator() {
            return !accepted && required == 0;
        }
    }
}
