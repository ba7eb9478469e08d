package booth.chaos;

import booth.chaos.ClusterHistory.Life;
import booth.chaos.TruthChecker.ClientFacts;
import booth.protocol.OutcomeJson.ErrorFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether Cassandra could have given an outcome's answer: the write's and its read-back's, in
 * some world of the nodes whose life over the outcome's span is uncertain ({@link Life#EITHER}),
 * by {@link CassandraRules}, the client's replicas and which nodes had power. Also the read-back
 * that overlapping levels guarantee whatever the world.
 */
final class AnswerJudge {
    /** More EITHER nodes than this are judged by the first 2^12 worlds only (never on a booth). */
    private static final int MAX_EITHER = 12;

    private final Map<String, String> dcOfNode;
    private final ClusterHistory history;
    private final CoordinatorJudge coordinators;

    /**
     * @param dcOfNode     every node's DC
     * @param history      power and gossip over the run
     * @param coordinators which nodes a request could use
     */
    AnswerJudge(Map<String, String> dcOfNode, ClusterHistory history, CoordinatorJudge coordinators) {
        this.dcOfNode = dcOfNode;
        this.history = history;
        this.coordinators = coordinators;
    }

    /** Empty when some world of the EITHER nodes explains the outcome; else why the settled world does not. */
    Optional<String> explain(ClientFacts client, CassandraRules rules, Observed o, Map<String, Life> lives) {
        List<String> either = lives.entrySet().stream().filter(e -> e.getValue() == Life.EITHER).map(Map.Entry::getKey).toList();
        // a time-out is explained only by a change of a node the request could use: a coordinator
        // the driver may pick, or a replica it waits for (the write's at its level, the read-back's at its own)
        Transition transition = new Transition(
                either.stream().anyMatch(coordinators.involved(client, o.writeLevel())::contains),
                either.stream().anyMatch(coordinators.involved(client, o.readLevel())::contains));
        int worlds = 1 << Math.min(either.size(), MAX_EITHER);
        // what does not depend on the world: who is certainly alive, who had power to answer
        Set<String> certain = lives.entrySet().stream().filter(e -> e.getValue() == Life.ALIVE).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> canWrite = powered(o.at(), o.end().plus(TruthChecker.READ_SPAN));
        Set<String> canRead = powered(o.end(), o.end().plus(TruthChecker.READ_SPAN));
        String firstWhy = null;
        for (int w = 0; w < worlds; w++) {
            Set<String> alive = new HashSet<>(certain);
            for (int i = 0; i < Math.min(either.size(), MAX_EITHER); i++) {
                if ((w & (1 << i)) != 0) {
                    alive.add(either.get(i));
                }
            }
            Optional<String> why = explainIn(client, rules, o, alive, certain, canWrite, canRead, transition);
            if (why.isEmpty()) {
                return Optional.empty();
            }
            if (firstWhy == null) {
                firstWhy = why.get();
            }
        }
        return Optional.of(firstWhy);
    }

    /** The nodes that had power at some moment of [from, to]. */
    private Set<String> powered(Instant from, Instant to) {
        return history.nodes().stream().filter(n -> history.poweredDuring(n, from, to))
                .collect(Collectors.toSet());
    }

    /**
     * Whether a node the write could use, and one the read-back could use, was changing (EITHER)
     * over the outcome's span.
     */
    private record Transition(boolean write, boolean read) {
    }

