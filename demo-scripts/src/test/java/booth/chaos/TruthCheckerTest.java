package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.ClusterHistory.Belief;
import booth.chaos.TruthChecker.ClientFacts;
import booth.chaos.TruthChecker.LevelChange;
import booth.chaos.TruthChecker.Lie;
import booth.chaos.TruthChecker.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The truth checker catches lies: outcomes are planted, one fault each, into a history of the CI
 * topology (DC1: three racks of one node, DC2: two nodes; every node a replica) in which
 * rpidc1r3n1 loses power at +10 s, is convicted by gossip at +22 s and comes back at +60 s, and
 * DC2 loses power from +100 s to +150 s (convicted at +112 s).
 */
class TruthCheckerTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<String> NODES = List.of("rpidc1r1n1", "rpidc1r2n1", "rpidc1r3n1", "rpidc2r1n1", "rpidc2r1n2");
    /** Every node as the outcome stream names it. */
    static final Map<String, Observed.Coordinator> TOPOLOGY = Map.of(
            "rpidc1r1n1", new Observed.Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1"),
            "rpidc1r2n1", new Observed.Coordinator("DC1", "r2", "127.0.1.2", "rpidc1r2n1"),
            "rpidc1r3n1", new Observed.Coordinator("DC1", "r3", "127.0.1.3", "rpidc1r3n1"),
            "rpidc2r1n1", new Observed.Coordinator("DC2", "r1", "127.0.2.1", "rpidc2r1n1"),
            "rpidc2r1n2", new Observed.Coordinator("DC2", "r1", "127.0.2.2", "rpidc2r1n2"));
    static final String R1 = "{\"dc\":\"DC1\",\"rack\":\"r1\",\"address\":\"127.0.1.1\",\"name\":\"rpidc1r1n1\"}";
    private static final String TOP_ALL = "W:ALL         \ue000\ue002";

    private final TruthChecker checker = new TruthChecker(Map.of("DC1", 3, "DC2", 2), TOPOLOGY, history());

    private static ClusterHistory history() {
        List<Belief> beliefs = new ArrayList<>();
        for (String o : NODES) {
            if (!o.equals("rpidc1r3n1")) {
                beliefs.add(new Belief(at(22), o, "rpidc1r3n1", false));
                beliefs.add(new Belief(at(61), o, "rpidc1r3n1", true));
            }
        }
        for (String dc2 : List.of("rpidc2r1n1", "rpidc2r1n2")) {
            for (String o : NODES) {
                if (!o.equals(dc2)) {
                    beliefs.add(new Belief(at(112), o, dc2, false));
                    beliefs.add(new Belief(at(151), o, dc2, true));
                }
            }
        }
        return new ClusterHistory(NODES, List.of(new ClusterHistory.Cut("rpidc1r3n1", at(10), at(60), false),
                new ClusterHistory.Cut("rpidc2r1n1", at(100), at(150), true),
                new ClusterHistory.Cut("rpidc2r1n2", at(100), at(150), true)), beliefs);
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /**
     * A checker whose history freezes {@code nodes} from {@code cut} to {@code thaw} (seconds),
     * every other node's gossip convicting them at {@code convicted} and counting them up again at {@code up}.
     */
    private static TruthChecker frozen(List<String> nodes, double cut, double convicted, double thaw, double up) {
        List<Belief> beliefs = new ArrayList<>();
        List<ClusterHistory.Cut> cuts = new ArrayList<>();
        for (String n : nodes) {
            cuts.add(new ClusterHistory.Cut(n, at(cut), at(thaw), false));
            for (String o : NODES) {
                if (!o.equals(n)) {
                    beliefs.add(new Belief(at(convicted), o, n, false));
                    beliefs.add(new Belief(at(up), o, n, true));
                }
            }
        }
        return new TruthChecker(Map.of("DC1", 3, "DC2", 2), TOPOLOGY, new ClusterHistory(NODES, cuts, beliefs));
    }

    /** The lies {@code checker} finds in {@code client}'s one outcome {@code line}, in a run of 200 s. */
    private static List<Lie> liesOf(TruthChecker checker, ClientFacts client, String line) {
        return checker.check(Map.of(client, List.of(Observed.parse(client.name(), line))), new Span(at(0), at(200))).lies();
    }

    private static ClientFacts client(List<LevelChange> levels) {
        return new ClientFacts("rpiclient1", "DC1", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES, levels, List.of(), List.of());
    }

    private static final ClientFacts ALL_ONE = client(List.of(new LevelChange(Instant.EPOCH, "ALL", "ONE")));

    /** An outcome line as the daemon writes it. */
    static String line(double t, String level, String read, String kind, String coordinator, String error,
                               String readBack, String bottom, String backlight) {
        String top = "W:" + level + " ".repeat(12 - level.length()) + "\ue000\ue002";
        return "{\"v\":1,\"seq\":" + at(t).toEpochMilli() + ",\"time\":\"" + at(t) + "\",\"write_level\":\"" + level
                + "\",\"read_level\":\"" + read + "\",\"kind\":\"" + kind + "\",\"latency_ms\":12.300,\"coordinator\":"
                + coordinator + ",\"error\":" + error + ",\"read_back\":" + readBack + ",\"screen\":[\"" + top + "\",\""
                + bottom + " ".repeat(16 - bottom.length()) + "\"],\"backlight\":\"" + backlight + "\"}";
    }

    static final String CURRENT = "{\"kind\":\"current\"}";
    private static final String NOT_READ = "{\"kind\":\"not_read\"}";

    private List<Lie> lies(ClientFacts client, String... lines) {
        List<Observed> os = new ArrayList<>();
        for (String l : lines) {
            os.add(Observed.parse(client.name(), l));
        }
        Map<ClientFacts, List<Observed>> streams = new LinkedHashMap<>();
        streams.put(client, os);
        return checker.check(streams, new Span(os.get(0).at(), os.get(os.size() - 1).at())).lies();
    }

    private void truthful(ClientFacts client, String line) {
        assertEquals(List.of(), lies(client, line), line);
    }

    private void lie(ClientFacts client, String what, String line) {
        List<Lie> found = lies(client, line);
        assertEquals(1, found.size(), "one lie expected in " + line + ", found " + found);
        assertEquals(what, found.get(0).what(), found.toString());
    }

    @Test
    void truthfulOutcomesPass() {
        truthful(ALL_ONE, line(5, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        // cut, not yet convicted: the coordinator waits for the frozen replica
        truthful(ALL_ONE, line(12, "ALL", "ONE", "write_timeout", R1, "{\"kind\":\"write_timeout\",\"level\":\"ALL\","
                + "\"received\":4,\"block_for\":5,\"write_type\":\"SIMPLE\"}", NOT_READ, "Timeout 4/5 acks", "RED"));
        // convicted: Unavailable with the cluster's numbers, or where it happened on the alternate row
        String unavailable = "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}";
        truthful(ALL_ONE, line(30, "ALL", "ONE", "unavailable", R1, unavailable, NOT_READ, "Unavail 4/5 up", "RED"));
        truthful(ALL_ONE, line(32, "ALL", "ONE", "unavailable", R1, unavailable, NOT_READ, "at DC1 r1 n1", "RED"));
        // EACH_QUORUM with DC1 at 2 of 3 is met; Cassandra's alive=0 flagged when it is not
        ClientFacts each = client(List.of(new LevelChange(Instant.EPOCH, "EACH_QUORUM", "LOCAL_ONE")));
        truthful(each, line(30, "EACH_QUORUM", "LOCAL_ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        // stale reads where the levels do not overlap are Cassandra's truth: allowed, and counted
        ClientFacts oneOne = client(List.of(new LevelChange(Instant.EPOCH, "ONE", "ONE")));
        truthful(oneOne, line(5, "ONE", "ONE", "written", R1, "null", "{\"kind\":\"stale\",\"found_seq\":1}",
                "DC1 r1 n1   12ms", "GREEN"));
    }

    @Test
    void wrongNumbersAreLies() {
        lie(ALL_ONE, "answer", line(30, "ALL", "ONE", "unavailable", R1,
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":5,\"alive_known\":true}",
                NOT_READ, "Unavail 5/5 up", "RED"));
        lie(ALL_ONE, "answer", line(12, "ALL", "ONE", "write_timeout", R1, "{\"kind\":\"write_timeout\",\"level\":\"ALL\","
                + "\"received\":2,\"block_for\":3,\"write_type\":\"SIMPLE\"}", NOT_READ, "Timeout 2/3 acks", "RED"));
        // the screen shows other numbers than the outcome's
        lie(ALL_ONE, "screen", line(30, "ALL", "ONE", "unavailable", R1,
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}",
                NOT_READ, "Unavail 3/5 up", "RED"));
        // written at ALL while a replica is convicted and still dark
        lie(ALL_ONE, "answer", line(30, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        // a time-out long after the cluster settled
        lie(ALL_ONE, "answer", line(90, "ALL", "ONE", "client_timeout", "null", "{\"kind\":\"client_timeout\",\"after_ms\":1000}",
                NOT_READ, "No answer 1.0s", "RED"));
    }

    @Test
    void aWrongColourIsALie() {
        lie(ALL_ONE, "screen", line(5, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "BLUE"));
        lie(ALL_ONE, "screen", line(30, "ALL", "ONE", "unavailable", R1,
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}",
                NOT_READ, "Unavail 4/5 up", "GREEN"));
    }

    /** The invitation between visitors takes the row of a success, in its colour; over a failure it hides the truth. */
    @Test
    void theInvitationIsTruthfulOverASuccessOnly() {
        String invitation = ScreenJudge.INVITATION;
        truthful(ALL_ONE, line(5, "ALL", "ONE", "written", R1, "null", CURRENT, invitation, "GREEN"));
        lie(ALL_ONE, "screen", line(5, "ALL", "ONE", "written", R1, "null", CURRENT, invitation, "BLUE"));
        lie(ALL_ONE, "screen", line(30, "ALL", "ONE", "unavailable", R1,
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}",
                NOT_READ, invitation, "RED"));
        lie(ALL_ONE, "screen", line(30, "ALL", "ONE", "unavailable", R1,
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}",
                NOT_READ, invitation, "GREEN"));
    }

    @Test
    void aStaleReadAtOverlappingLevelsIsALie() {
        ClientFacts quorums = client(List.of(new LevelChange(Instant.EPOCH, "LOCAL_QUORUM", "LOCAL_QUORUM")));
        lie(quorums, "stale", line(5, "LOCAL_QUORUM", "LOCAL_QUORUM", "written", R1, "null",
                "{\"kind\":\"stale\",\"found_seq\":1}", "DC1 r1 n1   12ms", "GREEN"));
        lie(ALL_ONE, "stale", line(5, "ALL", "ONE", "written", R1, "null", "{\"kind\":\"missing\"}", "DC1 r1 n1   12ms", "GREEN"));
    }

    /**
     * The box's own reset with truncate, asked for while a write and its read-back were under way,
     * deletes the run that write was in: its read-back finds it missing, truly. Asked for before the
     * write began (the write is in the new run) or after its read-back, missing is a lie.
     */
    @Test
    void aReadBackMissingAfterTheBoxsOwnTruncateIsTrue() {
        String missing = line(5, "ALL", "ONE", "written", R1, "null", "{\"kind\":\"missing\"}", "DC1 r1 n1   12ms", "GREEN");
        for (double t : new double[] {5.0, 5.5, 6.0}) {
            truthful(truncatedAt(t), missing);
        }
        for (double t : new double[] {4.9, 6.2}) {
            lie(truncatedAt(t), "stale", missing);
        }
    }

    private static ClientFacts truncatedAt(double seconds) {
        return new ClientFacts("rpiclient1", "DC1", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES, ALL_ONE.levels(),
                List.of(), List.of(at(seconds)), List.of(at(seconds)));
    }

    @Test
    void otherKindsAndWrongLevelsAreLies() {
        lie(ALL_ONE, "kind", line(12, "ALL", "ONE", "other", R1, "{\"kind\":\"other\",\"class\":\"HeartbeatException\","
                + "\"message\":\"x\"}", NOT_READ, "HeartbeatExcepti", "RED"));
        lie(ALL_ONE, "level", line(5, "ONE", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        ClientFacts each = client(List.of(new LevelChange(Instant.EPOCH, "EACH_QUORUM", "LOCAL_ONE")));
        // DC2 dark: EACH_QUORUM fails with Cassandra's 0/2, which must not be shown or passed on as a count
        String eachError = "{\"kind\":\"unavailable\",\"level\":\"EACH_QUORUM\",\"required\":2,\"alive\":0,\"alive_known\":false}";
        truthful(each, line(130, "EACH_QUORUM", "LOCAL_ONE", "unavailable", R1, eachError, NOT_READ, "Unav a DC <2 up", "RED"));
        lie(each, "screen", line(130, "EACH_QUORUM", "LOCAL_ONE", "unavailable", R1, eachError, NOT_READ, "Unavail 0/2 up", "RED"));
        lie(each, "answer", line(130, "EACH_QUORUM", "LOCAL_ONE", "unavailable", R1, eachError.replace("false", "true"),
                NOT_READ, "Unav a DC <2 up", "RED"));
    }

    /**
     * A rack's nodes are frozen one after another: a write that starts after the cut began but
     * before its node's turn may still be served by it (seen in the booth soak: 13 ms after).
     */
    @Test
    void aNodeBeingCutMayStillServeAWrite() {
        ClusterHistory h = new ClusterHistory(NODES, List.of(new ClusterHistory.Cut("rpidc1r1n1", at(10), at(10.2),
                at(40), at(41), false)), List.of());
        TruthChecker during = new TruthChecker(Map.of("DC1", 3, "DC2", 2), TOPOLOGY, h);
        String served = line(10.05, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN");
        ClientFacts c = ALL_ONE;
        assertEquals(List.of(), during.check(Map.of(c, List.of(Observed.parse(c.name(), served))), new Span(at(0), at(60))).lies());
        String late = line(20, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN");
        assertEquals(1, during.check(Map.of(c, List.of(Observed.parse(c.name(), late))), new Span(at(0), at(60))).lies().size());
    }

    /**
     * A DC2 client whose DC comes back: its driver reconnects 0.5-2 s later, so a write served by
     * DC1 (blue) at ALL just after is true (seen in a soak: 95 ms after the restore); once DC2 has
     * settled it is not.
     */
    @Test
    void aRemoteCoordinatorIsTrueOnlyUntilTheLocalDcHasSettled() {
        ClientFacts dc2 = new ClientFacts("rpiclient2", "DC2", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                List.of(new LevelChange(Instant.EPOCH, "ALL", "ONE")), List.of(), List.of());
        String blue = "DC1 r1 n1   12ms";
        truthful(dc2, line(150.1, "ALL", "ONE", "written", R1, "null", CURRENT, blue, "BLUE"));
        lie(dc2, "answer", line(170, "ALL", "ONE", "written", R1, "null", CURRENT, blue, "BLUE"));
    }

    /**
     * What a fresh clone's ChaosIT caught (twice): DC2 thaws after a freeze; 160 ms later DC1's
     * gossip already counts DC2 up, so EACH_QUORUM is written through DC1 (blue), while the DC2
     * client's driver has not yet reconnected to its own DC and finds no node for the LOCAL_ONE
     * read-back. The coordinator's world and the driver's are not the same world: true while DC2
     * is settling, a lie once it has settled.
     */
    @Test
    void aReadBackFindsNoLocalNodeWhileTheDriverReconnects() {
        TruthChecker thawed = frozen(List.of("rpidc2r1n1", "rpidc2r1n2"), 100, 112, 150, 150.3);
        ClientFacts dc2 = new ClientFacts("rpiclient2", "DC2", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                List.of(new LevelChange(Instant.EPOCH, "EACH_QUORUM", "LOCAL_ONE")), List.of(), List.of());
        String noNode = "{\"kind\":\"failed\",\"error\":{\"kind\":\"no_node_available\"}}";
        String r3 = "{\"dc\":\"DC1\",\"rack\":\"r3\",\"address\":\"127.0.1.3\",\"name\":\"rpidc1r3n1\"}";
        String early = line(150.16, "EACH_QUORUM", "LOCAL_ONE", "written", r3, "null", noNode, "DC1 r3 n1   12ms", "BLUE");
        assertEquals(List.of(), liesOf(thawed, dc2, early));
        String settled = line(170, "EACH_QUORUM", "LOCAL_ONE", "written", r3, "null", noNode, "DC1 r3 n1   12ms", "BLUE");
        List<Lie> lies = liesOf(thawed, dc2, settled);
        assertEquals(1, lies.size(), lies.toString());
        assertEquals("answer", lies.get(0).what());
        // settled: written through its own DC, the read-back cannot find no node there
        String local = "{\"dc\":\"DC2\",\"rack\":\"r1\",\"address\":\"127.0.2.1\",\"name\":\"rpidc2r1n1\"}";
        String noLocal = line(170, "EACH_QUORUM", "LOCAL_ONE", "written", local, "null", noNode, "DC2 r1 n1   12ms", "GREEN");
        lies = liesOf(thawed, dc2, noLocal);
        assertEquals(1, lies.size(), lies.toString());
        assertTrue(lies.get(0).detail().startsWith("read-back found no node"), lies.toString());
    }

    /**
     * A reset with truncate asked for at 10 s and answered at 14 s (Cassandra truncating under
     * load): a write at 11.3 s at the old levels is true, as in the hour at 7e8be97; one at 16 s,
     * after the answer, is a lie.
     */
    @Test
    void aChangeLandsBetweenItsRequestAndItsAnswer() {
        ClientFacts slowReset = client(List.of(new LevelChange(Instant.EPOCH, "TWO", "ALL"),
                new LevelChange(at(10), at(14), "ALL", "ONE")));
        truthful(slowReset, line(11.3, "TWO", "ALL", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        truthful(slowReset, line(12, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        lie(slowReset, "level", line(16, "TWO", "ALL", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
        // nor may a level never set pass in the window
        lie(slowReset, "level", line(11.3, "ONE", "ALL", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN"));
    }

    /** Frames that are not the outcome's, true only when the run caused them. */
    @Test
    void levelChangesAndStaffNoticesOnlyWhenTheyHappened() {
        ClientFacts changed = client(List.of(new LevelChange(Instant.EPOCH, "ALL", "ONE"), new LevelChange(at(5.2), "THREE", "ONE")));
        String nextWrite = line(5, "ALL", "ONE", "written", R1, "null", CURRENT, "next write...", "WHITE")
                .replace("W:ALL         ", "W:THREE       ");
        truthful(changed, nextWrite);
        lie(ALL_ONE, "screen", nextWrite);
        // LOCAL_QUORUM fills the level's 12 cells: no blank before the arrows (ChaosIT once called it a lie)
        ClientFacts toLocalQuorum = client(List.of(new LevelChange(Instant.EPOCH, "ALL", "ONE"),
                new LevelChange(at(5.2), "LOCAL_QUORUM", "ONE")));
        truthful(toLocalQuorum, line(5, "ALL", "ONE", "written", R1, "null", CURRENT, "next write...", "WHITE")
                .replace("W:ALL         ", "W:LOCAL_QUORUM"));
        ClientFacts reset = new ClientFacts("rpiclient1", "DC1", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                ALL_ONE.levels(), List.of(), List.of(at(4.5)));
        String notice = line(5, "ALL", "ONE", "written", R1, "null", CURRENT, "levels, counters", "VIOLET")
                .replace("W:ALL         \ue000\ue002", "Demo reset      ");
        truthful(reset, notice);
        lie(ALL_ONE, "screen", notice);
    }

    @Test
    void aStalledStreamIsReported() {
        ClientFacts c = ALL_ONE;
        List<Observed> os = new ArrayList<>();
        for (double t : new double[] {1, 2, 3, 24, 25}) {
            os.add(Observed.parse(c.name(), line(t, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN")));
        }
        Map<ClientFacts, List<Observed>> streams = Map.of(c, os);
        TruthChecker.Verdict v = checker.check(streams, new Span(at(1), at(25)));
        assertEquals(1, v.stalls().size(), v.stalls().toString());
        assertEquals(at(3), v.stalls().get(0).from());
        // a pause is not a stall
        ClientFacts paused = new ClientFacts(c.name(), "DC1", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                c.levels(), List.of(new Span(at(3.5), at(23))), List.of());
        assertTrue(checker.check(Map.of(paused, os), new Span(at(1), at(25))).stalls().isEmpty());
    }

    /**
     * What the hour on the booth caught: a DC2 client at a non-LOCAL level while all of DC2 is
     * dark says "No coordinator", though DC1's nodes are up and failover may use them (the
     * driver had pooled only three DC1 nodes, all dark by then). A lie; a DC1 coordinator's
     * answer is the truth, and at a LOCAL level "No coordinator" is.
     */
    @Test
    void noCoordinatorWhileARemoteDcCouldServeIsALie() {
        ClientFacts three = new ClientFacts("rpiclient2", "DC2", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                List.of(new LevelChange(Instant.EPOCH, "THREE", "ONE")), List.of(), List.of());
        String noNode = "{\"kind\":\"no_node_available\"}";
        lie(three, "answer", line(130, "THREE", "ONE", "no_node_available", "null", noNode, NOT_READ, "No coordinator", "RED"));
        truthful(three, line(130, "THREE", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "BLUE"));
        ClientFacts local = new ClientFacts("rpiclient2", "DC2", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                List.of(new LevelChange(Instant.EPOCH, "LOCAL_ONE", "LOCAL_ONE")), List.of(), List.of());
        truthful(local, line(130, "LOCAL_ONE", "LOCAL_ONE", "no_node_available", "null", noNode, NOT_READ, "No coordinator", "RED"));
    }

    /**
     * What CI's five minutes caught (seed 20261121): DC1 r1 and r2 come back while r3 stayed up.
     * For a moment r3's gossip still counts them down and answers EACH_QUORUM with Unavailable;
     * the driver, whose plan holds r3 alone of DC1 while it reconnects to the others, retries once
     * on the next node, a DC2 one, which already counts them up: written via DC2 (202 ms), true.
     * Once DC1 has settled, the plan starts with three DC1 nodes and a DC2 coordinator is a lie.
     */
    @Test
    void aRetryAfterALaggingLocalUnavailableMayEndOnARemoteNode() {
        TruthChecker restored = frozen(List.of("rpidc1r1n1", "rpidc1r2n1"), 10, 22, 60, 61);
        ClientFacts each = client(List.of(new LevelChange(Instant.EPOCH, "EACH_QUORUM", "ONE")));
        String dc2 = "{\"dc\":\"DC2\",\"rack\":\"r1\",\"address\":\"127.0.2.2\",\"name\":\"rpidc2r1n2\"}";
        String retried = line(60.07, "EACH_QUORUM", "ONE", "written", dc2, "null", CURRENT, "DC2 r1 n2   12ms", "BLUE");
        assertEquals(List.of(), liesOf(restored, each, retried));
        String settled = line(75, "EACH_QUORUM", "ONE", "written", dc2, "null", CURRENT, "DC2 r1 n2   12ms", "BLUE");
        List<Lie> lies = liesOf(restored, each, settled);
        assertEquals(1, lies.size(), lies.toString());
        assertEquals("answer", lies.get(0).what());
    }

    /**
     * A time-out is explained only by a change of a node the request could use. Here DC2 has a
     * second rack, rpidc2r2n1, that holds no replica of the client's row and is frozen from +200 s
     * (convicted at +212 s): for a DC1 client at LOCAL_QUORUM it is neither a replica nor a
     * coordinator the driver may pick, so a time-out at +205 s is a lie; at QUORUM with failover
     * the driver may send the write there, so the same time-out is true.
     */
    @Test
    void aTimeOutDuringAnUnrelatedNodesTransitionIsALie() {
        String unrelated = "rpidc2r2n1";
        List<String> nodes = new ArrayList<>(NODES);
        nodes.add(unrelated);
        Map<String, Observed.Coordinator> topology = new LinkedHashMap<>(TOPOLOGY);
        topology.put(unrelated, new Observed.Coordinator("DC2", "r2", "127.0.2.3", unrelated));
        List<Belief> beliefs = new ArrayList<>();
        for (String o : NODES) {
            beliefs.add(new Belief(at(212), o, unrelated, false));
        }
        ClusterHistory h = new ClusterHistory(nodes, List.of(new ClusterHistory.Cut(unrelated, at(200), at(260), false)), beliefs);
        TruthChecker checker = new TruthChecker(Map.of("DC1", 3, "DC2", 2), topology, h);
        String timeout = "{\"kind\":\"client_timeout\",\"after_ms\":1000}";
        ClientFacts localQuorum = client(List.of(new LevelChange(Instant.EPOCH, "LOCAL_QUORUM", "LOCAL_ONE")));
        String planted = line(205, "LOCAL_QUORUM", "LOCAL_ONE", "client_timeout", "null", timeout, NOT_READ, "No answer 1.0s", "RED");
        List<Lie> lies = checker.check(Map.of(localQuorum, List.of(Observed.parse(localQuorum.name(), planted))),
                new Span(at(0), at(300))).lies();
        assertEquals(1, lies.size(), lies.toString());
        assertEquals("answer", lies.get(0).what());
        assertTrue(lies.get(0).detail().contains("every node it could use settled"), lies.toString());
        ClientFacts quorum = client(List.of(new LevelChange(Instant.EPOCH, "QUORUM", "ONE")));
        String mayUse = line(205, "QUORUM", "ONE", "client_timeout", "null", timeout, NOT_READ, "No answer 1.0s", "RED");
        assertEquals(List.of(), checker.check(Map.of(quorum, List.of(Observed.parse(quorum.name(), mayUse))),
                new Span(at(0), at(300))).lies());
    }

    /** A success's coordinator: a node of the topology as named, not dead, one the write could use. */
    @Test
    void aSuccessFromACoordinatorThatCouldNotHaveServedItIsALie() {
        String green = "DC1 r1 n1   12ms";
        // the right name at another address: only the coordinator rule can see it
        String elsewhere = R1.replace("127.0.1.1", "127.0.1.9");
        lie(ALL_ONE, "coordinator", line(5, "ALL", "ONE", "written", elsewhere, "null", CURRENT, green, "GREEN"));
        // a node the topology does not have
        String stranger = "{\"dc\":\"DC1\",\"rack\":\"r1\",\"address\":\"127.0.1.7\",\"name\":\"rpidc1r1n7\"}";
        assertTrue(lies(ALL_ONE, line(5, "ALL", "ONE", "written", stranger, "null", CURRENT, "DC1 r1 n7   12ms", "GREEN"))
                .stream().anyMatch(l -> l.what().equals("coordinator") && l.detail().contains("no node of the topology")));
        // rpidc1r3n1 is cut at +10 s and convicted at +22 s: dead at +40 s
        ClientFacts one = client(List.of(new LevelChange(Instant.EPOCH, "ONE", "ONE")));
        String r3 = "{\"dc\":\"DC1\",\"rack\":\"r3\",\"address\":\"127.0.1.3\",\"name\":\"rpidc1r3n1\"}";
        assertTrue(lies(one, line(40, "ONE", "ONE", "written", r3, "null", CURRENT, "DC1 r3 n1   12ms", "GREEN"))
                .stream().anyMatch(l -> l.what().equals("coordinator") && l.detail().contains("dead throughout")));
        // a DC2 coordinator for a LOCAL level from DC1: the driver never sends it there
        ClientFacts local = client(List.of(new LevelChange(Instant.EPOCH, "LOCAL_ONE", "LOCAL_ONE")));
        String dc2 = "{\"dc\":\"DC2\",\"rack\":\"r1\",\"address\":\"127.0.2.2\",\"name\":\"rpidc2r1n2\"}";
        assertTrue(lies(local, line(5, "LOCAL_ONE", "LOCAL_ONE", "written", dc2, "null", CURRENT, "DC2 r1 n2   12ms", "BLUE"))
                .stream().anyMatch(l -> l.what().equals("coordinator") && l.detail().contains("could not use")));
        // the same nodes, where they could serve: true
        truthful(one, line(5, "ONE", "ONE", "written", r3, "null", CURRENT, "DC1 r3 n1   12ms", "GREEN"));
        truthful(ALL_ONE, line(5, "ALL", "ONE", "written", R1, "null", CURRENT, green, "GREEN"));
    }
}
