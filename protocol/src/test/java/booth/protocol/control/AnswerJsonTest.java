package booth.protocol.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.ClusterNode;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.protocol.control.ControlRequest.LevelOf;
import booth.protocol.control.DaemonStatus.Box;
import booth.protocol.control.DaemonStatus.Cassandra;
import booth.protocol.control.DaemonStatus.Counters;
import booth.protocol.control.DaemonStatus.Events;
import booth.protocol.control.DaemonStatus.Kafka;
import booth.protocol.control.DaemonStatus.Partition;
import booth.protocol.control.DaemonStatus.Percentiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Answer lines: every answer as the daemon writes it, byte for byte (golden lines, the same as
 * before the protocol had types), read back to the same answer; and what a reader refuses.
 */
class AnswerJsonTest {
    /** A busy Kafka demo: every optional part present, numbers that are not round. */
    static final DaemonStatus FULL = new DaemonStatus(
            new Box("rpiclient1", "DC1", true, 3723, 4242, ClockSync.SYNCHRONISED),
            new Cassandra(Level.ALL, Level.QUORUM, true, true, 0,
                    new Counters(Map.of(OutcomeKind.WRITTEN, 1234L, OutcomeKind.UNAVAILABLE, 7L, OutcomeKind.CONNECTION_LOST, 2L), 5),
                    Optional.of(new Percentiles(Duration.ofNanos(3_333_000), Duration.ofNanos(100_001_000)))),
            true, 3, Demo.KAFKA,
            new Kafka(Acks.ONE, 77, 5, Optional.of(new Partition("booth.demo.rpiclient1", 0, Optional.of(2), List.of(2, 3),
                    List.of(1), 2)), new CircleCounts(100, 3, 2, 1, 4, 1, Optional.of(Duration.ofNanos(12_345_678)),
                    Optional.of(Duration.ofNanos(98_765_432)), 5)),
            Optional.of(new Events(10, 8, 1, 1)),
            Optional.of("{\"v\":1,\"demo\":\"kafka\",\"seq\":9,\"kind\":\"acked\",\"latency_ms\":12.0,\"text\":\"acked at b2 offset 9\"}"),
            new DaemonStatus.Lanes(2, 17, 5, 311));
    static final String FULL_LINE = "{\"client\":\"rpiclient1\",\"local_dc\":\"DC1\",\"write_level\":\"ALL\",\"read_level\":\"QUORUM\","
            + "\"read_back\":true,\"paused\":true,\"connection\":\"connected\",\"connecting_s\":0,\"plate_present\":true,"
            + "\"uptime_s\":3723,\"pid\":4242,\"counters\":{\"written\":1234,\"unavailable\":7,\"write_timeout\":0,"
            + "\"read_timeout\":0,\"client_timeout\":0,\"no_node_available\":0,\"overloaded\":0,\"connection_lost\":2,"
            + "\"other\":0,\"skipped_ticks\":5},\"latency_ms\":{\"p50\":3.333,\"p99\":100.001},\"dropped_outcomes\":3,"
            + "\"demo\":\"kafka\",\"kafka_demo\":{\"acks\":\"1\",\"acked\":77,\"failed\":5,\"partition\":{\"topic\":"
            + "\"booth.demo.rpiclient1\",\"partition\":0,\"leader\":2,\"isr\":[2,3],\"elr\":[1],\"min_insync\":2},\"circle\":"
            + "{\"delivered\":100,\"late\":3,\"lost\":2,\"duplicated\":1,\"missing\":4,\"own_lost\":1,\"p50_ms\":12.345678,"
            + "\"p99_ms\":98.765432,\"rejected\":5}},\"kafka\":{\"enabled\":true,\"published\":10,\"delivered\":8,\"dropped\":1,\"queued\":1},"
            + "\"last\":{\"v\":1,\"demo\":\"kafka\",\"seq\":9,\"kind\":\"acked\",\"latency_ms\":12.0,\"text\":\"acked at b2 offset 9\"},"
            + "\"clock\":\"synchronised\",\"lanes\":{\"queued\":2,\"dropped_keys\":17,\"busy_requests\":5,\"dropped_log_lines\":311}}";

