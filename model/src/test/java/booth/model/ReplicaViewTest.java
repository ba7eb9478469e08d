package booth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.ReplicaView.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The predictions on the reference booth (demo-scripts/topology/booth.topology): DC1's racks
 * r1, r2, r3 of two nodes, one replica of the client's partition in each; DC2's one rack of
 * three nodes, all replicas (DC1=3, DC2=3). Each expectation is worked out by hand in its
 * comment, from Cassandra's rules.
 */
class ReplicaViewTest {
    private static final Map<String, Integer> REPLICATION = Map.of("DC1", 3, "DC2", 3);

    /** The booth with the racks in {@code down} powered off, as {@code localDc}'s client sees it. */
    private static ReplicaView booth(String localDc, boolean dcFailover, String... down) {
        Set<String> off = Set.of(down);
        List<Member> members = new ArrayList<>();
        for (String rack : List.of("r1", "r2", "r3")) {
            boolean up = !off.contains("DC1:" + rack);
            members.add(new Member("dc1-" + rack + "-n1", "DC1", rack, up, true));
            members.add(new Member("dc1-" + rack + "-n2", "DC1", rack, up, false));
        }
        for (int n = 1; n <= 3; n++) {
            members.add(new Member("dc2-r1-n" + n, "DC2", "r1", !off.contains("DC2:r1"), true));
        }
        return new ReplicaView(members, REPLICATION, localDc, dcFailover);
    }

    private static Map<Level, String> words(ReplicaView view) {
        Map<Level, String> words = new LinkedHashMap<>();
        ReplicaView.LEVELS.forEach(level -> words.put(level, view.predict(level).words()));
        return words;
    }

    @Test
    void everyLevelOnTheWholeBoothFromDc1() {
        Map<Level, String> expected = new LinkedHashMap<>();
        // 6 replicas; without failover a coordinator needs a DC1 node: all three DC1 racks cut fails
        expected.put(Level.ONE, "survives 2 racks");
        // DC1 r1, r2 and DC2 cut leave one replica
        expected.put(Level.TWO, "survives 2 racks");
        // DC2 and one DC1 rack cut leave two
        expected.put(Level.THREE, "survives 1 rack");
        // 4 of 6: DC2's rack holds three, so its cut alone leaves three; two DC1 racks leave four
        expected.put(Level.QUORUM, "DC2:r1 cut:fails");
        expected.put(Level.ALL, "needs all 6");
        expected.put(Level.LOCAL_ONE, "survives 2 racks");
        // 2 of DC1's 3: any one DC1 rack, or DC2, is survived; two DC1 racks are not
        expected.put(Level.LOCAL_QUORUM, "survives 1 rack");
        expected.put(Level.EACH_QUORUM, "DC2:r1 cut:fails");
        // only a coordinator: three DC1 racks
        expected.put(Level.ANY, "survives 2 racks");
        assertEquals(expected, words(booth("DC1", false)));
    }

    @Test
    void failoverLetsAnotherDcCoordinateAllButTheLocalLevels() {
        ReplicaView view = booth("DC1", true);
        // DC1's three racks cut: DC2 coordinates and holds three replicas; all four racks fail it
        assertEquals(new Prediction.Survives(Level.ONE, 3, List.of()), view.predict(Level.ONE));
        assertEquals("survives 3 racks", view.predict(Level.ANY).words());
        // local levels never fail over
        assertEquals("survives 2 racks", view.predict(Level.LOCAL_ONE).words());
    }

    @Test
    void dc2sClientHasOneRackToLose() {
        ReplicaView view = booth("DC2", false);
        assertEquals(new Prediction.Survives(Level.LOCAL_QUORUM, 0, List.of("DC2:r1")), view.predict(Level.LOCAL_QUORUM));
        assertEquals("DC2:r1 cut:fails", view.predict(Level.LOCAL_ONE).words());
    }

    @Test
    void afterCuts() {
        // DC1 r1 off: LOCAL_QUORUM has 2 of 2 needed; either other DC1 rack fails it
        ReplicaView oneOff = booth("DC1", false, "DC1:r1");
        assertEquals(new Prediction.Survives(Level.LOCAL_QUORUM, 0, List.of("DC1:r2", "DC1:r3")),
                oneOff.predict(Level.LOCAL_QUORUM));
        assertEquals("2 racks fatal", oneOff.predict(Level.LOCAL_QUORUM).words());
        assertEquals("fails: 5 of 6 up", oneOff.predict(Level.ALL).words());

        ReplicaView twoOff = booth("DC1", false, "DC1:r1", "DC1:r2");
        assertEquals("fails: 1 of 2 up", twoOff.predict(Level.LOCAL_QUORUM).words());
        assertEquals("DC1:r3 cut:fails", twoOff.predict(Level.LOCAL_ONE).words());
        // QUORUM still has four: the surprise a visitor may not expect
        assertTrue(twoOff.writes(Level.QUORUM, Set.of()).accepted());

        assertEquals("fails: DC2 0/2", booth("DC1", false, "DC2:r1").predict(Level.EACH_QUORUM).words());
        assertEquals("fails: no node", booth("DC1", false, "DC1:r1", "DC1:r2", "DC1:r3").predict(Level.ANY).words());
    }

    @Test
    void aPredictionHoldsForEveryCutItCovers() {
        // what the checker will do after a cut: the view before it, asked about the cut made
        for (Level level : ReplicaView.LEVELS) {
            ReplicaView view = booth("DC1", false);
            Prediction p = view.predict(level);
            for (String rack : view.racksUp()) {
                boolean accepted = view.writes(level, Set.of(rack)).accepted();
                if (p instanceof Prediction.Survives s) {
                    assertEquals(!s.fatal().contains(rack), accepted, level + " without " + rack + ": " + p);
                } else {
                    assertFalse(accepted, level + " without " + rack + ": " + p); // fails now, or needs all
                }
            }
        }
    }

    @Test
    void wordsFitARowWhateverTheNames() {
        // both of the north's replicas in one rack, the south's one replica down
        List<Member> members = List.of(
                new Member("a1", "datacenter-north-1", "rack-a", true, true),
                new Member("a2", "datacenter-north-1", "rack-a", true, true),
                new Member("b", "datacenter-north-1", "rack-b", true, false),
                new Member("c", "datacenter-south-2", "rack-c", false, true));
        ReplicaView view = new ReplicaView(members, Map.of("datacenter-north-1", 2, "datacenter-south-2", 1),
                "datacenter-north-1", false);
        for (Level level : ReplicaView.LEVELS) {
            String words = view.predict(level).words();
            assertTrue(words.length() <= Prediction.WIDTH, level + ": '" + words + "'");
        }
        assertEquals("fails now", view.predict(Level.EACH_QUORUM).words());
        assertEquals("1 rack fatal", view.predict(Level.LOCAL_QUORUM).words());
    }

    @Test
    void onlyWriteLevelsArePredicted() {
        assertThrows(IllegalArgumentException.class, () -> booth("DC1", false).predict(Level.SERIAL));
    }
}