    /**
     * Empty when the cluster in which exactly {@code alive} are alive explains the outcome;
     * {@code certain} were settled alive, {@code canWrite} and {@code canRead} had power during the
     * write and the read-back.
     */
    private Optional<String> explainIn(ClientFacts client, CassandraRules rules, Observed o, Set<String> alive,
                                       Set<String> certain, Set<String> canWrite, Set<String> canRead, Transition transition) {
        String level = o.writeLevel();
        boolean local = CassandraRules.isLocal(level);
        // nodes that could coordinate: alive in this world and powered during the request
        List<String> localCoordinators = alive.stream().filter(n -> client.localDc().equals(dcOfNode.get(n))
                && canWrite.contains(n)).sorted().toList();
        List<String> remoteCoordinators = alive.stream().filter(n -> !client.localDc().equals(dcOfNode.get(n))
                && canWrite.contains(n)).sorted().toList();
        boolean remoteAllowed = client.failover() && !local;
        // The driver goes to a remote DC only when it knows no local coordinator. It learns that a
        // node is back by reconnecting (0.5 to 2 s after): while a local node is not settled alive,
        // the driver may still count it down, whatever gossip says.
        List<String> settledLocal = localCoordinators.stream().filter(certain::contains).toList();
        // A local coordinator whose gossip still counts restored nodes down answers Unavailable,
        // and the driver's retry policy tries the next node of the plan once: a remote one when
        // the plan holds a single local node (the others still reconnecting).
        boolean retryMayGoRemote = transition.write() && settledLocal.size() == 1
                && !rules.decide(level, client.localDc(), certain).met();
        List<String> writers = new ArrayList<>(localCoordinators);
        if (remoteAllowed && (settledLocal.isEmpty() || retryMayGoRemote)) {
            writers.addAll(remoteCoordinators);
        }
        List<String> answerers = new ArrayList<>(localCoordinators);
        if (remoteAllowed) {
            answerers.addAll(remoteCoordinators); // a retry after Unavailable may end on a remote node
        }
        switch (o.kind()) {
            case "written": {
                List<String> by = coordinatorOrAny(o, writers);
                if (by.isEmpty()) {
                    return Optional.of(o.coordinator().map(c -> "written by " + c.name() + ", which could not coordinate"
                            + " (the driver would use " + (writers.isEmpty() ? "no node" : writers) + ")")
                            .orElse("written, but no coordinator could be used"));
                }
                Optional<String> readWhy = Optional.empty();
                for (String x : by) {
                    if (rules.decide(level, dcOfNode.get(x), alive).met()) {
                        readWhy = readBack(client, rules, o, alive, certain, canRead, transition.read());
                        if (readWhy.isEmpty()) {
                            return readWhy;
                        }
                    }
                }
                if (readWhy.isPresent()) {
                    return readWhy;
                }
                CassandraRules.Decision d = rules.decide(level, dcOfNode.get(by.get(0)), alive);
                return Optional.of("written at " + level + " with " + d.alive() + " live replica(s), " + d.required()
                        + " required: Cassandra answers Unavailable");
            }
            case "unavailable": {
                List<String> by = coordinatorOrAny(o, answerers);
                if (by.isEmpty()) {
                    return Optional.of("Unavailable from a node that could not coordinate");
                }
                String last = null;
                for (String x : by) {
                    CassandraRules.Decision d = rules.decide(level, dcOfNode.get(x), alive);
                    Optional<String> why = unavailableNumbers(rules, o, d, level);
                    if (why.isEmpty()) {
                        return why;
                    }
                    last = why.get();
                }
                return Optional.of(last);
            }
            case "no_node_available": {
                // the driver's own view: a node not settled alive may still be down for it
                List<String> settled = (local ? localCoordinators : answerers).stream().filter(certain::contains).toList();
                return settled.isEmpty() ? Optional.empty()
                        : Optional.of("no node available, but " + settled + " could coordinate");
            }
            case "write_timeout": {
                if (!transition.write()) {
                    return Optional.of("a write time-out with every node it could use settled");
                }
                List<String> by = coordinatorOrAny(o, answerers);
                for (String x : by) {
                    int blockFor = rules.blockFor(level, dcOfNode.get(x));
                    if (o.errorInt("block_for") == blockFor && o.errorInt("received") < blockFor
                            && level.equals(o.errorText("level"))) {
                        return Optional.empty();
                    }
                }
                return Optional.of("write time-out numbers " + o.errorInt("received") + "/" + o.errorInt("block_for")
                        + " at " + o.errorText("level") + " do not match the level's requirement");
            }
            case "client_timeout", "connection_lost":
                return transition.write() ? Optional.empty() : Optional.of(o.kind() + " with every node it could use settled");
            default:
                return Optional.of("kind " + o.kind() + " is not an answer to a write");
        }
    }

    private static List<String> coordinatorOrAny(Observed o, List<String> candidates) {
        if (o.coordinator().isEmpty()) {
            return candidates;
        }
        String name = o.coordinator().get().name();
        return candidates.contains(name) ? List.of(name) : List.of();
    }

    /** Empty when the Unavailable's numbers are the ones {@code d} reports. */
    private static Optional<String> unavailableNumbers(CassandraRules rules, Observed o, CassandraRules.Decision d, String level) {
        if (d.met()) {
            return Optional.of("Unavailable at " + level + " although " + d.alive() + " live replica(s) meet the "
                    + d.required() + " required");
        }
        if (!level.equals(o.errorText("level"))) {
            return Optional.of("Unavailable names level " + o.errorText("level") + ", the write was at " + level);
        }
        if (level.equals("EACH_QUORUM")) {
            // Cassandra reports the short DC's quorum as required and 0 as alive (see CassandraRules)
            boolean quorumOfAShortDc = d.shortDcs().stream().anyMatch(dc -> rules.quorumOf(dc) == o.errorInt("required"));
            if (!quorumOfAShortDc || o.errorInt("alive") != 0) {
                return Optional.of("EACH_QUORUM Unavailable reports " + o.errorInt("alive") + "/" + o.errorInt("required")
                        + "; short are " + d.shortDcs() + ", for which Cassandra 5.0 reports 0/quorum");
            }
            if (o.error().flatMap(ErrorFields::aliveKnown).orElse(true)) {
                return Optional.of("EACH_QUORUM Unavailable's alive (always 0 from Cassandra 5.0) is not flagged as unknown");
            }
            return Optional.empty();
        }
        if (o.errorInt("required") != d.required() || o.errorInt("alive") != d.alive()) {
            return Optional.of("Unavailable reports alive " + o.errorInt("alive") + " of " + o.errorInt("required")
                    + " required; the cluster had " + d.alive() + " of " + d.required());
        }
        return Optional.empty();
    }

