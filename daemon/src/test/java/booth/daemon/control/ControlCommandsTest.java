package booth.daemon.control;

import static booth.daemon.control.SchemaAssert.assertSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.kafka.BoothEvents;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.CassandraState;
import booth.daemon.ui.UiState;
import booth.model.ClusterNode;
import booth.model.Level;
import booth.protocol.control.AnswerJson;
import booth.protocol.control.BadRequest;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.RequestJson;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every control-socket answer pinned to schema version 1 (golden objects: an added field
 * passes, a renamed or removed one fails), the strict parsing of requests, and the audit lines.
 * Pure: a fake daemon, no socket.
 */
class ControlCommandsTest {
    private static final String PEER = "user alice (group booth) on /run/booth/control.sock";

    /** The daemon as the socket sees it: fixed state, and a record of what was asked of it. */
    private static final class FakeDaemon implements DaemonControl {
        final List<UiEvent> posted = new ArrayList<>();
        /** What the ui thread makes of the next changes. */
        DaemonControl.Applied applied = DaemonControl.Applied.DONE;
        int truncations;
        int newRuns;
        Optional<String> last = Optional.empty();

        @Override
        public UiState state() {
            return UiState.initial(booth.model.Demo.CASSANDRA,
                    new CassandraState.Levels(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true), booth.model.Acks.ALL, 0);
        }

        @Override
        public String clientName() {
            return "rpiclient1";
        }

        @Override
        public String localDc() {
            return "DC1";
        }

        @Override
        public boolean platePresent() {
            return true;
        }

        @Override
        public Duration connecting() {
            return Duration.ZERO;
        }

        @Override
        public Duration uptime() {
            return Duration.ofSeconds(42);
        }

        @Override
        public long droppedOutcomes() {
            return 3;
        }

        @Override
        public Optional<BoothEvents.Counts> eventCounts() {
            return Optional.of(new BoothEvents.Counts(10, 8, 1, 1, 6, 5, 1));
        }

        @Override
        public Optional<String> lastOutcomeJson() {
            return last;
        }

        @Override
        public Applied apply(UiEvent change, Duration limit) {
            assertEquals(ControlCommands.REQUEST_LIMIT, limit);
            if (applied == Applied.DONE) {
                posted.add(change);
            }
            return applied;
        }

        @Override
        public booth.protocol.control.DaemonStatus.Lanes lanes() {
            return new booth.protocol.control.DaemonStatus.Lanes(4, 3, 2, 1);
        }

        @Override
        public void startNewRun() {
            newRuns++;
        }

        @Override
        public CompletionStage<Integer> truncate() {
            truncations++;
            return CompletableFuture.completedFuture(2);
        }

