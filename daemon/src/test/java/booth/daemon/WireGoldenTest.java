package booth.daemon;

import static booth.daemon.control.SchemaAssert.assertSchema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.display.Frames;
import booth.hal.Backlight;
import booth.hal.PlateFrame;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.ClockSync;
import booth.model.Health;
import booth.model.Level;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import booth.protocol.ClusterJson;
import booth.protocol.HealthJson;
import booth.protocol.OutcomeJson;
import booth.protocol.Wire;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Schema version 1 of the outcome and health objects, pinned field by field. */
class WireGoldenTest {
    private static final Instant AT = Instant.parse("2026-11-21T06:43:10.319Z");
    private static final Coordinator R1 = new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1");
    private static final PlateFrame RED = new PlateFrame("W:ALL         \ue000\ue002", "Unavail 4/5 up  ", Backlight.RED,
            Frames.GLYPHS);

    private static WriteOutcome outcome(Optional<Coordinator> c, Failure f, ReadBack r) {
        return new WriteOutcome("0a1b2c3d4e5f", 1795243390319L, AT, Level.ALL, Level.LOCAL_ONE, c, Duration.ofNanos(3_100_000),
                Optional.ofNullable(f), r);
    }

    /** What ALL survived as of the write: nothing, four of its five replicas up. */
    private static final Optional<booth.model.Prediction> FAILS_NOW = Optional.of(
            new booth.model.Prediction.FailsNow(Level.ALL, new booth.model.ReplicaView.Verdict(false, 5, 4, null)));

    private static String line(WriteOutcome o) {
        return OutcomeJson.encode(o, OutcomeSinks.shown(RED), Frames.outcomeText(o), FAILS_NOW).line();
    }

    /**
     * The line the outcome stream wrote before the serializer moved to Jackson, byte for byte,
     * with the fields added since (alive_known, after the fields it had; text, run and
     * prediction, last).
     */
    @Test
    void theOutcomeLineIsTheSameBytesAsBefore() {
        assertEquals("{\"v\":1,\"seq\":1795243390319,\"time\":\"2026-11-21T06:43:10.319Z\",\"write_level\":\"ALL\","
                + "\"read_level\":\"LOCAL_ONE\",\"kind\":\"unavailable\",\"latency_ms\":3.100,\"coordinator\":{\"dc\":\"DC1\","
                + "\"rack\":\"r1\",\"address\":\"127.0.1.1\",\"name\":\"rpidc1r1n1\"},\"error\":{\"kind\":\"unavailable\","
                + "\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true},"
                + "\"read_back\":{\"kind\":\"not_read\"},"
                + "\"screen\":[\"W:ALL         \ue000\ue002\",\"Unavail 4/5 up  \"],\"backlight\":\"RED\","
                + "\"text\":\"Unavail 4/5 up at DC1 r1 n1\",\"run\":\"0a1b2c3d4e5f\","
                + "\"prediction\":{\"kind\":\"fails_now\",\"words\":\"fails: 4 of 5 up\"}}\n",
                line(outcome(Optional.of(R1), new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ)));
    }