    /**
     * The read-back after a successful write: empty when this world explains it. The coordinator's
     * world ({@code alive}, from gossip) is not the driver's: the driver learns a node is back by
     * reconnecting, so for finding no node at all only the {@code certain} nodes count.
     */
    private Optional<String> readBack(ClientFacts client, CassandraRules rules, Observed o, Set<String> alive,
                                      Set<String> certain, Set<String> canRead, boolean transition) {
        String level = o.readLevel();
        boolean local = CassandraRules.isLocal(level);
        List<String> candidates = alive.stream().filter(n -> canRead.contains(n)
                && (client.localDc().equals(dcOfNode.get(n)) || (client.failover() && !local))).toList();
        switch (o.readBack()) {
            case "current":
                return candidates.stream().anyMatch(x -> rules.decide(level, dcOfNode.get(x), alive).met())
                        ? Optional.empty() : Optional.of("read back at " + level + " although no coordinator had enough replicas");
            case "stale", "missing":
                return Optional.empty(); // judged on its own in countRead: a world does not change overlap
            case "failed": {
                String kind = o.readError().map(ErrorFields::kind).orElse("");
                switch (kind) {
                    case "unavailable":
                        for (String x : candidates) {
                            CassandraRules.Decision d = rules.decide(level, dcOfNode.get(x), alive);
                            int req = o.readError().get().required().orElse(-1);
                            int al = o.readError().get().alive().orElse(-1);
                            if (!d.met() && d.required() == req && d.alive() == al) {
                                return Optional.empty();
                            }
                        }
                        return Optional.of("read-back Unavailable numbers match no coordinator's view");
                    case "no_node_available": {
                        List<String> settled = candidates.stream().filter(certain::contains).toList();
                        return settled.isEmpty() ? Optional.empty() : Optional.of("read-back found no node, but "
                                + settled + " could coordinate");
                    }
                    case "read_timeout", "client_timeout", "connection_lost":
                        return transition ? Optional.empty() : Optional.of("read-back " + kind + " with every node it could use settled");
                    default:
                        return Optional.of("read-back failed with kind '" + kind + "'");
                }
            }
            default:
                return Optional.of("read-back '" + o.readBack() + "' after a successful write with read-back on");
        }
    }

    /**
     * Counts the read-back by level pair; a stale or missing read where the write and read levels
     * overlap is a lie, whatever the cluster's state (overlap is arithmetic, not luck).
     */
    static Optional<String> countRead(CassandraRules rules, ClientFacts client, Observed o, Map<String, int[]> reads) {
        String pair = o.writeLevel() + "/" + o.readLevel();
        int[] n = reads.computeIfAbsent(pair, k -> new int[2]);
        boolean bad = o.readBack().equals("stale") || o.readBack().equals("missing");
        if (o.readBack().equals("current") || bad) {
            n[1]++;
        }
        if (!bad) {
            return Optional.empty();
        }
        n[0]++;
        if (o.readBack().equals("missing") && client.truncates().stream().anyMatch(t -> !t.isBefore(o.at())
                && !t.isAfter(o.end().plus(client.requestTimeout())))) {
            // the box's own reset with truncate, asked for between the write and the end of its read-back,
            // deleted the run the write was in (the reset starts the new run first): missing is what the
            // read found (ChaosIT at 241003a: asked for 0.6 s into a write of 742 ms)
            return Optional.empty();
        }
        String writeDc = o.coordinator().map(Observed.Coordinator::dc).orElse(client.localDc());
        // a LOCAL read never leaves the local DC (no failover for LOCAL levels)
        List<String> readDcs = CassandraRules.isLocal(o.readLevel()) ? List.of(client.localDc())
                : List.copyOf(new TreeSet<>(rules.replicas().stream().map(CassandraRules.Replica::dc).toList()));
        boolean overlap = readDcs.stream().allMatch(rd -> rules.overlaps(o.writeLevel(), writeDc, o.readLevel(), rd));
        return overlap ? Optional.of(o.readBack() + " read at " + pair + ", levels that overlap (written in " + writeDc + ")")
                : Optional.empty();
    }
}
