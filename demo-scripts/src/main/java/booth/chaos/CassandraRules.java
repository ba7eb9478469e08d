package booth.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Cassandra 5.0 requires of each consistency level, written down independently of the
 * daemon's classes so that the truth checker can judge them. Sources, for anyone checking:
 * {@code ConsistencyLevel.blockFor} and {@code ReplicaPlans.assureSufficientLiveReplicas} in
 * cassandra-all 5.0.9 (read with {@code javap -c}):
 * <ul>
 *   <li>ANY is never refused (the coordinator keeps a hint when no replica is alive);</li>
 *   <li>LOCAL_ONE and LOCAL_QUORUM count live replicas in the coordinator's own DC and report
 *       that count as {@code alive};</li>
 *   <li>EACH_QUORUM checks each DC's quorum and, when one falls short, reports
 *       {@code required} = that DC's quorum and {@code alive} = 0 (the live count lands in
 *       another argument of {@code UnavailableException.create});</li>
 *   <li>every other level counts live replicas of every DC.</li>
 * </ul>
 * Levels are plain names here: the checker reads them from the stream as text.
 */
final class CassandraRules {
    /** One replica of the row: the node and its DC. */
    record Replica(String node, String dc) {
    }

    /**
     * What a coordinator decides for a level: {@code met}, or Unavailable with the numbers it
     * reports ({@code shortDcs}: for EACH_QUORUM, the DCs that fell short, any of which it may name).
     */
    record Decision(boolean met, int required, int alive, List<String> shortDcs) {
    }

    private final Map<String, Integer> replication;
    private final List<Replica> replicas;
    private final Map<String, Boolean> overlapCache = new HashMap<>();

    CassandraRules(Map<String, Integer> replication, List<Replica> replicas) {
        this.replication = Map.copyOf(replication);
        this.replicas = List.copyOf(replicas);
    }

    List<Replica> replicas() {
        return replicas;
    }

    static boolean isLocal(String level) {
        return level.startsWith("LOCAL_");
    }

    /** The coordinator's decision for {@code level} when {@code alive} replicas (by node) are alive. */
    Decision decide(String level, String coordinatorDc, java.util.Set<String> aliveNodes) {
        Map<String, Integer> livePerDc = new HashMap<>();
        int live = 0;
        for (Replica r : replicas) {
            if (aliveNodes.contains(r.node())) {
                livePerDc.merge(r.dc(), 1, Integer::sum);
                live++;
            }
        }
        int localLive = livePerDc.getOrDefault(coordinatorDc, 0);
        switch (level) {
            case "ANY":
                return new Decision(true, 1, live, List.of());
            case "LOCAL_ONE":
                return new Decision(localLive >= 1, 1, localLive, List.of());
            case "LOCAL_QUORUM": {
                int q = quorum(replication.getOrDefault(coordinatorDc, 0));
                return new Decision(localLive >= q, q, localLive, List.of());
            }
            case "EACH_QUORUM": {
                List<String> shortDcs = new ArrayList<>();
                for (var e : replication.entrySet()) {
                    if (livePerDc.getOrDefault(e.getKey(), 0) < quorum(e.getValue())) {
                        shortDcs.add(e.getKey());
                    }
                }
                return new Decision(shortDcs.isEmpty(), -1, 0, List.copyOf(shortDcs));
            }
            default: {
                int required = blockFor(level, coordinatorDc);
                return new Decision(live >= required, required, live, List.of());
            }
        }
    }

    /**
     * How many acknowledgements a coordinator in {@code coordinatorDc} waits for: the
     * {@code block_for} of a time-out. EACH_QUORUM waits for every DC's quorum.
     */
    int blockFor(String level, String coordinatorDc) {
        int total = replication.values().stream().mapToInt(Integer::intValue).sum();
        return switch (level) {
            case "ANY", "ONE", "LOCAL_ONE" -> 1;
            case "TWO" -> 2;
            case "THREE" -> 3;
            case "QUORUM" -> quorum(total);
            case "ALL" -> total;
            case "LOCAL_QUORUM" -> quorum(replication.getOrDefault(coordinatorDc, 0));
            case "EACH_QUORUM" -> replication.values().stream().mapToInt(CassandraRules::quorum).sum();
            default -> throw new IllegalArgumentException("a level the checker does not know: " + level);
        };
    }

    /** The quorum of a DC's replication factor. */
    static int quorum(int rf) {
        return rf / 2 + 1;
    }

    /** For EACH_QUORUM's report: the quorum of {@code dc}. */
    int quorumOf(String dc) {
        return quorum(replication.getOrDefault(dc, 0));
    }

    /**
     * Whether every set of replicas that can acknowledge a write at {@code writeLevel} (coordinated
     * in {@code writeDc}) shares a replica with every set a read at {@code readLevel} (coordinated
     * in {@code readDc}) may ask: then a read after a successful write cannot be stale. Decided by
     * trying every subset of the replicas (at most 2^6 here), so mixed levels need no table.
     */
    boolean overlaps(String writeLevel, String writeDc, String readLevel, String readDc) {
        return overlapCache.computeIfAbsent(writeLevel + "@" + writeDc + "/" + readLevel + "@" + readDc, k -> {
            int n = replicas.size();
            List<Integer> writeSets = new ArrayList<>();
            List<Integer> readSets = new ArrayList<>();
            for (int set = 0; set < (1 << n); set++) {
                if (enough(writeLevel, writeDc, set, true)) {
                    writeSets.add(set);
                }
                if (enough(readLevel, readDc, set, false)) {
                    readSets.add(set);
                }
            }
            return writeSets.stream().allMatch(w -> readSets.stream().allMatch(r -> (w & r) != 0));
        });
    }

    /** Whether the replicas in {@code set} (a bit per replica) are enough to answer {@code level}. */
    private boolean enough(String level, String coordinatorDc, int set, boolean write) {
        if (level.equals("ANY") && write) {
            return true; // a hint on the coordinator is enough: no replica need hold the write
        }
        java.util.Set<String> alive = new java.util.HashSet<>();
        for (int i = 0; i < replicas.size(); i++) {
            if ((set & (1 << i)) != 0) {
                alive.add(replicas.get(i).node());
            }
        }
        return decide(level, coordinatorDc, alive).met();
    }

    /** A replica's DC, when {@code node} is one. */
    Optional<String> dcOf(String node) {
        return replicas.stream().filter(r -> r.node().equals(node)).map(Replica::dc).findFirst();
    }
}