    /** One line per kind and read-back: the golden fields each must carry. */
    @Test
    void everyOutcomeKindWithItsFields() {
        String head = "\"v\":1,\"seq\":1795243390319,\"time\":\"2026-11-21T06:43:10.319Z\",\"write_level\":\"ALL\","
                + "\"read_level\":\"LOCAL_ONE\",\"latency_ms\":3.1,";
        String tail = "\"screen\":[\"W:ALL         \ue000\ue002\",\"Unavail 4/5 up  \"],\"backlight\":\"RED\"";
        String r1 = "{\"dc\":\"DC1\",\"rack\":\"r1\",\"address\":\"127.0.1.1\",\"name\":\"rpidc1r1n1\"}";
        record Case(WriteOutcome outcome, String golden) {
        }
        List<Case> table = List.of(
                new Case(outcome(Optional.of(R1), null, new ReadBack.Current(Duration.ofMillis(2))),
                        "{" + head + "\"kind\":\"written\",\"coordinator\":" + r1 + ",\"error\":null,"
                                + "\"read_back\":{\"kind\":\"current\"}," + tail + "}"),
                new Case(outcome(Optional.empty(), null, new ReadBack.Stale(17, 1795243390319L, Duration.ofMillis(2))),
                        "{" + head + "\"kind\":\"written\",\"coordinator\":null,\"error\":null,"
                                + "\"read_back\":{\"kind\":\"stale\",\"found_seq\":17}," + tail + "}"),
                new Case(outcome(Optional.of(R1), null, new ReadBack.Missing(Duration.ofMillis(2))),
                        "{" + head + "\"kind\":\"written\",\"read_back\":{\"kind\":\"missing\"}," + tail + "}"),
                new Case(outcome(Optional.of(R1), null, new ReadBack.Failed(new Failure.ReadTimeout(Level.ALL, 1, 2, false))),
                        "{" + head + "\"kind\":\"written\",\"read_back\":{\"kind\":\"failed\",\"error\":{\"kind\":\"read_timeout\","
                                + "\"level\":\"ALL\",\"received\":1,\"block_for\":2,\"data_present\":false}}," + tail + "}"),
                new Case(outcome(Optional.of(R1), new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"write_timeout\",\"error\":{\"kind\":\"write_timeout\",\"level\":\"ALL\","
                                + "\"received\":4,\"block_for\":5,\"write_type\":\"SIMPLE\"},\"read_back\":{\"kind\":\"not_read\"},"
                                + tail + "}"),
                new Case(outcome(Optional.empty(), new Failure.ClientTimeout(Duration.ofSeconds(1)), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"client_timeout\",\"coordinator\":null,\"error\":{\"kind\":\"client_timeout\","
                                + "\"after_ms\":1000}," + tail + "}"),
                new Case(outcome(Optional.empty(), new Failure.NoNodeAvailable(), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"no_node_available\",\"coordinator\":null,"
                                + "\"error\":{\"kind\":\"no_node_available\"}," + tail + "}"),
                new Case(outcome(Optional.of(R1), new Failure.Unavailable(Level.EACH_QUORUM, 2, 0), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"unavailable\",\"error\":{\"kind\":\"unavailable\",\"level\":\"EACH_QUORUM\","
                                + "\"required\":2,\"alive\":0,\"alive_known\":false}," + tail + "}"),
                new Case(outcome(Optional.of(R1), new Failure.ConnectionLost("HeartbeatException"), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"connection_lost\",\"error\":{\"kind\":\"connection_lost\","
                                + "\"cause\":\"HeartbeatException\"}," + tail + "}"),
                new Case(outcome(Optional.of(R1), new Failure.Overloaded("busy"), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"overloaded\",\"error\":{\"kind\":\"overloaded\",\"message\":\"busy\"}," + tail + "}"),
                new Case(outcome(Optional.of(R1), new Failure.Other("ClosedConnectionException", "lost \"it\"\n"), ReadBack.NOT_READ),
                        "{" + head + "\"kind\":\"other\",\"error\":{\"kind\":\"other\",\"class\":\"ClosedConnectionException\","
                                + "\"message\":\"lost \\\"it\\\"\\n\"}," + tail + "}"));
        for (Case c : table) {
            assertSchema(c.golden(), line(c.outcome()));
        }
    }

    @Test
    void theKafkaOutcomeEventIsTheOutcomeWithItsTypeAndClient() {
        WriteOutcome o = outcome(Optional.of(R1), new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ);
        String event = OutcomeJson.encode(o, OutcomeSinks.shown(RED), Frames.outcomeText(o), FAILS_NOW).eventLine("rpiclient1");
        assertEquals("{\"v\":1,\"type\":\"outcome\",\"client\":\"rpiclient1\",\"seq\":1795243390319,",
                event.substring(0, event.indexOf("\"time\"")));
        assertSchema(line(o), event);
    }

    @Test
    void theHealthEvent() {
        Health pi = new Health(Optional.of(new BigDecimal("48.7")), Optional.of(List.of(new BigDecimal("0.21"),
                new BigDecimal("0.30"), new BigDecimal("0.28"))), OptionalLong.of(3882000), OptionalLong.of(3120000),
                OptionalLong.of(5321), 26214400, 100663296, 41, 300, ClockSync.SYNCHRONISED);
        assertSchema("""
                {"v":1,"type":"health","client":"rpiclient1","time":"2026-11-21T07:24:44Z","cpu_temp_c":48.7,
                 "load":[0.21,0.30,0.28],"mem_total_kb":3882000,"mem_available_kb":3120000,"uptime_s":5321,
                 "daemon":{"heap_used_bytes":26214400,"heap_max_bytes":100663296,"threads":41,"uptime_s":300},
                 "events":{"published":310,"delivered":300,"dropped":10},"clock":"synchronised"}""",
                Wire.line(HealthJson.of("rpiclient1", Instant.parse("2026-11-21T07:24:44Z"), pi, 310, 300, 10)));
        Health laptop = new Health(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), 1, 2, 3, 4, ClockSync.UNKNOWN);
        assertSchema("{\"cpu_temp_c\":null,\"load\":null,\"mem_total_kb\":null,\"mem_available_kb\":null,\"uptime_s\":null}",
                Wire.line(HealthJson.of("laptop", Instant.EPOCH, laptop, 0, 0, 0)));
    }

    @Test
    void theClusterEvent() {
        assertSchema("""
                {"v":1,"type":"cluster","client":"rpiclient1","time":"2026-11-22T03:03:38.512Z","local_dc":"DC1",
                 "nodes":[{"dc":"DC1","rack":"r1","address":"127.0.1.1","name":"rpidc1r1n1","state":"up","open_connections":1,
                           "replica":true},
                          {"dc":"DC2","rack":"r2","address":"127.0.2.2","name":null,"state":"down","open_connections":0,
                           "replica":false}],
                 "replication":[{"dc":"DC1","factor":3},{"dc":"DC2","factor":3}],"dc_failover":false}""",
                Wire.line(ClusterJson.of("rpiclient1", Instant.parse("2026-11-22T03:03:38.512Z"), new booth.model.ClusterView("DC1",
                        List.of(new booth.model.ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true),
                                new booth.model.ClusterNode("DC2", "r2", "127.0.2.2", null, "down", 0, false)),
                        java.util.Map.of("DC1", 3, "DC2", 3), false))));
    }

    /** The check itself: a renamed field, a removed one or a changed value fails; an added one passes. */
    @Test
    void theSchemaCheckCatchesRenamesAndRemovalsButNotAdditions() {
        String golden = "{\"v\":1,\"kind\":\"written\",\"error\":null,\"coordinator\":{\"dc\":\"DC1\"}}";
        assertSchema(golden, "{\"v\":1,\"kind\":\"written\",\"error\":null,\"coordinator\":{\"dc\":\"DC1\",\"new\":2},\"added\":1}");
        assertThrows(AssertionError.class, () -> assertSchema(golden, "{\"v\":1,\"outcome_kind\":\"written\",\"error\":null,"
                + "\"coordinator\":{\"dc\":\"DC1\"}}"));
        assertThrows(AssertionError.class, () -> assertSchema(golden, "{\"v\":1,\"kind\":\"written\",\"coordinator\":{\"dc\":\"DC1\"}}"));
        assertThrows(AssertionError.class, () -> assertSchema(golden, "{\"v\":1,\"kind\":\"written\",\"error\":null,"
                + "\"coordinator\":{\"data_centre\":\"DC1\"}}"));
        assertThrows(AssertionError.class, () -> assertSchema(golden, "{\"v\":\"1\",\"kind\":\"written\",\"error\":null,"
                + "\"coordinator\":{\"dc\":\"DC1\"}}"));
    }

    @Test
    void parsingIsStrict() {
        assertEquals("status", Wire.parseObject("{\"v\":1,\"cmd\":\"status\"}").get("cmd").textValue());
        for (String bad : List.of("{\"v\":1} trailing", "{\"v\":1}{\"v\":1}", "{\"v\":1,\"v\":2}", "[1]", "null", "", "{")) {
            assertThrows(IllegalArgumentException.class, () -> Wire.parseObject(bad), bad);
        }
    }
}
