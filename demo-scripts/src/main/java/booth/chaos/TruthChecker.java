package booth.chaos;

import booth.chaos.ClusterHistory.Life;
import booth.protocol.OutcomeJson.ErrorFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges every outcome a client box reported against what the cluster really was: the answers
 * Cassandra could have given (from {@link CassandraRules}, the replicas of the client's row and
 * the {@link ClusterHistory}), the screen and backlight that must go with the answer, and the
 * read-back that overlapping levels guarantee. It shares nothing with the daemon's own
 * classification: it reads the stream as text and decides for itself.
 *
 * <p>Each node is ALIVE, DEAD or EITHER over an outcome's span (from {@link #SETTLE} before the
 * write to the end of its read-back). An outcome is true when some assignment of the EITHER
 * nodes explains it: a steady answer of that cluster, or, while any node is EITHER (a cut not yet
 * convicted, a node coming back), a time-out with the level's numbers or a lost connection.
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
    /** More EITHER nodes than this are judged by the first 2^12 worlds only (never on a booth). */
    private static final int MAX_EITHER = 12;

    /**
     * One client box as the run set it up and drove it: its levels over time, its pauses, and
     * when staff reset it (the LCD shows "Demo reset" for 2 s then).
     */
    public record ClientFacts(String name, String localDc, boolean failover, Duration interval, Duration requestTimeout,
                              List<String> replicaNodes, List<LevelChange> levels, List<Span> pauses, List<Instant> resets) {
    }

    /** Levels in force from {@code at} (set through the control socket, or the configuration's at start). */
    public record LevelChange(Instant at, String writeLevel, String readLevel) {
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
        /** Stale or missing reads, and all reads, by "WRITE/READ" level pair. */
        public Map<String, int[]> readsByPair() {
            return readsByPair;
        }
    }

    private final Map<String, Integer> replication;
    private final Map<String, String> dcOfNode;
    private final ClusterHistory history;

    /**
     * @param replication the keyspace's replication per DC
     * @param dcOfNode    every node's DC
     * @param history     power and gossip over the run
     */
    public TruthChecker(Map<String, Integer> replication, Map<String, String> dcOfNode, ClusterHistory history) {
        this.replication = Map.copyOf(replication);
        this.dcOfNode = Map.copyOf(dcOfNode);
        this.history = history;
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
            stalls.addAll(stalls(client, e.getValue(), run));
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
        screen(client, o).ifPresent(d -> lies.add(new Lie(client.name(), "screen", d, o.line(), cluster)));
        if (o.kind().equals("other")) {
            lies.add(new Lie(client.name(), "kind", "kind 'other' (" + o.errorText("class")
                    + "): a failure a visitor cannot understand", o.line(), cluster));
        }
        if (o.kind().equals("written")) {
            countRead(rules, client, o, reads).ifPresent(d -> lies.add(new Lie(client.name(), "stale", d, o.line(), cluster)));
        }
        if (!o.kind().equals("other")) {
            Optional<String> unexplained = explain(client, rules, o, lives);
            unexplained.ifPresent(d -> lies.add(new Lie(client.name(), "answer", d, o.line(), cluster)));
        }
        return lies;
    }

    /** Empty when some world of the EITHER nodes explains the outcome; else why the settled world does not. */
    private Optional<String> explain(ClientFacts client, CassandraRules rules, Observed o, Map<String, Life> lives) {
        List<String> either = lives.entrySet().stream().filter(e -> e.getValue() == Life.EITHER).map(Map.Entry::getKey).toList();
        boolean transition = !either.isEmpty();
        int worlds = 1 << Math.min(either.size(), MAX_EITHER);
        // what does not depend on the world: who is certainly alive, who had power to answer
        Set<String> certain = lives.entrySet().stream().filter(e -> e.getValue() == Life.ALIVE).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        Set<String> canWrite = powered(o.at(), o.end().plus(READ_SPAN));
        Set<String> canRead = powered(o.end(), o.end().plus(READ_SPAN));
        String firstWhy = null;
        for (int w = 0; w < worlds; w++) {
            Set<String> alive = new java.util.HashSet<>(certain);
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
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Empty when the cluster in which exactly {@code alive} are alive explains the outcome;
     * {@code certain} were settled alive, {@code canWrite} and {@code canRead} had power during the
     * write and the read-back.
     */
    private Optional<String> explainIn(ClientFacts client, CassandraRules rules, Observed o, Set<String> alive,
                                       Set<String> certain, Set<String> canWrite, Set<String> canRead, boolean transition) {
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
        boolean retryMayGoRemote = transition && settledLocal.size() == 1
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
                        readWhy = readBack(client, rules, o, alive, canRead, transition);
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
            case "no_node_available":
                return (local ? localCoordinators : answerers).isEmpty() ? Optional.empty()
                        : Optional.of("no node available, but " + (local ? localCoordinators : answerers) + " could coordinate");
            case "write_timeout": {
                if (!transition) {
                    return Optional.of("a write time-out with every node settled");
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
                return transition ? Optional.empty() : Optional.of(o.kind() + " with every node settled");
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

    /** The read-back after a successful write: empty when this world explains it. */
    private Optional<String> readBack(ClientFacts client, CassandraRules rules, Observed o, Set<String> alive,
                                      Set<String> canRead, boolean transition) {
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
                    case "no_node_available":
                        return candidates.isEmpty() ? Optional.empty() : Optional.of("read-back found no node, but "
                                + candidates + " could coordinate");
                    case "read_timeout", "client_timeout", "connection_lost":
                        return transition ? Optional.empty() : Optional.of("read-back " + kind + " with every node settled");
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
    private static Optional<String> countRead(CassandraRules rules, ClientFacts client, Observed o, Map<String, int[]> reads) {
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
        String writeDc = o.coordinator().map(Observed.Coordinator::dc).orElse(client.localDc());
        // a LOCAL read never leaves the local DC (no failover for LOCAL levels)
        List<String> readDcs = CassandraRules.isLocal(o.readLevel()) ? List.of(client.localDc())
                : List.copyOf(new java.util.TreeSet<>(rules.replicas().stream().map(CassandraRules.Replica::dc).toList()));
        boolean overlap = readDcs.stream().allMatch(rd -> rules.overlaps(o.writeLevel(), writeDc, o.readLevel(), rd));
        return overlap ? Optional.of(o.readBack() + " read at " + pair + ", levels that overlap (written in " + writeDc + ")")
                : Optional.empty();
    }

    // ----------------------------------------------------------------------------------------
    // Levels and screens

    private static Optional<String> levels(ClientFacts client, Observed o) {
        List<LevelChange> in = inForce(client, o.at());
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

    /** The level settings in force around {@code at} (within {@link #LEVEL_GRACE}). */
    private static List<LevelChange> inForce(ClientFacts client, Instant at) {
        List<LevelChange> out = new ArrayList<>();
        LevelChange before = null;
        for (LevelChange c : client.levels()) {
            if (!c.at().isAfter(at.minus(LEVEL_GRACE))) {
                before = c;
            } else if (!c.at().isAfter(at.plus(LEVEL_GRACE))) {
                out.add(c);
            }
        }
        if (before != null) {
            out.add(0, before);
        }
        return out;
    }

    private static final Pattern LATENCY = Pattern.compile("(\\d+)ms|(\\d+\\.\\d)s|(\\d+)s");
    private static final Pattern NODE_IN_RACK = Pattern.compile("(n\\d+)$");

    /** Empty when the screen and backlight show this outcome and nothing else. */
    static Optional<String> screen(ClientFacts client, Observed o) {
        String top = o.top();
        if (o.backlight().equals("VIOLET")) {
            return staffScreen(client, o);
        }
        if (o.bottom().startsWith("next write...") && o.backlight().equals("WHITE")) {
            // the level changed while this write was out: the LCD says a write at the new level is coming
            return inForce(client, o.at()).stream().anyMatch(c -> top.startsWith("W:" + c.writeLevel() + " ")) ? Optional.empty()
                    : Optional.of("'next write...' under '" + top + "', a level the control socket had not set");
        }
        String wantTop = "W:" + o.writeLevel();
        if (!top.startsWith(wantTop) || top.length() != 16 || !top.substring(wantTop.length(), 14).isBlank()) {
            return Optional.of("top line '" + top + "' does not show the write level " + o.writeLevel());
        }
        String bottom = o.bottom();
        if (bottom.length() != 16) {
            return Optional.of("bottom line '" + bottom + "' is not 16 characters");
        }
        String b = bottom.stripTrailing();
        if (o.kind().equals("written")) {
            if (o.coordinator().isEmpty()) {
                return b.startsWith("ok, node ?") && o.backlight().equals("WHITE") ? latencyShown(b, o)
                        : Optional.of("a write with no known coordinator shown as '" + b + "' in " + o.backlight());
            }
            Observed.Coordinator c = o.coordinator().get();
            String colour = c.dc().equals(client.localDc()) ? "GREEN" : "BLUE";
            if (!o.backlight().equals(colour)) {
                return Optional.of("served by " + c.dc() + " (local " + client.localDc() + ") but the backlight is "
                        + o.backlight() + ", not " + colour);
            }
            if (!b.startsWith(c.dc() + " " + c.rack())) {
                return Optional.of("served by " + c.dc() + " " + c.rack() + " but the screen says '" + b + "'");
            }
            return latencyShown(b, o);
        }
        if (!o.backlight().equals("RED")) {
            return Optional.of("a failure (" + o.kind() + ") with the backlight " + o.backlight() + ", not RED");
        }
        if (o.coordinator().isPresent() && b.startsWith("at " + o.coordinator().get().dc() + " " + o.coordinator().get().rack())) {
            return Optional.empty(); // the row that alternates with the numbers: where it happened
        }
        String want = switch (o.kind()) {
            case "unavailable" -> o.writeLevel().equals("EACH_QUORUM")
                    ? "Unav a DC <" + o.errorInt("required") + " up"
                    : "Unavail " + o.errorInt("alive") + "/" + o.errorInt("required") + " up";
            case "write_timeout" -> "Timeout " + o.errorInt("received") + "/" + o.errorInt("block_for") + " acks";
            case "client_timeout" -> "No answer " + seconds(o.errorInt("after_ms"));
            case "no_node_available" -> "No coordinator";
            case "connection_lost" -> o.coordinator().map(c -> "Lost " + c.dc() + " " + c.rack() + " "
                    + shortNode(c.name())).orElse("Connection lost");
            case "overloaded" -> "Overloaded";
            default -> null;
        };
        if (want == null) {
            return Optional.empty(); // judged as a kind elsewhere
        }
        want = want.length() > 16 ? want.substring(0, 16) : want;
        return b.equals(want.stripTrailing()) ? Optional.empty()
                : Optional.of("the screen says '" + b + "' where the outcome's numbers say '" + want + "'");
    }

    /** A staff screen (violet) instead of the outcome: only while a reset's notice or a pause is on. */
    private static Optional<String> staffScreen(ClientFacts client, Observed o) {
        if (o.top().startsWith("Demo reset")) {
            boolean justReset = client.resets().stream().anyMatch(r -> !o.at().isBefore(r.minus(LEVEL_GRACE))
                    && !o.at().isAfter(r.plus(NOTICE).plus(LEVEL_GRACE)));
            return justReset ? Optional.empty() : Optional.of("'Demo reset' on the screen with no reset just before");
        }
        if (o.bottom().startsWith("PAUSED by staff")) {
            boolean paused = client.pauses().stream().anyMatch(p -> !o.end().isBefore(p.from().minus(LEVEL_GRACE))
                    && !o.at().isAfter(p.to().plus(LEVEL_GRACE)));
            return paused ? Optional.empty() : Optional.of("'PAUSED by staff' on the screen outside any pause");
        }
        return Optional.of("a staff screen '" + o.top().strip() + " / " + o.bottom().strip() + "' the run did not ask for");
    }

    /** "n1" of rpidc1r2n1: the node within its rack, as the booth labels it. */
    private static String shortNode(String name) {
        Matcher m = NODE_IN_RACK.matcher(name);
        return m.find() ? m.group(1) : name;
    }

    private static String seconds(int ms) {
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** The latency at the end of the bottom line must be the outcome's, as the screen rounds it. */
    private static Optional<String> latencyShown(String bottom, Observed o) {
        String[] parts = bottom.split("\\s+");
        String shown = parts[parts.length - 1];
        Matcher m = LATENCY.matcher(shown);
        if (!m.matches()) {
            return Optional.of("no latency at the end of '" + bottom + "'");
        }
        double ms = o.latency().toNanos() / 1e6;
        double shownMs = m.group(1) != null ? Double.parseDouble(m.group(1))
                : m.group(2) != null ? Double.parseDouble(m.group(2)) * 1000 : Double.parseDouble(m.group(3)) * 1000;
        double tolerance = m.group(1) != null ? 1 : m.group(2) != null ? 100 : 1000;
        return Math.abs(ms - shownMs) <= tolerance ? Optional.empty()
                : Optional.of("the screen shows " + shown + " for a latency of " + String.format(Locale.ROOT, "%.1f ms", ms));
    }

    // ----------------------------------------------------------------------------------------
    // Stalls

    /**
     * A client stalls when, outside pauses, no outcome comes for longer than three write
     * intervals beyond the longest a write and its read-back may take.
     */
    static List<Stall> stalls(ClientFacts client, List<Observed> outcomes, Span run) {
        Duration limit = client.interval().multipliedBy(3).plus(client.requestTimeout().multipliedBy(2));
        List<Stall> out = new ArrayList<>();
        Instant last = run.from();
        List<Instant> marks = new ArrayList<>(outcomes.stream().map(Observed::at).sorted().toList());
        marks.add(run.to());
        for (Instant next : marks) {
            Duration writing = writingTime(client, last, next);
            if (writing.compareTo(limit) > 0) {
                out.add(new Stall(client.name(), last, next, "no outcome for " + writing.toMillis() / 1000.0
                        + " s of writing (limit " + limit.toMillis() / 1000.0 + " s)"));
            }
            last = next;
        }
        return out;
    }

    /** The time in [from, to] outside the client's pauses. */
    private static Duration writingTime(ClientFacts client, Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        for (Span p : client.pauses()) {
            Instant a = p.from().isAfter(from) ? p.from() : from;
            Instant b = p.to().isBefore(to) ? p.to() : to;
            if (b.isAfter(a)) {
                d = d.minus(Duration.between(a, b));
            }
        }
        return d;
    }

    private static String describe(Map<String, Life> lives) {
        StringBuilder sb = new StringBuilder();
        lives.forEach((n, l) -> sb.append(sb.length() == 0 ? "" : " ").append(n).append('=').append(l.name().toLowerCase(Locale.ROOT)));
        return sb.toString();
    }
}
