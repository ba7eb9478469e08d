package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.ClusterNode;
import booth.model.Demo;
import booth.model.Level;
import booth.protocol.control.AnswerJson;
import booth.protocol.control.BadRequest;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.ControlRequest.LevelOf;
import booth.protocol.control.DaemonStatus;
import booth.protocol.control.RequestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/control-protocol.md is the contract of booth.protocol.control: each of its tables lists
 * exactly the fields the code writes, in the order it writes them, every command, and every
 * refusal the request decoder can give.
 */
class ControlProtocolDocTest {
    private static final Path DOC = Path.of("docs/control-protocol.md");
    private static final String FIELDS = "| field | type | meaning |";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every part present, so that every field is written. */
    private static final DaemonStatus STATUS = new DaemonStatus(new DaemonStatus.Box("rpiclient1", "DC1", true, 42, 4242, ClockSync.SYNCHRONISED),
            new DaemonStatus.Cassandra(Level.ALL, Level.ONE, true, true, 0, new DaemonStatus.Counters(Map.of(), 0),
                    Optional.of(new DaemonStatus.Percentiles(Duration.ofMillis(3), Duration.ofMillis(9)))),
            false, 0, Demo.KAFKA, new DaemonStatus.Kafka(Acks.ALL, 1, 0, Optional.of(new DaemonStatus.Partition("t", 0,
                    Optional.of(1), List.of(1), List.of(), 2)), CircleCounts.EMPTY),
            Optional.of(new DaemonStatus.Events(1, 1, 0, 0)), Optional.of("{\"v\":1,\"seq\":1}"), DaemonStatus.Lanes.NONE);

    /** One request of each command, in the commands' order. */
    private static final List<ControlRequest<?>> REQUESTS = List.of(new ControlRequest.Status(),
            new ControlRequest.SetLevel(LevelOf.WRITE, Level.ALL), new ControlRequest.SetDemo(Demo.KAFKA),
            new ControlRequest.SetAcks(Acks.ONE), new ControlRequest.Pause(), new ControlRequest.Resume(),
            new ControlRequest.Reset(true), new ControlRequest.RestartDisplay(), new ControlRequest.Topology(),
            new ControlRequest.Tail());

    /** One answer of each kind, in the answer fields table's order. */
    private static final List<ControlAnswer> ANSWERS = List.of(new ControlAnswer.StatusReport(STATUS),
            new ControlAnswer.LevelSet(LevelOf.WRITE, Level.ALL), new ControlAnswer.LevelSet(LevelOf.READ, Level.ONE),
            new ControlAnswer.DemoSet(Demo.KAFKA), new ControlAnswer.AcksSet(Acks.ONE), new ControlAnswer.PauseSet(true),
            new ControlAnswer.ResetDone(false), new ControlAnswer.Done(),
            new ControlAnswer.Nodes(List.of(new ClusterNode("DC1", "r1", "127.0.1.1", null, "up", 1, true))),
            new ControlAnswer.Tailing());

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    /** The names of the first {@code header} table after {@code heading}. */
    private static List<String> names(String heading, String header) throws IOException {
        String doc = doc();
        int at = doc.indexOf("\n" + heading + "\n");
        assertTrue(at >= 0, "no heading " + heading + " in " + DOC);
        List<String> names = MarkdownTable.under(doc.substring(at), header).names();
        assertFalse(names.isEmpty(), "no table under " + heading);
        return names;
    }

    private static JsonNode tree(String line) throws IOException {
        return JSON.readTree(line);
    }

    private static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theCommandsAreTheDecodersCommands() throws IOException {
        assertEquals(RequestJson.COMMANDS, names("## Commands", "| command | request fields | answer | changes state |"));
        assertEquals(RequestJson.COMMANDS, REQUESTS.stream().map(RequestJson::command).toList());
    }