    /** A daemon just started: every optional part absent. */
    static final DaemonStatus EMPTY = new DaemonStatus(
            new Box("rpiclient1", "DC1", false, 42, 4242, ClockSync.UNKNOWN),
            new Cassandra(Level.LOCAL_QUORUM, Level.LOCAL_ONE, false, false, 12, new Counters(Map.of(), 0), Optional.empty()),
            false, 0, Demo.CASSANDRA, new Kafka(Acks.ALL, 0, 0, Optional.empty(), CircleCounts.EMPTY), Optional.empty(),
            Optional.empty(), DaemonStatus.Lanes.NONE);
    static final String EMPTY_LINE = "{\"client\":\"rpiclient1\",\"local_dc\":\"DC1\",\"write_level\":\"LOCAL_QUORUM\","
            + "\"read_level\":\"LOCAL_ONE\",\"read_back\":false,\"paused\":false,\"connection\":\"connecting\",\"connecting_s\":12,"
            + "\"plate_present\":false,\"uptime_s\":42,\"pid\":4242,\"counters\":{\"written\":0,\"unavailable\":0,"
            + "\"write_timeout\":0,\"read_timeout\":0,\"client_timeout\":0,\"no_node_available\":0,\"overloaded\":0,"
            + "\"connection_lost\":0,\"other\":0,\"skipped_ticks\":0},\"latency_ms\":{\"p50\":null,\"p99\":null},"
            + "\"dropped_outcomes\":0,\"demo\":\"cassandra\",\"kafka_demo\":{\"acks\":\"all\",\"acked\":0,\"failed\":0,"
            + "\"partition\":null,\"circle\":{\"delivered\":0,\"late\":0,\"lost\":0,\"duplicated\":0,\"missing\":0,\"own_lost\":0,"
            + "\"p50_ms\":null,\"p99_ms\":null,\"rejected\":0}},\"kafka\":{\"enabled\":false},\"last\":null,\"clock\":\"unknown\","
            + "\"lanes\":{\"queued\":0,\"dropped_keys\":0,\"busy_requests\":0,\"dropped_log_lines\":0}}";

