package booth.chaos;

import booth.chaos.ClusterHistory.Life;
import booth.chaos.TruthChecker.ClientFacts;
import booth.chaos.TruthChecker.Lie;
import booth.protocol.OutcomeJson.PredictionFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Predict, then verify: each outcome line carries what its write level survived in the box's
 * view as of the write ({@code prediction}); after each cut of the schedule, the last prediction
 * a box made before it, from a settled view, is held against the writes at that level once the
 * cut has settled. A prediction that did not hold is a lie.
 *
 * <p>What a prediction claims of a cut, judged by the racks it newly takes ({@code DC1:r2}):
 * <ul>
 *   <li>{@code survives N}: any N racks or fewer cut, the writes succeed. A node's cut is part
 *       of its rack's, and a write that survives a rack's cut survives a part of it.</li>
 *   <li>{@code survives 0} with its {@code fatal} racks: one rack cut whole fails the writes if
 *       it is among them; one rack not among them, whole or in part, leaves them writable.</li>
 *   <li>{@code needs_all}: a cut that takes a replica of the box's row fails the writes.</li>
 *   <li>{@code fails_now}: the writes fail, whatever is cut besides.</li>
 * </ul>
 * Anything else (three racks against "survives 2") is not a claim, and not judged. Only settled
 * writes are compared: every node alive or dead, as the truth checker counts them, over the
 * write's span; and the prediction's own write settled for {@link #VIEW_SETTLE} before it, so
 * that the driver's view it came from was the cluster's.
 */
final class PredictionJudge {
    /**
     * How long the cluster must have been settled before a prediction is judged: the driver
     * learns of a node back within its reconnection's 2 s, and of one gone within its heartbeat's
     * 3 s, after gossip.
     */
    static final Duration VIEW_SETTLE = Duration.ofSeconds(10);

    /**
     * How many predictions were judged, how many held, a lie for each that did not, each
     * judgement in a line ({@code rpiclient1 LOCAL_QUORUM 'survives 1 rack', freeze DC1:r3:
     * written, held}), and the judged and held by level and kind of cut
     * ({@code LOCAL_QUORUM / one rack}: the coverage the soak gave).
     */
    record Result(List<Lie> lies, List<String> judgements, Map<String, int[]> byLevelAndCut) {
        int judged() {
            return judgements.size();
        }

        /** Every judgement that is not a lie. */
        int held() {
            return judged() - lies.size();
        }
    }

    /** What a prediction says the writes do under a cut. */
    enum Claim { WRITES, FAILS }

    private PredictionJudge() {
    }

    /**
     * @param nodes every node of the topology by name, with its DC and rack
     * @param cuts  the schedule's cuts, each with when it was made and restored
     */
    static Result judge(ClusterHistory history, Map<String, Observed.Coordinator> nodes, List<ChaosRun.Restored> cuts,
                        Map<ClientFacts, List<Observed>> streams) {
        List<Lie> lies = new ArrayList<>();
        List<String> judgements = new ArrayList<>();
        Map<String, int[]> byLevelAndCut = new TreeMap<>();
        for (ChaosRun.Restored cut : cuts) {
            String kind = kindOf(cut.cut(), nodes);
            Instant priorFrom = changes(cuts).filter(t -> t.isBefore(cut.cutAt())).max(Comparator.naturalOrder()).orElse(Instant.MIN);
            Instant until = changes(cuts).filter(t -> t.isAfter(cut.cutAt())).min(Comparator.naturalOrder()).orElse(Instant.MAX);
            Set<String> down = new HashSet<>(cut.cut().nodes());
            cuts.stream().filter(c -> c.cutAt().isBefore(cut.cutAt()) && c.restoredAt().isAfter(cut.cutAt()))
                    .forEach(c -> down.addAll(c.cut().nodes()));
            Set<String> racks = new TreeSet<>();
            cut.cut().nodes().forEach(n -> racks.add(rackId(nodes.get(n))));
            Set<String> whole = new TreeSet<>();
            for (String rack : racks) {
                if (nodes.entrySet().stream().filter(e -> rackId(e.getValue()).equals(rack)).allMatch(e -> down.contains(e.getKey()))) {
                    whole.add(rack);
                }
            }
            for (Map.Entry<ClientFacts, List<Observed>> e : streams.entrySet()) {
                ClientFacts client = e.getKey();
                boolean takesReplica = cut.cut().nodes().stream().anyMatch(client.replicaNodes()::contains);
                List<Observed> after = e.getValue().stream().filter(o -> !o.at().isBefore(cut.cutAt()) && o.end().isBefore(until)
                        && settled(history, o.at().minus(TruthChecker.SETTLE), o.end().plus(TruthChecker.READ_SPAN))).toList();
                for (String level : after.stream().map(Observed::writeLevel).distinct().toList()) {
                    // the last one made from a settled view: looked for from the cut backwards
                    Optional<Observed> said = e.getValue().stream()
                            .filter(o -> o.writeLevel().equals(level) && o.prediction().isPresent() && o.end().isBefore(cut.cutAt())
                                    && o.at().isAfter(priorFrom))
                            .sorted(Comparator.comparing(Observed::at).reversed())
                            .filter(o -> settled(history, o.at().minus(VIEW_SETTLE), o.end())).findFirst();
                    Optional<Claim> claim = said.flatMap(o -> claim(o.prediction().get(), racks, whole, takesReplica));
                    if (claim.isEmpty()) {
                        continue;
                    }
                    boolean writes = claim.get() == Claim.WRITES;
                    String words = said.get().prediction().get().words();
                    Optional<Observed> contrary = after.stream()
                            .filter(o -> o.writeLevel().equals(level) && o.kind().equals("written") != writes).findFirst();
                    judgements.add(client.name() + " " + level + " '" + words + "', " + cut.cut().describe() + ": "
                            + contrary.map(o -> o.kind() + ", did NOT hold").orElse((writes ? "written" : "failed") + ", held"));
                    int[] tally = byLevelAndCut.computeIfAbsent(level + " / " + kind, k -> new int[2]);
                    tally[0]++;
                    tally[1] += contrary.isEmpty() ? 1 : 0;
                    contrary.ifPresent(o -> lies.add(new Lie(client.name(), "prediction", "'" + words + "' at " + level + " before "
                            + cut.cut().describe() + " (" + String.join(" ", racks) + "), then " + o.kind(), o.line(),
                            "cut at " + cut.cutAt())));
                }
            }
        }
        return new Result(List.copyOf(lies), List.copyOf(judgements), byLevelAndCut);
    }

    /** What {@code p} claims of a cut of {@code racks} ({@code whole}: those cut whole), if anything. */
    static Optional<Claim> claim(PredictionFields p, Set<String> racks, Set<String> whole, boolean takesReplica) {
        switch (p.kind()) {
            case PredictionFields.FAILS_NOW:
                return Optional.of(Claim.FAILS);
            case PredictionFields.NEEDS_ALL:
                return takesReplica ? Optional.of(Claim.FAILS) : Optional.empty();
            case PredictionFields.SURVIVES: {
                int survives = p.racks().orElse(0);
                if (racks.size() <= survives) {
                    return Optional.of(Claim.WRITES);
                }
                if (survives == 0 && racks.size() == 1) {
                    String rack = racks.iterator().next();
                    if (!p.fatal().contains(rack)) {
                        return Optional.of(Claim.WRITES);
                    }
                    return whole.contains(rack) ? Optional.of(Claim.FAILS) : Optional.empty();
                }
                return Optional.empty();
            }
            default:
                return Optional.empty();
        }
    }

    /** The kind of cut, as the schedule draws them: one rack, a DC, one node, two racks. */
    static String kindOf(Schedule.Cut cut, Map<String, Observed.Coordinator> nodes) {
        if (cut.targets().size() > 1) {
            return "two racks";
        }
        String target = cut.targets().get(0);
        return target.contains(":") ? "one rack" : nodes.containsKey(target) ? "one node" : "a DC";
    }

    /** Whether every node was alive or dead throughout [from, to], as the truth checker counts it. */
    private static boolean settled(ClusterHistory history, Instant from, Instant to) {
        return history.nodes().stream().noneMatch(n -> history.life(n, from, to) == Life.EITHER);
    }

    private static Stream<Instant> changes(List<ChaosRun.Restored> cuts) {
        return cuts.stream().flatMap(c -> Stream.of(c.cutAt(), c.restoredAt()));
    }

    /** {@code DC1:r2}, as a prediction names a rack. */
    private static String rackId(Observed.Coordinator node) {
        return node.dc() + ":" + node.rack();
    }
}