    @Test
    void theEnvelopesAndArgumentsAreTheLinesFields() throws IOException {
        Set<String> arguments = new LinkedHashSet<>();
        for (ControlRequest<?> r : REQUESTS) {
            List<String> f = fields(tree(RequestJson.encode(r)));
            assertEquals(names("### Request", FIELDS), f.subList(0, 2));
            arguments.addAll(f.subList(2, f.size()));
        }
        assertEquals(names("### Request fields", FIELDS), List.copyOf(arguments));
        Set<String> answered = new LinkedHashSet<>();
        for (ControlAnswer a : ANSWERS) {
            List<String> f = fields(tree(AnswerJson.encode(a)));
            assertEquals(List.of("v", "ok"), f.subList(0, 2));
            answered.addAll(f.subList(2, f.size()));
        }
        assertEquals(names("### Answer fields", FIELDS), List.copyOf(answered));
        assertEquals(names("### Answer", FIELDS), fields(tree(AnswerJson.encode(new ControlAnswer.Refusal("no")))));
        assertEquals(names("### Tail line", FIELDS), fields(tree(AnswerJson.tailLine("{\"v\":1,\"seq\":1}"))));
    }

    @Test
    void theStatusTablesAreTheStatusFields() throws IOException {
        JsonNode s = tree(AnswerJson.statusLine(STATUS));
        assertEquals(names("## `status`", FIELDS), fields(s));
        assertEquals(names("### `status.counters`", FIELDS), fields(s.get("counters")));
        assertEquals(names("### `status.latency_ms`", FIELDS), fields(s.get("latency_ms")));
        assertEquals(names("### `status.kafka_demo`", FIELDS), fields(s.get("kafka_demo")));
        assertEquals(names("### `status.kafka_demo.partition`", FIELDS), fields(s.get("kafka_demo").get("partition")));
        assertEquals(names("### `status.kafka_demo.circle`", FIELDS), fields(s.get("kafka_demo").get("circle")));
        assertEquals(names("### `status.kafka`", FIELDS), fields(s.get("kafka")));
        assertEquals(names("### `status.lanes`", FIELDS), fields(s.get("lanes")));
        assertEquals(names("### `nodes[]`", FIELDS), fields(tree(AnswerJson.nodesLine(List.of(
                new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true)))).get(0)));
    }

    /** Every refusal of the request decoder, one line each: each must match a row of the errors table. */
    @Test
    void everyRefusalOfTheDecoderIsInTheErrorsTable() throws IOException {
        List<Pattern> documented = names("## Errors", "| error | when |").stream().map(ControlProtocolDocTest::pattern).toList();
        List<String> lines = List.of("", "nonsense", "[1]", "{\"cmd\":\"status\"}", "{\"v\":\"1\",\"cmd\":\"status\"}",
                "{\"v\":1}", "{\"v\":1,\"cmd\":7}", "{\"v\":1,\"cmd\":\"nope\"}", "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"up\"}",
                "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"ANY\"}", "{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"redis\"}",
                "{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"2\"}", "{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"yes\"}");
        for (String line : lines) {
            String reason;
            try {
                RequestJson.decode(line);
                throw new AssertionError("taken: " + line);
            } catch (BadRequest e) {
                reason = e.getMessage();
            }
            String r = reason;
            assertTrue(documented.stream().anyMatch(p -> p.matcher(r).matches()), "not in " + DOC + "'s errors: " + reason);
        }
    }

    /**
     * The socket's busy answers, as ControlCommandsTest and AdmissionTest pin them on the daemon's
     * side: each must match a row of the errors table.
     */
    @Test
    void theBusyAnswersAreInTheErrorsTable() throws IOException {
        List<Pattern> documented = names("## Errors", "| error | when |").stream().map(ControlProtocolDocTest::pattern).toList();
        for (String busy : List.of("busy: 8 clients connected", "busy: 7 clients connected; the last place is kept for root",
                "busy: user alice has 4 connections already",
                "busy: too many requests are waiting; this one was not done, try again",
                "busy: the daemon did not take the request within 2 s; it was not done, try again")) {
            assertTrue(documented.stream().anyMatch(p -> p.matcher(busy).matches()), "not in " + DOC + "'s errors: " + busy);
        }
    }

    /** An error as the table writes it: CAPITALS stand for any text. */
    private static Pattern pattern(String error) {
        Matcher capitals = Pattern.compile("\\b[A-Z][A-Z_]*\\b").matcher(error);
        StringBuilder regex = new StringBuilder();
        int from = 0;
        while (capitals.find()) {
            regex.append(Pattern.quote(error.substring(from, capitals.start()))).append(".*");
            from = capitals.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(error.substring(from))).toString());
    }
}
