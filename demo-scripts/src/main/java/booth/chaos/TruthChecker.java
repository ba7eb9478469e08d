package booth.chaos;

import booth.chaos.ClusterHistory.Life;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges every outcome a client box reported against what the cluster really was: the answers
 * Cassandra could have given (from {@link CassandraRules}, the replicas of the client's row and
 * the {@link ClusterHistory}: {@link AnswerJudge}), the screen and backlight that must go with
 * the answer ({@link ScreenJudge}), and the read-back that overlapping levels guarantee; and
 * finds where a client's stream stopped ({@link StallFinder}). It shares nothing with the
 * daemon's own classification: it reads the stream as text and decides for itself.
 *
 * <p>Each node is ALIVE, DEAD or EITHER over an outcome's span (from {@link #SETTLE} before the
 * write to the end of its read-back). An outcome is true when some assignment of the EITHER
 * nodes explains it: a steady answer of that cluster, or, while a node the request could use is
 * EITHER (a cut not yet convicted, a node coming back: {@link CoordinatorJudge#involved}), a
 * time-out with the level's numbers or a lost connection. A success's coordinator must be a node
 * of the topology, as the stream names it, that the write could use and that was not dead
 * ({@link CoordinatorJudge}). Whether every outcome is in the stream at all is
 * {@link OutcomeGaps}' to say.
 */
public final class TruthChecker {
    /** How long after a change of power or gossip the cluster counts as settled. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long a read-back may take after the write's answer (the request time-out and a margin). */
    static final Duration READ_SPAN = Duration.ofMillis(1500);
    /** How long a staff notice stays on the LCD. */
    static final Duration NOTICE = Duration.ofSeconds(2);
    /** A level change applies from the next write: outcomes this close to one may show either level. */
    static final Duration LEVEL_GRACE = Duration.ofSeconds(1);

    /**
     * One client box as the run set it up and drove it: its levels over time, its pauses, and
     * when staff reset it (the LCD shows "Demo reset" for 2 s then).
     */
    public record ClientFacts(String name, String localDc, boolean failover, Duration interval, Duration requestTimeout,
                              List<String> replicaNodes, List<LevelChange> levels, List<Span> pauses, List<Instant> resets,
                              List<Instant> truncates) {
        /** A box whose resets never deleted its earlier runs. */
        public ClientFacts(String name, String localDc, boolean failover, Duration interval, Duration requestTimeout,
                           List<String> replicaNodes, List<LevelChange> levels, List<Span> pauses, List<Instant> resets) {
            this(name, localDc, failover, interval, requestTimeout, replicaNodes, levels, pauses, resets, List.of());
        }

        /**
         * The level settings that may be in force at {@code at}: the last one answered before it
         * (by {@link #LEVEL_GRACE}), and each later one already asked for by then. A change lands
         * somewhere between its request and its answer: a reset with truncate starts the new run
         * at once and resets the levels only once Cassandra has truncated, seconds later under load
         * (the hour at 7e8be97 had a write 1.3 s after the request, in the new run at the old levels).
         */
        List<LevelChange> levelsInForce(Instant at) {
            List<LevelChange> out = new ArrayList<>();
            for (LevelChange c : levels) {
                if (!c.answered().isAfter(at.minus(LEVEL_GRACE))) {
                    out.clear(); // in force for certain: the ones before it no longer are
                    out.add(c);
                } else if (!c.at().isAfter(at.plus(LEVEL_GRACE))) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    /**
     * Levels in force from between {@code at} (asked for through the control socket, or the
     * configuration's at start) and {@code answered} (the daemon said it was done).
     */
    public record LevelChange(Instant at, Instant answered, String writeLevel, String readLevel) {
        /** A change in force at once: the configuration's levels at a daemon's start. */
        public LevelChange(Instant at, String writeLevel, String readLevel) {
            this(at, at, writeLevel, readLevel);
        }
    }

    /** A span of time: a pause, a run. */
    public record Span(Instant from, Instant to) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    /** An outcome Cassandra could not have given, or a screen that does not show it. */
    public record Lie(String client, String what, String detail, String outcome, String cluster) {
    }

    /** A client that stopped reporting while it should have been writing. */
    public record Stall(String client, Instant from, Instant to, String why) {
    }

    /** Everything the checker found. */
    public record Verdict(List<Lie> lies, List<Stall> stalls, Map<String, int[]> readsByPair, int outcomes) {
        /** This verdict with {@code more} lies, found by a check of its own. */
        public Verdict with(List<Lie> more) {
            List<Lie> all = new ArrayList<>(lies);
            all.addAll(more);
            return new Verdict(List.copyOf(all), stalls, readsByPair, outcomes);
        }

        /** Stale or missing reads, and all reads, by "WRITE/READ" level pair. */
        public Map<String, int[]> readsByPair() {
            return readsByPair;
        }
    }

    private final Map<String, Integer> replication;
    private final Map<String, String> dcOfNode;
    private final ClusterHistory history;
    private final CoordinatorJudge coordinators;
    private final AnswerJudge answers;

    /**
     * @param replication the keyspace's replication per DC
     * @param nodes       every node of the topology as the outcome stream names it, by name
     * @param history     power and gossip over the run
     */
    public TruthChecker(Map<String, Integer> replication, Map<String, Observed.Coordinator> nodes, ClusterHistory history) {
        this.replication = Map.copyOf(replication);
        Map<String, String> dcs = new HashMap<>();
        nodes.forEach((name, n) -> dcs.put(name, n.dc()));
        this.dcOfNode = Map.copyOf(dcs);
        this.history = history;
        this.coordinators = new CoordinatorJudge(nodes);
        this.answers = new AnswerJudge(this.dcOfNode, history, coordinators);
    }

    /** Judges every outcome of every client, and each client's stream for stalls over {@code run}. */
    public Verdict check(Map<ClientFacts, List<Observed>> streams, Span run) {
        List<Lie> lies = new ArrayList<>();
        List<Stall> stalls = new ArrayList<>();
        Map<String, int[]> reads = new TreeMap<>();
        int count = 0;
        for (var e : streams.entrySet()) {
            ClientFacts client = e.getKey();
            CassandraRules rules = new CassandraRules(replication, client.replicaNodes().stream()
                    .map(n -> new CassandraRules.Replica(n, dcOfNode.get(n))).toList());
            for (Observed o : e.getValue()) {
                count++;
                lies.addAll(judge(client, rules, o, reads));
            }
            stalls.addAll(StallFinder.find(client, e.getValue(), run));
        }
        return new Verdict(lies, stalls, reads, count);
    }

    // ----------------------------------------------------------------------------------------
    // One outcome

    List<Lie> judge(ClientFacts client, CassandraRules rules, Observed o, Map<String, int[]> reads) {
        List<Lie> lies = new ArrayList<>();
        Instant from = o.at().minus(SETTLE);
        Instant to = o.end().plus(READ_SPAN);
        Map<String, Life> lives = new LinkedHashMap<>();
        for (String n : history.nodes()) {
            lives.put(n, history.life(n, from, to));
        }
        String cluster = describe(lives);
        levels(client, o).ifPresent(d -> lies.add(new Lie(client.name(), "level", d, o.line(), cluster)));
        ScreenJudge.judge(client, o).ifPresent(d -> lies.add(new Lie(client.name(), "screen", d, o.line(), cluster)));
        if (o.kind().equals("other")) {
            lies.add(new Lie(client.name(), "kind", "kind 'other' (" + o.errorText("class")
                    + "): a failure a visitor cannot understand", o.line(), cluster));
        }
        if (o.kind().equals("written")) {
            AnswerJudge.countRead(rules, client, o, reads).ifPresent(d -> lies.add(new Lie(client.name(), "stale", d, o.line(), cluster)));
        }
        coordinators.judge(client, o, lives).ifPresent(d -> lies.add(new Lie(client.name(), "coordinator", d, o.line(), cluster)));
        if (!o.kind().equals("other")) {
            Optional<String> unexplained = answers.explain(client, rules, o, lives);
            unexplained.ifPresent(d -> lies.add(new Lie(client.name(), "answer", d, o.line(), cluster)));
        }
        return lies;
    }

    /** Empty when the outcome's levels are ones the control socket had set around its time. */
    private static Optional<String> levels(ClientFacts client, Observed o) {
        List<LevelChange> in = client.levelsInForce(o.at());
        if (in.stream().noneMatch(c -> c.writeLevel().equals(o.writeLevel()))) {
            return Optional.of("write level " + o.writeLevel() + ", the control socket had set "
                    + in.stream().map(LevelChange::writeLevel).distinct().toList());
        }
        if (in.stream().noneMatch(c -> c.readLevel().equals(o.readLevel()))) {
            return Optional.of("read level " + o.readLevel() + ", the control socket had set "
                    + in.stream().map(LevelChange::readLevel).distinct().toList());
        }
        return Optional.empty();
    }

    private static String describe(Map<String, Life> lives) {
        StringBuilder sb = new StringBuilder();
        lives.forEach((n, l) -> sb.append(sb.length() == 0 ? "" : " ").append(n).append('=').append(l.name().toLowerCase(Locale.ROOT)));
        return sb.toString();
    }
}
