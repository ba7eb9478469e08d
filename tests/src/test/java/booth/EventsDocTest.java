package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import booth.daemon.OutcomeSinks;
import booth.display.KafkaFrames;
import booth.display.Frames;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.ClockSync;
import booth.model.Health;
import booth.model.Level;
import booth.model.Prediction;
import booth.model.ReplicaView;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import booth.protocol.BusRecordJson;
import booth.protocol.ClusterJson;
import booth.protocol.HealthJson;
import booth.protocol.OutcomeJson;
import booth.protocol.ProduceJson;
import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md is the schema the encoders write: every object's table lists exactly the
 * fields that object carries in the lines the booth writes, every kind of outcome and failure
 * included. The lines are made by the real encoders from every kind of value; a field added to
 * the wire and not to the document (or the other way) fails here.
 */
class EventsDocTest {
    static final Path EVENTS = Path.of("docs/events.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-21T07:24:44Z");

    /** The document's object (the heading its table stands under) and the fields the wire gives it. */
    static Map<String, Set<String>> fieldsOnTheWire() throws IOException {
        Map<String, Set<String>> fields = new TreeMap<>();
        for (String line : outcomeLines()) {
            JsonNode n = JSON.readTree(line);
            collect(fields, "## The outcome line", n);
            collect(fields, "### `coordinator`", n.get("coordinator"));
            collect(fields, "### `error`", n.get("error"));
            collect(fields, "### `read_back`", n.get("read_back"));
            collect(fields, "### `error`", n.get("read_back").get("error"));
            collect(fields, "### `prediction`", n.get("prediction"));
        }
        for (String line : recordOutcomeLines()) {
            JsonNode n = JSON.readTree(line);
            collect(fields, "## The Kafka demo's record outcome", n);
            collect(fields, "### `error` (Kafka demo)", n.get("error"));
            collect(fields, "### `isr`", n.get("isr"));
            collect(fields, "### `circle`", n.get("circle"));
        }
        JsonNode health = JSON.readTree(Wire.line(HealthJson.of("rpiclient1", AT, new Health(Optional.of(new BigDecimal("48.7")),
                Optional.of(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)), OptionalLong.of(1), OptionalLong.of(1),
                OptionalLong.of(1), 1, 2, 3, 4, ClockSync.SYNCHRONISED), 1, 1, 0)));
        collect(fields, "## The health event (`booth.health`)", health);
        collect(fields, "### `daemon`", health.get("daemon"));
        collect(fields, "### `events`", health.get("events"));
        JsonNode cluster = JSON.readTree(Wire.line(ClusterJson.of("rpiclient1", AT, new ClusterView("DC1", List.of(new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true)), Map.of("DC1", 3, "DC2", 3), false))));
        collect(fields, "## The cluster view (`booth.cluster`)", cluster);
        collect(fields, "### `nodes[]`", cluster.get("nodes").get(0));
        collect(fields, "## The bus recording line", JSON.readTree(BusRecordJson.line(
                new BusRecordJson.BusRecord(true, 0x20, 0x1a, List.of(0xb0), 12.5))));
        // the outcome event is the outcome line with its type and client
        JsonNode event = JSON.readTree(OutcomeJson.encode(written(Optional.empty()),
                OutcomeSinks.shown(Frames.writePage(Level.ALL, Optional.empty(), "DC1", false)), "x", Optional.empty())
                .eventLine("rpiclient1"));
        Set<String> added = new TreeSet<>();
        event.fieldNames().forEachRemaining(added::add);
        added.removeAll(fields.get("## The outcome line"));
        added.add("v");
        fields.put("## The outcome event (`booth.outcomes`)", added);
        return fields;
    }

    private static void collect(Map<String, Set<String>> fields, String object, JsonNode n) {
        if (n != null && n.isObject()) {
            n.fieldNames().forEachRemaining(f -> fields.computeIfAbsent(object, k -> new TreeSet<>()).add(f));
        }
    }

    private static WriteOutcome written(Optional<Failure> failure) {
        return new WriteOutcome("0a1b2c3d4e5f", 7, AT, Level.ALL, Level.LOCAL_ONE,
                Optional.of(new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1")), Duration.ofMillis(3), failure,
                new ReadBack.NotRead());
    }

    /** An outcome line of every failure kind and every read-back kind. */
    static List<String> outcomeLines() {
        List<Failure> failures = List.of(new Failure.Unavailable(Level.ALL, 5, 4),
                new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"), new Failure.ReadTimeout(Level.ALL, 1, 2, false),
                new Failure.ClientTimeout(Duration.ofSeconds(2)), new Failure.NoNodeAvailable(),
                new Failure.ConnectionLost("HeartbeatException"), new Failure.Overloaded("busy"),
                new Failure.Other("X", "y"));
        List<WriteOutcome> outcomes = new ArrayList<>();
        outcomes.add(written(Optional.empty()));
        failures.forEach(f -> outcomes.add(written(Optional.of(f))));
        for (ReadBack r : List.of(new ReadBack.Current(Duration.ofMillis(1)), new ReadBack.Stale(6, 7, Duration.ofMillis(1)),
                new ReadBack.Missing(Duration.ofMillis(1)), new ReadBack.Failed(new Failure.ReadTimeout(Level.ONE, 0, 1, false)))) {
            WriteOutcome w = written(Optional.empty());
            outcomes.add(new WriteOutcome(w.run(), w.seq(), w.at(), w.writeLevel(), w.readLevel(), w.coordinator(), w.latency(),
                    w.failure(), r));
        }
        // every kind of prediction, and none
        List<Optional<Prediction>> predictions = List.of(Optional.of(new Prediction.Survives(Level.ALL, 0, List.of("DC1:r1"))),
                Optional.of(new Prediction.NeedsAll(Level.ALL, 5)),
                Optional.of(new Prediction.FailsNow(Level.ALL, new ReplicaView.Verdict(false, 5, 4, null))), Optional.empty());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            WriteOutcome o = outcomes.get(i);
            lines.add(OutcomeJson.encode(o, OutcomeSinks.shown(Frames.writePage(o.writeLevel(), Optional.of(o), "DC1", false)),
                    Frames.outcomeText(o), predictions.get(i % predictions.size())).line());
        }
        return lines;
    }

    /** A Kafka demo record outcome of every kind, with the partition described and a circle. */
    static List<String> recordOutcomeLines() {
        PartitionView view = new PartitionView("booth.demo.rpiclient1", 0, Optional.of(2), List.of(1, 2, 3), List.of(2, 3),
                List.of(), 2);
        CircleCounts circle = new CircleCounts(40, 1, 0, 0, 2, 0, Optional.of(Duration.ofMillis(14)),
                Optional.of(Duration.ofMillis(453)), 3);
        List<Optional<ProduceFailure>> failures = List.of(Optional.empty(), Optional.of(new ProduceFailure.NotEnoughReplicas(false)),
                Optional.of(new ProduceFailure.Timeout(Duration.ofSeconds(1), "Expiring 1 record(s)")),
                Optional.of(new ProduceFailure.NoLeader("NotLeaderOrFollowerException")),
                Optional.of(new ProduceFailure.Other("RecordTooLargeException", "big")));
        List<String> lines = new ArrayList<>();
        for (Optional<ProduceFailure> f : failures) {
            ProduceOutcome o = new ProduceOutcome(3, AT, Acks.ALL, view.topic(), Optional.of(2), 0, f.isEmpty() ? 41 : -1,
                    Duration.ofMillis(9), f);
            lines.add(ProduceJson.encode(o, Optional.of(view), circle, OutcomeSinks.shown(KafkaFrames.acksPage(Acks.ALL,
                    Optional.of(o), false, 0, false, Optional.empty())), KafkaFrames.outcomeText(o)).line());
        }
        return lines;
    }

    /** The fields each object's table lists: the first column of the table under its heading. */
    static Map<String, Set<String>> fieldsInTheDocument(String doc, Set<String> objects) {
        Map<String, Set<String>> fields = new TreeMap<>();
        List<String> lines = List.of(doc.split("\n"));
        for (String heading : objects) {
            int at = lines.indexOf(heading);
            String header = at < 0 ? null : lines.subList(at, lines.size()).stream()
                    .filter(l -> l.startsWith("| field |")).findFirst().orElse(null);
            String section = at < 0 ? "" : String.join("\n", lines.subList(at, lines.size()));
            fields.put(heading, header == null ? Set.of() : new TreeSet<>(MarkdownTable.under(section, header).names()));
        }
        return fields;
    }

    @Test
    void everyObjectsTableListsTheFieldsTheEncodersWrite() throws IOException {
        Map<String, Set<String>> wire = fieldsOnTheWire();
        assertEquals(wire, fieldsInTheDocument(Files.readString(EVENTS), wire.keySet()),
                EVENTS + " and the encoders disagree: each object's table lists exactly the fields it carries");
    }

    /** The check itself: a document that lost a field, or gained one, is caught. */
    @Test
    void aDriftedDocumentIsCaught() throws IOException {
        Map<String, Set<String>> wire = fieldsOnTheWire();
        String doc = Files.readString(EVENTS);
        String lost = doc.replace("| `found_seq` | integer |", "| `found_sequence` | integer |");
        assertNotEquals(doc, lost, "the planted row is in the document");
        assertNotEquals(wire, fieldsInTheDocument(lost, wire.keySet()));
        String gained = doc.replace("| `elr` | array of integers |", "| `lag` | integer | x |\n| `elr` | array of integers |");
        assertNotEquals(doc, gained, "the planted row is in the document");
        assertNotEquals(wire, fieldsInTheDocument(gained, wire.keySet()));
    }

    /** The caps table's rows, name to value, and the kinds table's names, as the document has them. */
    static Map<String, String> capsInTheDocument(String doc) {
        Map<String, String> caps = new TreeMap<>();
        MarkdownTable.under(doc, "| cap | value | what it bounds |").rows().forEach(r -> caps.put(r.get(0).replace("`", ""), r.get(1)));
        MarkdownTable.under(doc, "| kind | meaning |").names().forEach(k -> caps.put("kind " + k, ""));
        return caps;
    }

    /** The caps and the rejection kinds as the code has them. */
    static Map<String, String> capsInTheCode() {
        Map<String, String> caps = new TreeMap<>(Map.of("line", "" + booth.protocol.OutsideLine.LINE,
                "string", "" + booth.protocol.OutsideLine.STRING, "list", "" + booth.protocol.OutsideLine.LIST,
                "depth", "" + booth.protocol.OutsideLine.DEPTH, "shown_text", "" + booth.protocol.ShownText.TEXT,
                "shown_name", "" + booth.protocol.ShownText.NAME));
        for (booth.protocol.Rejection k : booth.protocol.Rejection.values()) {
            caps.put("kind " + k.wireName(), "");
        }
        assertEquals(booth.protocol.OutsideLine.LINE, booth.protocol.kafka.KafkaClients.MAX_MESSAGE_BYTES,
                "a line is as long as the topics' largest message");
        return caps;
    }

    @Test
    void theCapsAndRejectionKindsAreTheCodes() throws IOException {
        assertEquals(capsInTheCode(), capsInTheDocument(Files.readString(EVENTS)),
                EVENTS + ": the caps table and the rejection kinds must be OutsideLine's, ShownText's and Rejection's");
    }

    /** The check itself: a changed cap, or a kind lost, is caught. */
    @Test
    void aDriftedCapOrKindIsCaught() throws IOException {
        String doc = Files.readString(EVENTS);
        String cap = doc.replace("| `list` | 64 |", "| `list` | 65 |");
        String kind = doc.replace("| `foreign` |", "| `alien` |");
        for (String drifted : List.of(cap, kind)) {
            assertNotEquals(doc, drifted, "the planted change is in the document");
            assertNotEquals(capsInTheCode(), capsInTheDocument(drifted));
        }
    }
}
