package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Topology;
import booth.model.TopologyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chaos schedule: replayable, and never more than the topology can come back from. */
class ScheduleTest {
    private static Topology topology(String file) throws Exception {
        return TopologyFile.read(Path.of("demo-scripts/topology", file));
    }

    @Test
    void theSameSeedGivesTheSameRun() throws Exception {
        Topology t = topology("booth-laptop.topology");
        assertEquals(Schedule.plan(t, 42, Duration.ofMinutes(30)), Schedule.plan(t, 42, Duration.ofMinutes(30)));
        assertTrue(!Schedule.plan(t, 42, Duration.ofMinutes(30)).equals(Schedule.plan(t, 43, Duration.ofMinutes(30))));
    }

    @Test
    void everyCutIsRestoredInTimeAndTheClusterCanAlwaysComeBack() throws Exception {
        for (String file : List.of("ci.topology", "booth-laptop.topology")) {
            Topology t = topology(file);
            Set<String> seeds = new HashSet<>();
            t.seeds().forEach(n -> seeds.add(n.name()));
            Set<String> kinds = new HashSet<>();
            for (long seed = 1; seed <= 40; seed++) {
                Duration length = Duration.ofMinutes(60);
                List<Schedule.Action> plan = Schedule.plan(t, seed, length);
                Map<Integer, Schedule.Cut> open = new HashMap<>();
                Set<String> dark = new HashSet<>();
                for (Schedule.Action a : plan) {
                    assertTrue(a.at().compareTo(length) <= 0, a.toString());
                    kinds.add(a.getClass().getSimpleName());
                    if (a instanceof Schedule.Cut c) {
                        for (String n : c.nodes()) {
                            assertTrue(dark.add(n), "cut twice at once: " + n + " in " + file + " seed " + seed);
                        }
                        assertTrue(dark.size() < t.nodes().size(), "every node dark: " + file + " seed " + seed);
                        assertTrue(!dark.containsAll(seeds), "every seed dark: " + file + " seed " + seed);
                        assertTrue(!c.kill() || c.nodes().stream().noneMatch(seeds::contains), "a seed killed: " + c);
                        assertTrue(!c.kill() || c.targets().stream().noneMatch(t.dcs()::contains), "a whole DC killed: " + c);
                        open.put(c.id(), c);
                    } else if (a instanceof Schedule.Restore r) {
                        Schedule.Cut c = open.remove(r.id());
                        long lasted = r.at().minus(c.at()).toSeconds();
                        assertTrue(lasted <= 90 && (lasted >= 5 || r.at().equals(length)), c + " lasted " + lasted + " s");
                        c.nodes().forEach(dark::remove);
                    }
                }
                assertTrue(open.isEmpty(), "left cut at the end: " + open.values());
            }
            assertEquals(Set.of("Cut", "Restore", "SetLevel", "Pause", "Resume", "Reset", "ClockStep", "LogStall", "Flood", "Poison"), kinds, file);
        }
    }

    /** The booth floor's faults are in every run, the 5-minute CI run included, whatever the draws. */
    @Test
    void everyRunHasTheFloorsFaults() throws Exception {
        Topology t = topology("ci.topology");
        for (long seed = 1; seed <= 40; seed++) {
            List<Schedule.Action> plan = Schedule.plan(t, seed, Duration.ofMinutes(5));
            Set<String> offsets = new HashSet<>();
            plan.stream().filter(a -> a instanceof Schedule.ClockStep).forEach(a -> offsets.add(((Schedule.ClockStep) a).offset()));
            assertTrue(offsets.containsAll(List.of("-10m", "+10m")), "seed " + seed + ": " + offsets);
            assertTrue(plan.stream().anyMatch(a -> a instanceof Schedule.Reset r && r.truncate()), "seed " + seed);
            assertTrue(plan.stream().anyMatch(a -> a instanceof Schedule.LogStall), "seed " + seed);
            assertTrue(plan.stream().anyMatch(a -> a instanceof Schedule.Flood f && f.lasts().toSeconds() >= 60), "seed " + seed);
            assertEquals(1, plan.stream().filter(a -> a instanceof Schedule.Poison p && t.clients().stream().anyMatch(c -> c.name().equals(p.client()))).count(),
                    "seed " + seed + ": one poison, made from a client of the topology");
            for (Schedule.Action a : plan) {
                if (a instanceof Schedule.ClockStep c) {
                    BoxLives.offset(c.offset()); // every offset drawn is one the run can start a daemon with
                }
            }
        }
    }

    /** No flood on a cold cluster: none drawn in a run's first minutes, over many seeds of an hour. */
    @Test
    void noFloodWhileTheClusterIsCold() throws Exception {
        Topology t = topology("booth-laptop.topology");
        int floods = 0;
        for (long seed = 1; seed <= 200; seed++) {
            for (Schedule.Action a : Schedule.plan(t, seed, Duration.ofMinutes(60))) {
                if (a instanceof Schedule.Flood f) {
                    floods++;
                    assertTrue(f.at().compareTo(Schedule.COLD) >= 0, "seed " + seed + ": " + f.describe() + " at " + f.at());
                }
            }
        }
        assertTrue(floods > 200, "the hours drew floods beyond the fixed one: " + floods);
    }
}
