package booth.protocol.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Acks;
import booth.model.Demo;
import booth.model.Level;
import booth.protocol.control.ControlRequest.LevelOf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request lines: every request as clients send it, and the daemon's strict reading, one line per case. */
class RequestJsonTest {
    private static final String COMMANDS = "status, set-level, set-demo, set-acks, pause, resume, reset, restart-display, "
            + "topology, tail";
    private static final String VERSION = " (this daemon speaks 1, as the number \"v\":1)";

    private record Line(ControlRequest<?> request, String line) {
    }

    /** Every request and its line, as democtl and the chaos soak have always sent it. */
    private static final List<Line> LINES = List.of(
            new Line(new ControlRequest.Status(), "{\"v\":1,\"cmd\":\"status\"}\n"),
            new Line(new ControlRequest.SetLevel(LevelOf.WRITE, Level.EACH_QUORUM),
                    "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"EACH_QUORUM\"}\n"),
            new Line(new ControlRequest.SetLevel(LevelOf.READ, Level.LOCAL_ONE),
                    "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"LOCAL_ONE\"}\n"),
            new Line(new ControlRequest.SetDemo(Demo.KAFKA), "{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"kafka\"}\n"),
            new Line(new ControlRequest.SetDemo(Demo.CASSANDRA), "{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"cassandra\"}\n"),
            new Line(new ControlRequest.SetAcks(Acks.ZERO), "{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"0\"}\n"),
            new Line(new ControlRequest.SetAcks(Acks.ALL), "{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"all\"}\n"),
            new Line(new ControlRequest.Pause(), "{\"v\":1,\"cmd\":\"pause\"}\n"),
            new Line(new ControlRequest.Resume(), "{\"v\":1,\"cmd\":\"resume\"}\n"),
            new Line(new ControlRequest.Reset(false), "{\"v\":1,\"cmd\":\"reset\",\"truncate\":false}\n"),
            new Line(new ControlRequest.Reset(true), "{\"v\":1,\"cmd\":\"reset\",\"truncate\":true}\n"),
            new Line(new ControlRequest.RestartDisplay(), "{\"v\":1,\"cmd\":\"restart-display\"}\n"),
            new Line(new ControlRequest.Topology(), "{\"v\":1,\"cmd\":\"topology\"}\n"),
            new Line(new ControlRequest.Tail(), "{\"v\":1,\"cmd\":\"tail\"}\n"));

    @Test
    void everyRequestRoundTripsThroughItsLine() throws BadRequest {
        for (Line l : LINES) {
            assertEquals(l.line(), RequestJson.encode(l.request()), l.request().toString());
            assertEquals(l.request(), RequestJson.decode(l.line()), l.line());
            assertTrue(l.line().contains("\"cmd\":\"" + RequestJson.command(l.request()) + "\""), l.line());
        }
    }

    /** What the daemon has always taken beside the lines clients send. */
    @Test
    void theDaemonTakesAnyCaseDefaultsAndFieldsItDoesNotKnow() throws BadRequest {
        assertEquals(new ControlRequest.Reset(false), RequestJson.decode("{\"v\":1,\"cmd\":\"reset\"}"));
        assertEquals(new ControlRequest.SetLevel(LevelOf.WRITE, Level.ALL),
                RequestJson.decode("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\" all \"}"));
        assertEquals(new ControlRequest.SetDemo(Demo.KAFKA), RequestJson.decode("{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"Kafka\"}"));
        assertEquals(new ControlRequest.SetAcks(Acks.ALL), RequestJson.decode("{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"-1\"}"));
        assertEquals(new ControlRequest.Pause(), RequestJson.decode("  {\"v\":1,\"cmd\":\"pause\",\"by\":[\"a newer client\"]}  "));
        assertEquals(new ControlRequest.Tail(), RequestJson.decode("{\"cmd\":\"tail\",\"v\":1}"));
    }

    private record Refused(String line, String reason) {
    }

