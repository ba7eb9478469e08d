package booth.chaos;

import static booth.chaos.TruthCheckerTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.ClusterHistory.Belief;
import booth.chaos.TruthChecker.ClientFacts;
import booth.chaos.TruthChecker.LevelChange;
import booth.protocol.OutcomeJson.PredictionFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Predictions against the cuts that followed them, on the CI topology (DC1: three racks of one
 * node, DC2: one rack of two; every node a replica): DC1:r3 frozen at +30 s, convicted at +42 s,
 * thawed at +90 s and up again at +91 s. Each box writes once a second; the predictions are
 * what the daemon would say, or planted wrong ones.
 */
class PredictionJudgeTest {
    private static final List<String> NODES = List.of("rpidc1r1n1", "rpidc1r2n1", "rpidc1r3n1", "rpidc2r1n1", "rpidc2r1n2");
    private static final String SURVIVES_1 = "{\"kind\":\"survives\",\"racks\":1,\"fatal\":[],\"words\":\"survives 1 rack\"}";
    private static final String R3_FATAL = "{\"kind\":\"survives\",\"racks\":0,\"fatal\":[\"DC1:r3\"],\"words\":\"DC1:r3 cut:fails\"}";
    private static final String NEEDS_ALL = "{\"kind\":\"needs_all\",\"replicas\":5,\"words\":\"needs all 5\"}";
    private static final String UNAVAILABLE_ALL = "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,"
            + "\"alive_known\":true}";

    private static ClusterHistory history() {
        List<Belief> beliefs = new ArrayList<>();
        for (String o : NODES) {
            if (!o.equals("rpidc1r3n1")) {
                beliefs.add(new Belief(at(42), o, "rpidc1r3n1", false));
                beliefs.add(new Belief(at(91), o, "rpidc1r3n1", true));
            }
        }
        return new ClusterHistory(NODES, List.of(new ClusterHistory.Cut("rpidc1r3n1", at(30), at(90), false)), beliefs);
    }

    private static final List<ChaosRun.Restored> CUTS = List.of(new ChaosRun.Restored(
            new Schedule.Cut(Duration.ofSeconds(30), 1, List.of("DC1:r3"), List.of("rpidc1r3n1"), false), at(30), at(90)));

    private static ClientFacts client(String name, String level) {
        return new ClientFacts(name, "DC1", true, Duration.ofSeconds(1), Duration.ofSeconds(1), NODES,
                List.of(new LevelChange(Instant.EPOCH, level, "ONE")), List.of(), List.of());
    }

    /**
     * A box at {@code level} writing every second from +1 s to +89 s: succeeding, but failing from
     * the cut on when {@code failsUnderTheCut}; each line predicting {@code before} until the cut
     * and {@code under} after it.
     */
    private static List<Observed> box(String name, String level, boolean failsUnderTheCut, String before, String under) {
        List<Observed> os = new ArrayList<>();
        for (int t = 1; t < 90; t++) {
            boolean fails = failsUnderTheCut && t >= 31;
            String line = fails
                    ? TruthCheckerTest.line(t, level, "ONE", "unavailable", TruthCheckerTest.R1, UNAVAILABLE_ALL,
                            "{\"kind\":\"not_read\"}", "Unavail 4/5 up", "RED")
                    : TruthCheckerTest.line(t, level, "ONE", "written", TruthCheckerTest.R1, "null", TruthCheckerTest.CURRENT,
                            "DC1 r1 n1   12ms", "GREEN");
            String prediction = t < 30 ? before : under;
            os.add(Observed.parse(name, line.substring(0, line.length() - 1) + ",\"prediction\":" + prediction + "}"));
        }
        return os;
    }

    private static PredictionJudge.Result judge(ClientFacts client, List<Observed> os) {
        Map<ClientFacts, List<Observed>> streams = new LinkedHashMap<>();
        streams.put(client, os);
        return PredictionJudge.judge(history(), TruthCheckerTest.TOPOLOGY, CUTS, streams);
    }

    @Test
    void predictionsThatHeldAreCountedAndNoLie() {
        PredictionJudge.Result lq = judge(client("lq", "LOCAL_QUORUM"), box("lq", "LOCAL_QUORUM", false, SURVIVES_1, R3_FATAL));
        assertEquals(List.of(1, 1, List.of()), List.of(lq.judged(), lq.held(), lq.lies()));
        assertEquals(List.of("lq LOCAL_QUORUM 'survives 1 rack', freeze DC1:r3: written, held"), lq.judgements());
        assertEquals(List.of("LOCAL_QUORUM / one rack"), List.copyOf(lq.byLevelAndCut().keySet()));
        assertEquals(List.of(1, 1), java.util.Arrays.stream(lq.byLevelAndCut().get("LOCAL_QUORUM / one rack")).boxed().toList());
        PredictionJudge.Result all = judge(client("all", "ALL"), box("all", "ALL", true, NEEDS_ALL,
                "{\"kind\":\"fails_now\",\"words\":\"fails: 4 of 5 up\"}"));
        assertEquals(List.of(1, 1, List.of()), List.of(all.judged(), all.held(), all.lies()));
    }