    private static final List<ClusterNode> NODES = List.of(new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true),
            new ClusterNode("DC2", "r2", "127.0.2.1", null, "down", 0, false));
    private static final String NODES_LINE = "[{\"dc\":\"DC1\",\"rack\":\"r1\",\"address\":\"127.0.1.1\",\"name\":\"rpidc1r1n1\","
            + "\"state\":\"up\",\"open_connections\":1,\"replica\":true},{\"dc\":\"DC2\",\"rack\":\"r2\",\"address\":\"127.0.2.1\",\"name\":null,"
            + "\"state\":\"down\",\"open_connections\":0,\"replica\":false}]";

    private record Line(ControlRequest<?> request, ControlAnswer answer, String line) {
    }

    /** Every answer, the request it answers, and its line. */
    private static final List<Line> LINES = List.of(
            new Line(new ControlRequest.Status(), new ControlAnswer.StatusReport(FULL),
                    "{\"v\":1,\"ok\":true,\"status\":" + FULL_LINE + "}\n"),
            new Line(new ControlRequest.Status(), new ControlAnswer.StatusReport(EMPTY),
                    "{\"v\":1,\"ok\":true,\"status\":" + EMPTY_LINE + "}\n"),
            new Line(new ControlRequest.SetLevel(LevelOf.WRITE, Level.ALL), new ControlAnswer.LevelSet(LevelOf.WRITE, Level.ALL),
                    "{\"v\":1,\"ok\":true,\"write_level\":\"ALL\"}\n"),
            new Line(new ControlRequest.SetLevel(LevelOf.READ, Level.QUORUM), new ControlAnswer.LevelSet(LevelOf.READ, Level.QUORUM),
                    "{\"v\":1,\"ok\":true,\"read_level\":\"QUORUM\"}\n"),
            new Line(new ControlRequest.SetDemo(Demo.KAFKA), new ControlAnswer.DemoSet(Demo.KAFKA),
                    "{\"v\":1,\"ok\":true,\"demo\":\"kafka\"}\n"),
            new Line(new ControlRequest.SetAcks(Acks.ZERO), new ControlAnswer.AcksSet(Acks.ZERO),
                    "{\"v\":1,\"ok\":true,\"acks\":\"0\"}\n"),
            new Line(new ControlRequest.Pause(), new ControlAnswer.PauseSet(true), "{\"v\":1,\"ok\":true,\"paused\":true}\n"),
            new Line(new ControlRequest.Resume(), new ControlAnswer.PauseSet(false), "{\"v\":1,\"ok\":true,\"paused\":false}\n"),
            new Line(new ControlRequest.Reset(true), new ControlAnswer.ResetDone(true), "{\"v\":1,\"ok\":true,\"truncated\":true}\n"),
            new Line(new ControlRequest.RestartDisplay(), new ControlAnswer.Done(), "{\"v\":1,\"ok\":true}\n"),
            new Line(new ControlRequest.Topology(), new ControlAnswer.Nodes(NODES), "{\"v\":1,\"ok\":true,\"nodes\":" + NODES_LINE + "}\n"),
            new Line(new ControlRequest.Topology(), new ControlAnswer.Nodes(List.of()), "{\"v\":1,\"ok\":true,\"nodes\":[]}\n"),
            new Line(new ControlRequest.Tail(), new ControlAnswer.Tailing(), "{\"v\":1,\"ok\":true,\"tail\":true}\n"),
            new Line(new ControlRequest.Reset(true), new ControlAnswer.Refusal("truncate did not finish within 30 s"),
                    "{\"v\":1,\"ok\":false,\"error\":\"truncate did not finish within 30 s\"}\n"));

    @Test
    void everyAnswerRoundTripsThroughItsLine() {
        for (Line l : LINES) {
            assertEquals(l.line(), AnswerJson.encode(l.answer()), l.answer().toString());
            assertEquals(l.answer(), AnswerJson.decode(l.request(), l.line()), l.line());
        }
    }

    /** A daemon from before the lanes were added within version 1: its status reads, with nothing dropped. */
    @Test
    void aStatusWithoutLanesReadsAsNothingDropped() {
        String older = EMPTY_LINE.replace(",\"lanes\":{\"queued\":0,\"dropped_keys\":0,\"busy_requests\":0,\"dropped_log_lines\":0}", "");
        assertTrue(!older.contains("lanes"), older);
        assertEquals(new ControlAnswer.StatusReport(EMPTY),
                AnswerJson.decode(new ControlRequest.Status(), "{\"v\":1,\"ok\":true,\"status\":" + older + "}\n"));
    }

    @Test
    void aRefusalReadsAsOneWhateverWasAsked() {
        String line = "{\"v\":1,\"ok\":false,\"error\":\"busy: 8 clients connected\"}\n";
        for (Line l : LINES) {
            assertEquals(new ControlAnswer.Refusal("busy: 8 clients connected"), AnswerJson.decode(l.request(), line));
        }
        assertEquals(new ControlAnswer.Refusal("(no reason given)"), AnswerJson.decode(new ControlRequest.Pause(), "{\"v\":1,\"ok\":false}"));
    }

    /** democtl's --json: the part alone, as the daemon wrote it. */
    @Test
    void thePartsAloneAreWhatDemoctlPrints() {
        assertEquals(FULL_LINE + "\n", AnswerJson.statusLine(FULL));
        assertEquals(EMPTY_LINE + "\n", AnswerJson.statusLine(EMPTY));
        assertEquals(NODES_LINE + "\n", AnswerJson.nodesLine(NODES));
        assertEquals("[]\n", AnswerJson.nodesLine(List.of()));
    }

    /** Within version 1 fields are only ever added: a newer daemon's are skipped. */
    @Test
    void fieldsOfANewerDaemonAreSkipped() {
        String newer = "{\"v\":1,\"ok\":true,\"since\":\"2027\",\"status\":" + EMPTY_LINE.replace("\"pid\":4242,",
                "\"pid\":4242,\"mood\":{\"happy\":true},").replace("\"skipped_ticks\":0", "\"skipped_ticks\":0,\"new_kind\":3") + "}";
        assertEquals(new ControlAnswer.StatusReport(EMPTY), AnswerJson.decode(new ControlRequest.Status(), newer));
        String older = "{\"v\":1,\"ok\":true,\"status\":" + FULL_LINE.replace(",\"clock\":\"synchronised\"", "") + "}";
        assertEquals(ClockSync.UNKNOWN, ((ControlAnswer.StatusReport) AnswerJson.decode(new ControlRequest.Status(), older))
                .status().box().clock(), "a daemon before the clock field: unknown");
        assertEquals(new ControlAnswer.PauseSet(true),
                AnswerJson.decode(new ControlRequest.Pause(), "{\"v\":1,\"ok\":true,\"paused\":true,\"by\":\"alice\"}"));
    }

    private record Bad(ControlRequest<?> request, String line, String reason) {
    }

    @Test
    void anAnswerThatIsNotThisVersionsIsRefusedNamingTheField() {
        List<Bad> bad = List.of(
                new Bad(new ControlRequest.Pause(), "{\"v\":2,\"ok\":true,\"paused\":true}", "v is not 1: this reader knows schema version 1"),
                new Bad(new ControlRequest.Pause(), "{\"ok\":true,\"paused\":true}", "v is missing: this reader knows schema version 1"),
                new Bad(new ControlRequest.Pause(), "{\"v\":1,\"paused\":true}", "ok is missing"),
                new Bad(new ControlRequest.Pause(), "{\"v\":1,\"ok\":true}", "paused is missing"),
                new Bad(new ControlRequest.Pause(), "{\"v\":1,\"ok\":true,\"paused\":\"yes\"}", "paused is not true or false"),
                new Bad(new ControlRequest.Status(), "{\"v\":1,\"ok\":true}", "status is missing"),
                new Bad(new ControlRequest.Status(), "{\"v\":1,\"ok\":true,\"status\":" + EMPTY_LINE.replace("\"uptime_s\":42", "\"uptime_s\":4.2") + "}",
                        "status.uptime_s is not an integer"),
                new Bad(new ControlRequest.Status(), "{\"v\":1,\"ok\":true,\"status\":" + EMPTY_LINE.replace("\"p50\":null", "\"p50\":1.5") + "}",
                        "p50 and p99 are not both numbers or both null"),
                new Bad(new ControlRequest.Status(), "{\"v\":1,\"ok\":true,\"status\":" + EMPTY_LINE.replace("\"demo\":\"cassandra\"", "\"demo\":\"redis\"") + "}",
                        "demo is not cassandra or kafka"),
                new Bad(new ControlRequest.SetLevel(LevelOf.WRITE, Level.ALL), "{\"v\":1,\"ok\":true,\"read_level\":\"ALL\"}",
                        "write_level is missing"),
                new Bad(new ControlRequest.Topology(), "{\"v\":1,\"ok\":true,\"nodes\":[{\"dc\":\"DC1\"}]}", "nodes[0].rack is missing"),
                new Bad(new ControlRequest.Tail(), "{\"v\":1,\"ok\":true,\"tail\":false}", "tail is not true"),
                new Bad(new ControlRequest.Status(), "{\"v\":1,\"ok\":true} more", "not valid JSON: ..."));
        for (Bad b : bad) {
            String reason = assertThrows(IllegalArgumentException.class, () -> AnswerJson.decode(b.request(), b.line()), b.line())
                    .getMessage();
            if (b.reason().endsWith("...")) {
                assertEquals(b.reason().substring(0, b.reason().length() - 3), reason.substring(0, b.reason().length() - 3), b.line());
            } else {
                assertEquals(b.reason(), reason, b.line());
            }
        }
    }

    @Test
    void aTailLineCarriesTheOutcomeLineAsItCame() {
        String outcome = "{\"v\":1,\"seq\":5,\"kind\":\"written\",\"coordinator\":null,\"screen\":[\"a\",\"b\"]}";
        String tail = "{\"v\":1,\"outcome\":" + outcome + "}\n";
        assertEquals(tail, AnswerJson.tailLine(outcome + "\n"));
        assertEquals(outcome, AnswerJson.outcome(tail));
        assertEquals("outcome is missing",
                assertThrows(IllegalArgumentException.class, () -> AnswerJson.outcome("{\"v\":1,\"ok\":true}")).getMessage());
    }
}