    /** Each refused line and its reason; a reason ending in "..." is Jackson's, pinned by its start. */
    private static final List<Refused> REFUSED = List.of(
            new Refused("", "empty request: send one JSON object a line, for example {\"v\":1,\"cmd\":\"status\"}"),
            new Refused("   ", "empty request: send one JSON object a line, for example {\"v\":1,\"cmd\":\"status\"}"),
            new Refused("nonsense", "not valid JSON: ..."),
            new Refused("{\"v\":1,\"cmd\":\"status\"} trailing", "not valid JSON: ..."),
            new Refused("{\"v\":1,\"cmd\":\"status\"}{\"v\":1}", "not valid JSON: ..."),
            new Refused("{\"v\":1,\"cmd\":\"status\",\"cmd\":\"reset\"}", "not valid JSON: Duplicate field 'cmd'..."),
            new Refused("[1]", "not a JSON object"),
            new Refused("null", "not a JSON object"),
            new Refused("{\"cmd\":\"status\"}", "unsupported protocol version (none)" + VERSION),
            new Refused("{\"v\":\"1\",\"cmd\":\"status\"}", "unsupported protocol version \"1\"" + VERSION),
            new Refused("{\"v\":1.0,\"cmd\":\"status\"}", "unsupported protocol version 1.0" + VERSION),
            new Refused("{\"v\":2,\"cmd\":\"status\"}", "unsupported protocol version 2" + VERSION),
            new Refused("{\"v\":null,\"cmd\":\"status\"}", "unsupported protocol version null" + VERSION),
            new Refused("{\"v\":1}", "field \"cmd\" is missing; commands: " + COMMANDS),
            new Refused("{\"v\":1,\"cmd\":null}", "field \"cmd\" is missing; commands: " + COMMANDS),
            new Refused("{\"v\":1,\"cmd\":7}", "field \"cmd\" must be a string, got 7"),
            new Refused("{\"v\":1,\"cmd\":\"nope\"}", "unknown command 'nope'; commands: " + COMMANDS),
            new Refused("{\"v\":1,\"cmd\":\"STATUS\"}", "unknown command 'STATUS'; commands: " + COMMANDS),
            new Refused("{\"v\":1,\"cmd\":\"reset\",\"truncate\":1}", "field \"truncate\" must be true or false, got 1"),
            new Refused("{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"maybe\"}", "field \"truncate\" must be true or false, got \"maybe\""),
            new Refused("{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"yes\"}", "field \"truncate\" must be true or false, got \"yes\""),
            new Refused("{\"v\":1,\"cmd\":\"reset\",\"truncate\":\"true\"}", "field \"truncate\" must be true or false, got \"true\""),
            new Refused("{\"v\":1,\"cmd\":\"reset\",\"truncate\":null}", "field \"truncate\" must be true or false, got null"),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":7}", "field \"level\" must be a string, got 7"),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"sideways\",\"level\":\"ALL\"}",
                    "set-level needs \"what\": \"write\" or \"read\""),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"level\":\"ALL\"}", "set-level needs \"what\": \"write\" or \"read\""),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":true,\"level\":\"ALL\"}", "field \"what\" must be a string, got true"),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"ANY\"}",
                    "unknown read level 'ANY'; valid: ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM"),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"SERIAL\"}",
                    "unknown write level 'SERIAL'; valid: ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY"),
            new Refused("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\"}",
                    "unknown write level ''; valid: ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY"),
            new Refused("{\"v\":1,\"cmd\":\"set-demo\",\"demo\":\"redis\"}", "unknown demo 'redis'; valid: cassandra, kafka"),
            new Refused("{\"v\":1,\"cmd\":\"set-demo\"}", "unknown demo ''; valid: cassandra, kafka"),
            new Refused("{\"v\":1,\"cmd\":\"set-demo\",\"demo\":1}", "field \"demo\" must be a string, got 1"),
            new Refused("{\"v\":1,\"cmd\":\"set-acks\",\"acks\":\"2\"}", "unknown acks '2'; valid: 0, 1, all"),
            new Refused("{\"v\":1,\"cmd\":\"set-acks\",\"acks\":1}", "field \"acks\" must be a string, got 1"));

    @Test
    void eachBadLineIsRefusedWithItsReason() {
        for (Refused r : REFUSED) {
            String reason = assertThrows(BadRequest.class, () -> RequestJson.decode(r.line()), r.line()).getMessage();
            if (r.reason().endsWith("...")) {
                assertTrue(reason.startsWith(r.reason().substring(0, r.reason().length() - 3)), r.line() + ": " + reason);
            } else {
                assertEquals(r.reason(), reason, r.line());
            }
        }
    }

    @Test
    void aLevelRequestHoldsOnlyALevelOfItsKind() {
        assertThrows(IllegalArgumentException.class, () -> new ControlRequest.SetLevel(LevelOf.READ, Level.ANY));
    }
}
