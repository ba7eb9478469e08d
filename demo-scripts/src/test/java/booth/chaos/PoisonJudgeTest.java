package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.kafka.PoisonJudge;
import booth.chaos.kafka.PoisonLines;
import booth.model.Topology;
import booth.model.TopologyFile;
import booth.protocol.Rejection;
import booth.protocol.Rejections;
import booth.screen.BoothScreen;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The poison's judge on the booth screen's real state: a screen pinned to the CI topology fed
 * the boxes' events and the events poison passes; each planted fault (a screen that takes every
 * client, poison not all consumed, a boxes' event refused, an escape or a long string shown) is
 * found, one line per case.
 */
class PoisonJudgeTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final List<String> CLIENTS = List.of("rpiclient1", "rpiclient2");

    private final Topology topology = TopologyFile.read(Path.of("demo-scripts/topology/ci.topology"));
    private final PoisonJudge.Expected expected = new PoisonJudge.Expected(PoisonLines.EVENTS_REFUSED, Set.copyOf(CLIENTS),
            topology.nodes().stream().map(n -> n.address().getHostAddress()).collect(Collectors.toSet()));

    PoisonJudgeTest() throws Exception {
    }

    /** One of the boxes' outcome events, as a daemon publishes it. */
    private static String outcome(String client) {
        return """
                {"v":1,"type":"outcome","client":"%s","seq":1,"time":"%s","write_level":"LOCAL_QUORUM","read_level":"LOCAL_ONE",
                 "kind":"written","latency_ms":3.0,"coordinator":{"dc":"DC1","rack":"r1","address":"127.0.1.1","name":"rpidc1r1n1"},
                 "error":null,"read_back":{"kind":"not_read"},"screen":["W:LOCAL_QUORUM  ","DC1 r1 n1    3ms"],
                 "backlight":"GREEN","text":"DC1 r1 n1 3ms"}""".formatted(client, T0).replace("\n", "");
    }

    /** The state of a screen (pinned to the topology or not) fed each box's outcome and then {@code poison} of the events poison's lines. */
    private String state(boolean pinned, int poison) {
        BoothScreen screen = new BoothScreen(Duration.ofSeconds(10), pinned ? Optional.of(topology) : Optional.empty(),
                ZoneOffset.UTC, new Rejections("test screen", line -> { }, System::nanoTime));
        CLIENTS.forEach(c -> screen.accept(BoothScreen.Source.OUTCOME, outcome(c), T0));
        PoisonLines.events(CLIENTS.get(0), outcome(CLIENTS.get(0))).stream().limit(poison).forEach(l -> screen.accept(
                l.outcome() ? BoothScreen.Source.OUTCOME : BoothScreen.Source.CLUSTER, l.value(), T0.plusSeconds(1)));
        return screen.snapshot(T0.plusSeconds(2), Set.of());
    }

    private List<String> findings(String state) {
        return PoisonJudge.judge(state, expected).findings();
    }

    @Test
    void aPinnedScreenThatRefusedAllThePoisonPasses() {
        PoisonJudge.Verdict v = PoisonJudge.judge(state(true, Integer.MAX_VALUE), expected);
        assertEquals(List.of(), v.findings());
        Map<String, Long> want = new TreeMap<>();
        PoisonLines.EVENTS_REFUSED.forEach((kind, n) -> want.put(kind.wireName(), n));
        assertEquals(want, v.refused());
        assertEquals(20, v.refused().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void eachPlantedFaultIsFound() {
        String clean = state(true, Integer.MAX_VALUE);
        int all = PoisonLines.events("rpiclient1", outcome("rpiclient1")).size();
        // one line per plant: the state the screen would have, and the start of every finding it must give
        Map<String, List<String>> plants = new TreeMap<>(Map.of(
                // a screen that takes any client: the fakes shown, their nodes drawn, nothing refused as unknown
                state(false, Integer.MAX_VALUE), List.of("poison: the screen refused {control_characters=1, too_large=2}",
                        "poison: the screen's clients are [fake01, fake02", "poison: the screen's nodes are [127.0.9.1, 127.0.9.10,"),
                // the last view (the fake's 64 nodes) never consumed
                state(true, all - 1), List.of("poison: the screen refused {control_characters=1, too_large=2, unknown_client=16}"),
                // one of the boxes' own events refused besides the poison
                addRefusal(clean), List.of("poison: the screen refused {control_characters=1, malformed=1, too_large=2, unknown_client=17}"),
                plant(clean, s -> s.replace("DC1 r1 n1 3ms", "\\u001B[2J all is well")), List.of("poison: the screen's state carries an escape"),
                plant(clean, s -> s.replace("DC1 r1 n1 3ms", "\u009b31m")), List.of("poison: the screen's state holds a control character"),
                plant(clean, s -> s.replace("DC1 r1 n1 3ms", "y".repeat(200))), List.of("poison: the screen's state shows a poisoned long string"),
                "not json", List.of("poison: the screen's state does not read")));
        plants.forEach((state, starts) -> {
            List<String> found = findings(state);
            assertEquals(starts.size(), found.size(), "findings: " + found);
            for (int i = 0; i < starts.size(); i++) {
                assertTrue(found.get(i).startsWith(starts.get(i)), "finding " + i + ": " + found.get(i) + ", expected " + starts.get(i));
            }
        });
    }

    /** {@code state} with one more refusal counted, of a kind the poison has none of. */
    private static String addRefusal(String state) {
        return plant(state, s -> s.replace("\"rejected\":{", "\"rejected\":{\"" + Rejection.MALFORMED.wireName() + "\":1,"));
    }

    private static String plant(String state, UnaryOperator<String> fault) {
        String planted = fault.apply(state);
        assertTrue(!planted.equals(state), "the plant changed nothing");
        return planted;
    }
}