        @Override
        public List<ClusterNode> topology() {
            return List.of(new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true),
                    new ClusterNode("DC2", "r1", "127.0.2.1", null, "down", 0, true));
        }
    }

    private final FakeDaemon daemon = new FakeDaemon();
    private final ControlCommands commands = new ControlCommands(daemon);
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void listen() {
        audit.start();
        ((Logger) LoggerFactory.getLogger("booth.audit")).addAppender(audit);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("booth.audit")).detachAppender(audit);
    }

    /** What the socket answers to {@code line}, as a line (tail aside). */
    private String answer(String line) {
        try {
            return AnswerJson.encode(commands.answer(RequestJson.decode(line), PEER));
        } catch (BadRequest e) {
            return AnswerJson.encode(new ControlAnswer.Refusal(e.getMessage()));
        }
    }

    private List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void everyAnswerWithItsFields() {
        assertSchema("""
                {"v":1,"ok":true,"status":{"client":"rpiclient1","local_dc":"DC1","write_level":"LOCAL_QUORUM",
                 "read_level":"LOCAL_ONE","read_back":true,"paused":false,"connection":"connecting","connecting_s":0,
                 "plate_present":true,"uptime_s":42,
                 "counters":{"written":0,"unavailable":0,"write_timeout":0,"read_timeout":0,"client_timeout":0,
                  "no_node_available":0,"overloaded":0,"other":0,"skipped_ticks":0},
                 "latency_ms":{"p50":null,"p99":null},"dropped_outcomes":3,
                 "kafka":{"enabled":true,"published":10,"delivered":8,"dropped":1,"queued":1},"last":null,
                 "lanes":{"queued":4,"dropped_keys":3,"busy_requests":2,"dropped_log_lines":1},
                 "demo":"cassandra","kafka_demo":{"acks":"all","acked":0,"failed":0,"partition":null,
                  "circle":{"delivered":0,"late":0,"lost":0,"duplicated":0,"missing":0,"own_lost":0,"p50_ms":null,"p99_ms":null,"rejected":0}}}}""",
                answer("{\"v\":1,\"cmd\":\"status\"}"));
        daemon.last = Optional.of("{\"v\":1,\"seq\":5,\"kind\":\"written\"}\n");
        assertSchema("{\"v\":1,\"ok\":true,\"status\":{\"last\":{\"v\":1,\"seq\":5,\"kind\":\"written\"}}}",
                answer("{\"v\":1,\"cmd\":\"status\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"write_level\":\"ALL\"}",
                answer("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"all\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"read_level\":\"QUORUM\"}",
                answer("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"QUORUM\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"paused\":true}", answer("{\"v\":1,\"cmd\":\"pause\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"paused\":false}", answer("{\"v\":1,\"cmd\":\"resume\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"truncated\":false}", answer("{\"v\":1,\"cmd\":\"reset\",\"truncate\":false}"));
        assertSchema("{\"v\":1,\"ok\":true,\"truncated\":false}", answer("{\"v\":1,\"cmd\":\"reset\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"truncated\":true}", answer("{\"v\":1,\"cmd\":\"reset\",\"truncate\":true}"));
        assertSchema("{\"v\":1,\"ok\":true}", answer("{\"v\":1,\"cmd\":\"restart-display\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"demo\":\"kafka\"}", answer("{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"Kafka\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"acks\":\"1\"}", answer("{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"1\"}"));
        assertSchema("{\"v\":1,\"ok\":false,\"error\":\"unknown acks '2'; valid: 0, 1, all\"}",
                answer("{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"2\"}"));
        assertSchema("{\"v\":1,\"ok\":false,\"error\":\"unknown demo 'redis'; valid: cassandra, kafka\"}",
                answer("{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"redis\"}"));
        assertSchema("""
                {"v":1,"ok":true,"nodes":[
                 {"dc":"DC1","rack":"r1","address":"127.0.1.1","name":"rpidc1r1n1","state":"up","open_connections":1},
                 {"dc":"DC2","rack":"r1","address":"127.0.2.1","name":null,"state":"down","open_connections":0}]}""",
                answer("{\"v\":1,\"cmd\":\"topology\"}"));
        assertSchema("{\"v\":1,\"ok\":true,\"tail\":true}", AnswerJson.encode(new ControlAnswer.Tailing()));
        assertSchema("{\"v\":1,\"outcome\":{\"v\":1,\"seq\":5}}", AnswerJson.tailLine("{\"v\":1,\"seq\":5}\n"));
        assertSchema("{\"v\":1,\"ok\":false,\"error\":\"unknown command 'nope'; commands: status, set-level, set-demo, "
                + "set-acks, pause, resume, reset, restart-display, topology, tail\"}", answer("{\"v\":1,\"cmd\":\"nope\"}"));
        assertEquals(1, daemon.truncations);
        assertEquals(3, daemon.newRuns, "every reset starts a new run, with or without truncate");
    }

    /** Tried from outside before: each of these was taken; now each is an error naming the problem. */
    @Test
    void wrongTypesAndVersionsAreRefusedAndNothingIsDone() {
        List<String> refused = List.of(
                "{\"v\":1,\"cmd\":\"reset\",\"truncate\":1}",
                "{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"maybe\"}",
                "{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"yes\"}",
                "{\"v\":1,\"cmd\":\"reset\",\"truncate\":null}",
                "{\"v\":\"1\",\"cmd\":\"status\"}",
                "{\"v\":1.0,\"cmd\":\"status\"}",
                "{\"v\":2,\"cmd\":\"status\"}",
                "{\"cmd\":\"status\"}",
                "{\"v\":1,\"cmd\":\"status\"} trailing",
                "{\"v\":1,\"cmd\":\"status\",\"cmd\":\"reset\"}",
                "{\"v\":1}",
                "{\"v\":1,\"cmd\":7}",
                "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":7}",
                "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"sideways\",\"level\":\"ALL\"}",
                "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"ANY\"}");
        for (String line : refused) {
            // a refusal reads as one whatever was asked
            ControlAnswer a = AnswerJson.decode(new ControlRequest.Status(), answer(line));
            assertTrue(a instanceof ControlAnswer.Refusal, line);
            assertTrue(((ControlAnswer.Refusal) a).reason().length() > 10, line);
        }
        assertEquals(0, daemon.truncations, "nothing truncated");
        assertEquals(0, daemon.newRuns, "no new run");
        assertEquals(List.of(), daemon.posted, "nothing done");
        assertEquals(List.of(), auditLines());
        assertTrue(answer("{\"v\":1,\"cmd\":\"reset\",\"truncate\":1}").contains("\\\"truncate\\\" must be true or false, got 1"));
        assertTrue(answer("{\"v\":\"1\",\"cmd\":\"status\"}").contains("unsupported protocol version \\\"1\\\""));
    }

    @Test
    void everyStateChangeLeavesAnAuditLineNamingThePeer() {
        answer("{\"v\":1,\"cmd\":\"status\"}");
        answer("{\"v\":1,\"cmd\":\"topology\"}");
        assertEquals(List.of(), auditLines(), "reading changes nothing");
        answer("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"ALL\"}");
        answer("{\"v\":1,\"cmd\":\"pause\"}");
        answer("{\"v\":1,\"cmd\":\"resume\"}");
        answer("{\"v\":1,\"cmd\":\"reset\",\"truncate\":true}");
        answer("{\"v\":1,\"cmd\":\"restart-display\"}");
        List<String> lines = auditLines();
        List<String> what = List.of("set-level write ALL", "pause", "resume", "truncate of this box's earlier runs", "reset",
                "restart-display");
        assertEquals(what.size(), lines.size(), lines.toString());
        for (int i = 0; i < what.size(); i++) {
            assertTrue(lines.get(i).startsWith("audit: " + what.get(i) + " by " + PEER + " at 20"), lines.get(i));
        }
    }

    /**
     * The lie: a change dropped from a full queue was answered ok and audited. A change
     * the ui thread did not apply (its lane full, or not taken within the deadline) is answered
     * busy, saying it was not done, and leaves no audit line.
     */
    @Test
    void aChangeNotAppliedIsAnsweredBusyAndNotAudited() {
        List<String> changes = List.of("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"ALL\"}",
                "{\"v\":1,\"cmd\":\"pause\"}", "{\"v\":1,\"cmd\":\"resume\"}", "{\"v\":1,\"cmd\":\"reset\"}",
                "{\"v\":1,\"cmd\":\"restart-display\"}", "{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"kafka\"}",
                "{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"1\"}");
        for (DaemonControl.Applied refused : List.of(DaemonControl.Applied.FULL, DaemonControl.Applied.LATE)) {
            daemon.applied = refused;
            String error = refused == DaemonControl.Applied.FULL
                    ? "busy: too many requests are waiting; this one was not done, try again"
                    : "busy: the daemon did not take the request within 2 s; it was not done, try again";
            for (String line : changes) {
                assertEquals("{\"v\":1,\"ok\":false,\"error\":\"" + error + "\"}\n", answer(line), line);
            }
        }
        assertEquals(List.of(), daemon.posted);
        assertEquals(List.of(), auditLines(), "nothing done, nothing audited");
    }
}
