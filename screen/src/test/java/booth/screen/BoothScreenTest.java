package booth.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.screen.BoothScreen.Source;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The screen's state, fed with events and a clock: no Kafka, no threads. */
class BoothScreenTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final BoothScreen screen = new BoothScreen(Duration.ofSeconds(3), Optional.empty(), ZoneOffset.UTC);

    static String written(String client, Instant at, double ms, String address) {
        return """
                {"v":1,"type":"outcome","client":"%s","seq":1,"time":"%s","write_level":"ALL","read_level":"LOCAL_ONE",
                 "kind":"written","latency_ms":%s,"coordinator":{"dc":"DC1","rack":"r1","address":"%s","name":"rpidc1r1n1"},
                 "error":null,"read_back":{"kind":"not_read"},"screen":["W:ALL         \\ue000\\ue002","DC1 r1 n1    3ms"],
                 "backlight":"GREEN","text":"DC1 r1 n1 3ms"}""".formatted(client, at, ms, address).replace("\n", "");
    }

    static String failed(String client, Instant at, String kind, String text) {
        return """
                {"v":1,"type":"outcome","client":"%s","seq":2,"time":"%s","write_level":"ALL","read_level":"LOCAL_ONE",
                 "kind":"%s","latency_ms":500.0,"coordinator":null,"error":{"kind":"%s"},"read_back":{"kind":"not_read"},
                 "screen":["W:ALL         \\ue000\\ue002","%-16s"],"backlight":"RED","text":"%s"}"""
                .formatted(client, at, kind, kind, text.length() > 16 ? text.substring(0, 16) : text, text).replace("\n", "");
    }

    static String view(String client, Instant at, String r3State) {
        return """
                {"v":1,"type":"cluster","client":"%s","time":"%s","local_dc":"DC1","nodes":[
                 {"dc":"DC1","rack":"r1","address":"127.0.1.1","name":"rpidc1r1n1","state":"up","open_connections":1},
                 {"dc":"DC1","rack":"r3","address":"127.0.1.3","name":"rpidc1r3n1","state":"%s","open_connections":0}]}"""
                .formatted(client, at, r3State).replace("\n", "");
    }

    /** The page's JSON read as its script reads it. */
    private JsonNode snapshot(Instant now) {
        return snapshotOf(screen, now);
    }

    private static JsonNode node(JsonNode s, String address) {
        for (JsonNode dc : s.get("dcs")) {
            for (JsonNode rack : dc.get("racks")) {
                for (JsonNode n : rack.get("nodes")) {
                    if (n.get("address").asText().equals(address)) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("no node " + address + " in " + s);
    }

    @Test
    void anOutcomeIsMirroredWithItsRowsColourCountsAndLatency() {
        assertTrue(screen.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0));
        assertTrue(screen.accept(Source.OUTCOME, written("laptop1", T0.plusSeconds(1), 5.0, "127.0.1.1"), T0.plusSeconds(1)));
        JsonNode c = snapshot(T0.plusSeconds(1)).get("clients").get(0);
        assertEquals("laptop1", c.get("client").asText());
        assertEquals("W:ALL         \u2195\u2192", c.get("screen").get(0).asText(), "glyphs drawn as the plate shows them");
        assertEquals("DC1 r1 n1    3ms", c.get("screen").get(1).asText());
        assertEquals("GREEN", c.get("backlight").asText());
        assertEquals(2, c.get("ok").asLong());
        assertEquals(0, c.get("failed").asLong());
        assertEquals(3.0, c.get("p50_ms").asDouble());
        assertEquals(5.0, c.get("p99_ms").asDouble());
        assertEquals(List.of("written", "written"), texts(c.get("strip")));
        assertFalse(c.get("silent").asBoolean());
    }

    @Test
    void theLagIsFromTheClientsAnswerToThisScreen() {
        // sent at T0, answered 3 ms later, received 203 ms after T0: 200 ms from the client's LCD to here
        screen.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0.plusMillis(203));
        JsonNode stream = snapshot(T0.plusSeconds(1)).get("stream");
        assertEquals(200.0, stream.get("lag_p50_ms").asDouble());
        assertEquals(200.0, stream.get("lag_p99_ms").asDouble());
    }

    /** The daemon's own serializers, not hand-written JSON: what the clients really send is read. */
    /** A box in the Kafka demo: its LCD mirrored, its acks as its level, acknowledged counted as ok; nothing malformed. */
    @Test
    void aKafkaDemoBoxsRecordsAreMirroredToo() {
        booth.model.ProduceOutcome acked = new booth.model.ProduceOutcome(3, T0, booth.model.Acks.ALL, "booth.demo.rpiclient1",
                Optional.of(2), 0, 41, Duration.ofMillis(9), Optional.empty());
        booth.hal.PlateFrame green = booth.display.KafkaFrames.acksPage(booth.model.Acks.ALL, Optional.of(acked), false, 0, false, Optional.empty());
        String line = booth.protocol.ProduceJson.encode(acked, Optional.empty(), booth.model.CircleCounts.EMPTY, shown(green),
                booth.display.KafkaFrames.outcomeText(acked)).eventLine("rpiclient1");
        booth.model.ProduceOutcome refused = new booth.model.ProduceOutcome(4, T0.plusSeconds(1), booth.model.Acks.ALL,
                "booth.demo.rpiclient1", Optional.of(2), 0, -1, Duration.ofMillis(180),
                Optional.of(new booth.model.ProduceFailure.NotEnoughReplicas(false)));
        booth.hal.PlateFrame red = booth.display.KafkaFrames.acksPage(booth.model.Acks.ALL, Optional.of(refused), false, 0, false, Optional.empty());
        String refusedLine = booth.protocol.ProduceJson.encode(refused, Optional.empty(), booth.model.CircleCounts.EMPTY,
                shown(red), booth.display.KafkaFrames.outcomeText(refused)).eventLine("rpiclient1");
        assertTrue(screen.accept(Source.OUTCOME, line, T0));
        assertTrue(screen.accept(Source.OUTCOME, refusedLine, T0.plusSeconds(1)));
        JsonNode s = snapshot(T0.plusSeconds(1));
        JsonNode c = s.get("clients").get(0);
        assertEquals("NotEnoughReplica", c.get("screen").get(1).asText());
        assertEquals("RED", c.get("backlight").asText());
        assertEquals("acks=all", c.get("write_level").asText());
        assertEquals(1, c.get("ok").asLong());
        assertEquals(1, c.get("failed").asLong());
        assertEquals(0, s.get("stream").get("malformed").asLong());
    }

    @Test
    void theDaemonsEventsAreReadAsTheyAreWritten() {
        booth.model.WriteOutcome unavailable = new booth.model.WriteOutcome("0a1b2c3d4e5f", 7, T0, booth.model.Level.ALL, booth.model.Level.LOCAL_ONE,
                Optional.of(new booth.model.Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1")), Duration.ofMillis(3),
                Optional.of(new booth.model.Failure.Unavailable(booth.model.Level.ALL, 5, 4)),
                new booth.model.ReadBack.NotRead());
        booth.hal.PlateFrame red = new booth.hal.PlateFrame("W:ALL         \ue000\ue002", "Unavail 4/5 up  ",
                booth.hal.Backlight.RED, booth.display.Frames.GLYPHS);
        String outcome = booth.protocol.OutcomeJson.encode(unavailable, shown(red), booth.display.Frames.outcomeText(unavailable), Optional.empty())
                .eventLine("rpiclient1");
        String cluster = booth.protocol.Wire.line(booth.protocol.ClusterJson.of("rpiclient1", T0, new booth.model.ClusterView("DC1", List.of(
                new booth.model.ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true)), java.util.Map.of("DC1", 3, "DC2", 3), false)));
        String health = booth.protocol.Wire.line(booth.protocol.HealthJson.of("rpiclient1", T0, new booth.model.Health(
                Optional.empty(), Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), 1, 2, 3, 4, booth.model.ClockSync.NOT_SYNCHRONISED), 10, 9, 1));
        assertTrue(screen.accept(Source.OUTCOME, outcome, T0));
        assertTrue(screen.accept(Source.CLUSTER, cluster, T0));
        assertTrue(screen.accept(Source.HEALTH, health, T0));
        JsonNode s = snapshot(T0);
        JsonNode c = s.get("clients").get(0);
        assertEquals("Unavail 4/5 up  ", c.get("screen").get(1).asText());
        assertEquals("RED", c.get("backlight").asText());
        assertEquals("Unavail 4/5 up at DC1 r1 n1", c.get("text").asText());
        assertEquals(1, c.get("health").get("events_dropped").asLong());
        assertEquals("not_synchronised", c.get("health").get("clock").asText(), "the page marks the client's clock");
        assertEquals(List.of("rpiclient1"), texts(node(s, "127.0.1.1").get("coordinated_for")));
        assertEquals("up", node(s, "127.0.1.1").get("belief").asText());
        assertEquals(0, s.get("stream").get("malformed").asLong());
    }

    @Test
    void aMalformedEventIsCountedAndNothingOfItShown() {
        List<String> bad = List.of("not json", "{\"v\":2,\"type\":\"outcome\",\"client\":\"x\"}",
                written("laptop1", T0, 3.0, "127.0.1.1").replace("\"v\":1", "\"v\":\"1\""),
                written("laptop1", T0, 3.0, "127.0.1.1").replace("\"type\":\"outcome\"", "\"type\":\"health\""),
                written("laptop1", T0, 3.0, "127.0.1.1").replace("\"backlight\":\"GREEN\"", "\"backlight\":\"PINK\""),
                written("laptop1", T0, 3.0, "127.0.1.1").replace("DC1 r1 n1    3ms", "a row that is far too long for a plate"),
                written("laptop1", T0, 3.0, "127.0.1.1").replace("\"client\":\"laptop1\"", "\"client\":\"<b>x</b>\""),
                written("laptop1", T0, 3.0, "127.0.1.1").replace(T0.toString(), "yesterday"),
                written("laptop1", T0, 3.0, "127.0.1.1") + "{}",
                view("laptop1", T0, "down").replace("\"open_connections\":0", "\"open_connections\":\"none\""));
        for (String b : bad) {
            assertFalse(screen.accept(b.contains("\"cluster\"") ? Source.CLUSTER : Source.OUTCOME, b, T0), b);
        }
        JsonNode s = snapshot(T0);
        assertEquals(bad.size(), s.get("stream").get("malformed").asLong());
        assertEquals(0, s.get("clients").size(), "no client made of a malformed event");
        assertEquals(0, s.get("dcs").size(), "no node made of a malformed view");
    }

    @Test
    void aClientAndTheStreamWithoutEventsAreSilentNotLive() {
        JsonNode none = snapshot(T0).get("stream");
        assertTrue(none.get("silent").asBoolean(), "no event yet is not live");
        screen.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0);
        JsonNode live = snapshot(T0.plusMillis(2900));
        assertFalse(live.get("stream").get("silent").asBoolean());
        assertFalse(live.get("clients").get(0).get("silent").asBoolean());
        JsonNode later = snapshot(T0.plusSeconds(12));
        assertTrue(later.get("stream").get("silent").asBoolean());
        assertEquals(12, later.get("stream").get("silent_s").asLong());
        assertTrue(later.get("clients").get(0).get("silent").asBoolean());
        assertEquals(12, later.get("clients").get(0).get("silent_s").asLong());
    }

    @Test
    void historyReadAtStartIsNeverShownAsLive() {
        // the screen starts at T0+60 s and reads the last minute: laptop1 fell silent at T0+10 s
        screen.replay(Source.CLUSTER, view("laptop1", T0.plusSeconds(10), "up"), T0.plusSeconds(10));
        screen.replay(Source.OUTCOME, written("laptop1", T0.plusSeconds(10), 3.0, "127.0.1.1"), T0.plusSeconds(10));
        JsonNode s = snapshot(T0.plusSeconds(60));
        assertTrue(s.get("clients").get(0).get("silent").asBoolean());
        assertEquals(50, s.get("clients").get(0).get("silent_s").asLong());
        assertTrue(s.get("stream").get("silent").asBoolean());
        assertEquals("none", node(s, "127.0.1.1").get("belief").asText());
        assertTrue(s.get("stream").get("lag_p50_ms").isNull(), "no lag measured on history");
        assertEquals("DC1 r1 n1    3ms", s.get("clients").get(0).get("screen").get(1).asText(), "its last screen is kept, shown as silent");
    }

    @Test
    void nodesAreColouredByWhatTheLiveDriversBelieve() {
        screen.accept(Source.CLUSTER, view("laptop1", T0, "up"), T0);
        screen.accept(Source.CLUSTER, view("laptop2", T0, "up"), T0);
        assertEquals("up", node(snapshot(T0), "127.0.1.3").get("belief").asText());
        screen.accept(Source.CLUSTER, view("laptop1", T0.plusSeconds(1), "down"), T0.plusSeconds(1));
        assertEquals("disagree", node(snapshot(T0.plusSeconds(1)), "127.0.1.3").get("belief").asText());
        screen.accept(Source.CLUSTER, view("laptop2", T0.plusSeconds(2), "down"), T0.plusSeconds(2));
        JsonNode n = node(snapshot(T0.plusSeconds(2)), "127.0.1.3");
        assertEquals("down", n.get("belief").asText());
        assertEquals("DC1 r3 n1", n.get("label").asText());
        // laptop2 falls silent: its view no longer counts, laptop1's still does
        screen.accept(Source.CLUSTER, view("laptop1", T0.plusSeconds(4), "up"), T0.plusSeconds(4));
        assertEquals("up", node(snapshot(T0.plusSeconds(5)), "127.0.1.3").get("belief").asText());
        assertEquals("none", node(snapshot(T0.plusSeconds(60)), "127.0.1.3").get("belief").asText(),
                "with no live view a node is not drawn as up");
    }

    /** Six replicas, one a rack in two DCs; DC1's r3 as {@code r3State}. */
    static String replicaView(String client, Instant at, String r3State) {
        StringBuilder nodes = new StringBuilder();
        for (String dc : List.of("DC1", "DC2")) {
            for (int r = 1; r <= 3; r++) {
                String state = dc.equals("DC1") && r == 3 ? r3State : "up";
                nodes.append(nodes.isEmpty() ? "" : ",").append("""
                        {"dc":"%s","rack":"r%d","address":"127.0.%s.%d","name":null,"state":"%s","open_connections":1,\
                        "replica":true}""".formatted(dc, r, dc.substring(2), r, state));
            }
        }
        return """
                {"v":1,"type":"cluster","client":"%s","time":"%s","local_dc":"DC1","nodes":[%s],
                 "replication":[{"dc":"DC1","factor":3},{"dc":"DC2","factor":3}],"dc_failover":false}"""
                .formatted(client, at, nodes).replace("\n", "");
    }

    private static java.util.Map<String, String> predictions(JsonNode client) {
        java.util.Map<String, String> words = new java.util.LinkedHashMap<>();
        client.get("predictions").forEach(p -> words.put(p.get("level").asText(), p.get("words").asText()));
        return words;
    }

    @Test
    void eachLevelIsPredictedFromTheClientsOwnViewOfItsReplicas() {
        assertTrue(screen.accept(Source.CLUSTER, replicaView("laptop1", T0, "up"), T0));
        java.util.Map<String, String> healthy = predictions(snapshot(T0).get("clients").get(0));
        assertEquals(booth.model.ReplicaView.LEVELS.stream().map(Enum::name).toList(), List.copyOf(healthy.keySet()),
                "every level a write may use, in order");
        assertEquals("survives 1 rack", healthy.get("LOCAL_QUORUM"));
        assertEquals("needs all 6", healthy.get("ALL"));
        assertEquals("survives 2 racks", healthy.get("QUORUM"));

        assertTrue(screen.accept(Source.CLUSTER, replicaView("laptop1", T0.plusSeconds(1), "down"), T0.plusSeconds(1)));
        java.util.Map<String, String> cut = predictions(snapshot(T0.plusSeconds(1)).get("clients").get(0));
        assertEquals("2 racks fatal", cut.get("LOCAL_QUORUM"), "DC1's two racks left: either one's cut fails it");
        assertEquals("fails: 5 of 6 up", cut.get("ALL"));
        assertEquals("survives 1 rack", cut.get("QUORUM"));

        // a client older than the replicas in its view: nothing predicted, nothing guessed
        assertTrue(screen.accept(Source.CLUSTER, view("laptop2", T0, "up"), T0));
        JsonNode s = snapshot(T0.plusSeconds(1));
        assertEquals("laptop2", s.get("clients").get(1).get("client").asText());
        assertEquals(0, s.get("clients").get(1).get("predictions").size());
    }

    /** After a cut its driver saw, the first write at its level 10 s on says whether the prediction held. */
    @Test
    void theTimelineSaysWhetherThePredictionMadeBeforeACutHeld() {
        for (boolean plantedWrong : new boolean[] {false, true}) {
            BoothScreen s = new BoothScreen(Duration.ofSeconds(3), Optional.empty(), ZoneOffset.UTC);
            s.accept(Source.CLUSTER, replicaView("laptop1", T0, "up"), T0);
            s.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0);
            s.accept(Source.CLUSTER, replicaView("laptop1", T0.plusSeconds(3), "down"), T0.plusSeconds(3));
            // before the cut settles: not judged
            s.accept(Source.OUTCOME, written("laptop1", T0.plusSeconds(5), 3.0, "127.0.1.1"), T0.plusSeconds(5));
            Instant settled = T0.plusSeconds(13);
            s.accept(Source.OUTCOME, plantedWrong ? written("laptop1", settled, 3.0, "127.0.1.1")
                    : failed("laptop1", settled, "unavailable", "Unavail 5/6 up"), settled);
            List<String> lines = new ArrayList<>();
            snapshotOf(s, settled).get("timeline").forEach(t -> lines.add(t.get("text").asText()));
            assertEquals(List.of(plantedWrong ? "laptop1: ALL predicted 'needs all 6': did NOT hold, written"
                    : "laptop1: ALL predicted 'needs all 6': held, Unavail 5/6 up"),
                    lines.stream().filter(l -> l.contains("predicted")).toList(), lines.toString());
        }
        // a node back before the cut settled: nothing judged
        BoothScreen s = new BoothScreen(Duration.ofSeconds(3), Optional.empty(), ZoneOffset.UTC);
        s.accept(Source.CLUSTER, replicaView("laptop1", T0, "up"), T0);
        s.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0);
        s.accept(Source.CLUSTER, replicaView("laptop1", T0.plusSeconds(3), "down"), T0.plusSeconds(3));
        s.accept(Source.CLUSTER, replicaView("laptop1", T0.plusSeconds(6), "up"), T0.plusSeconds(6));
        s.accept(Source.OUTCOME, written("laptop1", T0.plusSeconds(14), 3.0, "127.0.1.1"), T0.plusSeconds(14));
        assertFalse(snapshotOf(s, T0.plusSeconds(14)).get("timeline").toString().contains("predicted"));
    }

    private static JsonNode snapshotOf(BoothScreen s, Instant now) {
        try {
            return new ObjectMapper().readTree(s.snapshot(now, Set.of()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCoordinatorOfEachClientsLastWriteIsMarked() {
        screen.accept(Source.CLUSTER, view("laptop1", T0, "up"), T0);
        screen.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.3"), T0);
        JsonNode s = snapshot(T0);
        assertEquals(List.of("laptop1"), texts(node(s, "127.0.1.3").get("coordinated_for")));
        assertEquals(List.of(), texts(node(s, "127.0.1.1").get("coordinated_for")));
    }

    @Test
    void theTimelineSaysWhatChangedCountedFromTheFirstSign() {
        screen.accept(Source.CLUSTER, view("laptop1", T0, "up"), T0);
        screen.accept(Source.OUTCOME, written("laptop1", T0, 3.0, "127.0.1.1"), T0);
        screen.accept(Source.OUTCOME, failed("laptop1", T0.plusMillis(1100), "write_timeout", "Timeout 2/3 acks at DC1 r1 n1"), T0.plusSeconds(1));
        screen.accept(Source.OUTCOME, failed("laptop1", T0.plusMillis(2100), "write_timeout", "Timeout 2/3 acks at DC1 r1 n1"), T0.plusSeconds(2));
        screen.accept(Source.CLUSTER, view("laptop1", T0.plusMillis(3100), "down"), T0.plusSeconds(3));
        screen.accept(Source.OUTCOME, failed("laptop1", T0.plusMillis(14500), "unavailable", "Unavail 4/5 up at DC1 r1 n1"), T0.plusSeconds(14));
        screen.accept(Source.CLUSTER, view("laptop1", T0.plusMillis(30000), "up"), T0.plusSeconds(30));
        screen.accept(Source.OUTCOME, written("laptop1", T0.plusMillis(30500), 4.0, "127.0.1.1"), T0.plusSeconds(30));
        List<String> lines = new ArrayList<>();
        snapshot(T0.plusSeconds(31)).get("timeline").forEach(e ->
                lines.add(e.get("time").asText() + " " + e.get("offset").asText() + " " + e.get("text").asText()));
        assertEquals(List.of(
                "10:00:01 +0.0 s laptop1: first failure at ALL: Timeout 2/3 acks at DC1 r1 n1",
                "10:00:03 +2.0 s DC1 r3 n1: down in laptop1's driver",
                "10:00:14 +13.4 s laptop1: now Unavail 4/5 up at DC1 r1 n1",
                "10:00:30 +28.9 s DC1 r3 n1: up again in laptop1's driver",
                "10:00:30 +29.4 s laptop1: writes succeed again at ALL (after 3 failed)"), lines);
        // calm again: the next failure counts from zero
        screen.accept(Source.OUTCOME, failed("laptop1", T0.plusSeconds(100), "no_node_available", "No coordinator"), T0.plusSeconds(100));
        JsonNode t = snapshot(T0.plusSeconds(100)).get("timeline");
        assertEquals("+0.0 s", t.get(t.size() - 1).get("offset").asText());
    }

    @Test
    void everythingStaysBoundedHoweverLongItRuns() {
        for (int i = 0; i < 5000; i++) {
            Instant at = T0.plusSeconds(i);
            screen.accept(Source.OUTCOME, i % 2 == 0 ? written("c" + i % 40, at, i % 7, "127.0.1.1")
                    : failed("c" + i % 40, at, "unavailable", "Unavail 1/2 up"), at);
        }
        JsonNode s = snapshot(T0.plusSeconds(5000));
        assertEquals(BoothScreen.CLIENTS, s.get("clients").size());
        assertTrue(s.get("timeline").size() <= BoothScreen.TIMELINE);
        s.get("clients").forEach(c -> assertTrue(c.get("strip").size() <= BoothScreen.STRIP));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A frame as the daemon puts it on the wire. */
    private static booth.protocol.LcdShown shown(booth.hal.PlateFrame frame) {
        return new booth.protocol.LcdShown(frame.top(), frame.bottom(), frame.backlight().name());
    }

    private static final String CI = """
            cluster     booth-ci
            replication DC1=2 DC2=1
            node  rpidc1r1n1  DC1  r1    127.0.1.1  seed
            node  rpidc1r3n1  DC1  r3    127.0.1.3
            node  rpidc2r1n1  DC2  r1    127.0.2.1  seed
            client  rpiclient1  DC1
            client  rpiclient2  DC2
            """;

    /** A cluster view of {@code n} nodes at made-up addresses. */
    private static String fakeNodes(String client, Instant at, int n) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < n; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"dc\":\"DCX\",\"rack\":\"rX\",\"address\":\"10.66.0.")
                    .append(i).append("\",\"name\":null,\"state\":\"up\",\"open_connections\":1}");
        }
        return "{\"v\":1,\"type\":\"cluster\",\"client\":\"" + client + "\",\"time\":\"" + at
                + "\",\"local_dc\":\"DC1\",\"nodes\":[" + nodes + "]}";
    }

    @Test
    void pinnedToTheTopologyFakeClientsAndNodesChangeNothingButTheCountsByKind() throws Exception {
        BoothScreen pinned = new BoothScreen(Duration.ofSeconds(3),
                Optional.of(booth.model.TopologyFile.parse("ci", CI)), ZoneOffset.UTC);
        assertTrue(pinned.accept(Source.OUTCOME, written("rpiclient1", T0, 3.0, "127.0.1.1"), T0));
        String before = pinned.snapshot(T0, Set.of());
        for (int i = 0; i < 16; i++) {
            assertFalse(pinned.accept(Source.OUTCOME, written("fake" + i, T0, 3.0, "127.0.1.1"), T0));
        }
        assertFalse(pinned.accept(Source.CLUSTER, fakeNodes("rpiclient9", T0, 64), T0), "a client the topology lacks");
        assertTrue(pinned.accept(Source.CLUSTER, fakeNodes("rpiclient2", T0, 64), T0), "the view is taken ...");
        assertFalse(pinned.accept(Source.CLUSTER, fakeNodes("rpiclient2", T0, 65), T0), "65 nodes: refused whole");
        assertFalse(pinned.accept(Source.OUTCOME, written("rpiclient1", T0, 3.0, "127.0.1.1").replace("DC1 r1 n1 3ms",
                "\\u001b]0;owned\\u0007DC1"), T0), "an escape in the text");
        assertFalse(pinned.accept(Source.OUTCOME, written("rpiclient1", T0, 3.0, "127.0.1.1").replace("DC1 r1 n1 3ms",
                "x".repeat(60_000)), T0), "a text of 60 kB");
        JsonNode after = new ObjectMapper().readTree(pinned.snapshot(T0, Set.of()));
        JsonNode was = new ObjectMapper().readTree(before);
        assertEquals(was.get("dcs"), after.get("dcs"), "... but no node the topology lacks is drawn");
        assertEquals(List.of("rpiclient1", "rpiclient2"), names(after), "the real clients only");
        assertEquals(was.get("clients").get(0), after.get("clients").get(0), "rpiclient1 as it was");
        assertEquals(new ObjectMapper().readTree("{\"control_characters\":1,\"too_large\":2,\"unknown_client\":17}"),
                after.get("stream").get("rejected"));
        assertEquals(20, after.get("stream").get("malformed").asLong(), "the page says how many were refused");
    }

    private static List<String> names(JsonNode s) {
        List<String> out = new ArrayList<>();
        s.get("clients").forEach(c -> out.add(c.get("client").asText()));
        return out;
    }
}