    @Test
    void aPlantedWrongPredictionIsALie() {
        // LOCAL_QUORUM said its write would fail without DC1:r3, and it went on writing
        PredictionJudge.Result lq = judge(client("lq", "LOCAL_QUORUM"), box("lq", "LOCAL_QUORUM", false, R3_FATAL, R3_FATAL));
        assertEquals(1, lq.lies().size(), lq.toString());
        assertEquals("prediction", lq.lies().get(0).what());
        assertEquals("'DC1:r3 cut:fails' at LOCAL_QUORUM before freeze DC1:r3 (DC1:r3), then written", lq.lies().get(0).detail());
        // ALL said it survived a rack, and failed under one
        PredictionJudge.Result all = judge(client("all", "ALL"), box("all", "ALL", true, SURVIVES_1, SURVIVES_1));
        assertEquals(List.of(1, 0), List.of(all.judged(), all.held()));
        assertEquals(List.of(1, 0), java.util.Arrays.stream(all.byLevelAndCut().get("ALL / one rack")).boxed().toList());
        assertTrue(all.lies().get(0).detail().endsWith("then unavailable"), all.toString());
        // only settled writes count: the failure's first line (+31 s, before the conviction) is not the one named
        assertTrue(all.lies().get(0).outcome().contains(at(47).toString()), all.lies().get(0).outcome());
    }

    @Test
    void aBoxWithoutAViewIsNotJudged() {
        List<Observed> noView = new ArrayList<>();
        for (Observed o : box("lq", "LOCAL_QUORUM", false, R3_FATAL, R3_FATAL)) {
            noView.add(new Observed(o.client(), o.seq(), o.at(), o.latency(), o.writeLevel(), o.readLevel(), o.kind(),
                    o.coordinator(), o.error(), o.readBack(), o.readError(), o.top(), o.bottom(), o.backlight(), o.line(),
                    o.run(), o.clockOffset(), Optional.empty()));
        }
        assertEquals(List.of(0, List.of()), List.of(judge(client("lq", "LOCAL_QUORUM"), noView).judged(),
                judge(client("lq", "LOCAL_QUORUM"), noView).lies()));
    }

    @Test
    void cutsAreOfTheKindsTheScheduleDraws() {
        Map<String, Observed.Coordinator> nodes = TruthCheckerTest.TOPOLOGY;
        assertEquals("one rack", PredictionJudge.kindOf(cut(List.of("DC1:r3")), nodes));
        assertEquals("two racks", PredictionJudge.kindOf(cut(List.of("DC1:r1", "DC2:r1")), nodes));
        assertEquals("a DC", PredictionJudge.kindOf(cut(List.of("DC2")), nodes));
        assertEquals("one node", PredictionJudge.kindOf(cut(List.of("rpidc2r1n2")), nodes));
    }

    private static Schedule.Cut cut(List<String> targets) {
        return new Schedule.Cut(Duration.ZERO, 1, targets, List.of(), false);
    }

    @Test
    void whatEachKindClaimsOfACut() {
        PredictionFields survives2 = new PredictionFields("survives", OptionalInt.of(2), List.of(), OptionalInt.empty(), "");
        PredictionFields fatal = new PredictionFields("survives", OptionalInt.of(0), List.of("DC1:r3"), OptionalInt.empty(), "");
        PredictionFields all = new PredictionFields("needs_all", OptionalInt.empty(), List.of(), OptionalInt.of(5), "");
        Set<String> r3 = Set.of("DC1:r3");
        Set<String> three = Set.of("DC1:r1", "DC1:r2", "DC1:r3");
        assertEquals(Optional.of(PredictionJudge.Claim.WRITES), PredictionJudge.claim(survives2, Set.of("DC1:r1", "DC1:r2"), Set.of(), true));
        assertEquals(Optional.empty(), PredictionJudge.claim(survives2, three, three, true), "three racks: no claim");
        assertEquals(Optional.of(PredictionJudge.Claim.FAILS), PredictionJudge.claim(fatal, r3, r3, true));
        assertEquals(Optional.empty(), PredictionJudge.claim(fatal, r3, Set.of(), true), "a node of a fatal rack: no claim");
        assertEquals(Optional.of(PredictionJudge.Claim.WRITES), PredictionJudge.claim(fatal, Set.of("DC1:r1"), Set.of(), true));
        assertEquals(Optional.of(PredictionJudge.Claim.FAILS), PredictionJudge.claim(all, r3, r3, true));
        assertEquals(Optional.empty(), PredictionJudge.claim(all, r3, r3, false), "no replica taken: no claim");
    }
}
