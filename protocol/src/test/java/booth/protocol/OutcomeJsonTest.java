package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import booth.protocol.OutcomeJson.ErrorFields;
import booth.protocol.OutcomeJson.PredictionFields;
import booth.protocol.OutcomeJson.ReadBackFields;
import booth.protocol.OutcomeJson.WriteLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A write's outcome line read back as it was written, and a malformed one refused with what is wrong. */
class OutcomeJsonTest {
    private static final Instant AT = Instant.parse("2026-11-21T06:43:10.319Z");
    private static final Coordinator R1 = new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1");
    private static final LcdShown RED = new LcdShown("W:ALL         \ue000\ue002", "Unavail 4/5 up  ", "RED");

    private static WriteOutcome outcome(Optional<Coordinator> c, Failure f, ReadBack r) {
        // the wire keeps microseconds: 3.100 ms
        return new WriteOutcome("0a1b2c3d4e5f", 1795243390319L, AT, Level.ALL, Level.LOCAL_ONE, c, Duration.ofNanos(3_100_000),
                Optional.ofNullable(f), r);
    }

    /** What the line of {@code o} must read as. */
    private static WriteLine expected(WriteOutcome o) {
        return new WriteLine(o.seq(), o.at(), o.writeLevel(), o.readLevel(), o.kind().wireName(), o.latency(),
                o.coordinator(), o.failure().map(ErrorFields::of), ReadBackFields.of(o.readBack()), RED, "the text",
                Optional.of(o.run()), Optional.empty());
    }

    @Test
    void aPredictionComesBackAsWrittenAndAnUnknownKindIsRefused() {
        WriteOutcome o = outcome(Optional.of(R1), null, ReadBack.NOT_READ);
        for (booth.model.Prediction p : List.of(
                new booth.model.Prediction.Survives(Level.ALL, 0, List.of("DC1:r1", "DC2:r1")),
                new booth.model.Prediction.Survives(Level.ALL, 2, List.of()),
                new booth.model.Prediction.NeedsAll(Level.ALL, 6),
                new booth.model.Prediction.FailsNow(Level.ALL, new booth.model.ReplicaView.Verdict(false, 6, 5, null)))) {
            String line = OutcomeJson.encode(o, RED, "t", Optional.of(p)).line();
            assertEquals(Optional.of(PredictionFields.of(p)), OutcomeJson.decode(line).prediction(), line);
            assertEquals(p.words(), OutcomeJson.decode(line).prediction().orElseThrow().words());
        }
        String none = OutcomeJson.encode(o, RED, "t", Optional.empty()).line();
        assertTrue(none.contains("\"prediction\":null"), none);
        assertEquals(Optional.empty(), OutcomeJson.decode(none).prediction());
        String survives = OutcomeJson.encode(o, RED, "t", Optional.of(new booth.model.Prediction.NeedsAll(Level.ALL, 6))).line();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutcomeJson.decode(survives.replace("needs_all", "lucky")));
        assertEquals("prediction.kind is not survives, needs_all or fails_now", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OutcomeJson.decode(survives.replace("\"replicas\":6", "\"replicas\":\"six\"")));
        assertEquals("prediction.replicas is not an integer", e.getMessage());
    }

    @Test
    void everyKindAndReadBackComesBackAsWritten() {
        List<WriteOutcome> table = List.of(
                outcome(Optional.of(R1), null, new ReadBack.Current(Duration.ofMillis(2))),
                outcome(Optional.empty(), null, new ReadBack.Stale(17, 1795243390319L, Duration.ofMillis(2))),
                outcome(Optional.of(R1), null, new ReadBack.Missing(Duration.ofMillis(2))),
                outcome(Optional.of(R1), null, new ReadBack.Failed(new Failure.ReadTimeout(Level.ALL, 1, 2, false))),
                outcome(Optional.of(R1), null, new ReadBack.Failed(new Failure.Unavailable(Level.ONE, 1, 0))),
                outcome(Optional.of(R1), new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ),
                outcome(Optional.of(R1), new Failure.Unavailable(Level.EACH_QUORUM, 2, 0), ReadBack.NOT_READ),
                outcome(Optional.of(R1), new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"), ReadBack.NOT_READ),
                outcome(Optional.of(R1), new Failure.ReadTimeout(Level.SERIAL, 0, 1, true), ReadBack.NOT_READ),
                outcome(Optional.empty(), new Failure.ClientTimeout(Duration.ofSeconds(1)), ReadBack.NOT_READ),
                outcome(Optional.empty(), new Failure.NoNodeAvailable(), ReadBack.NOT_READ),
                outcome(Optional.of(R1), new Failure.ConnectionLost("HeartbeatException"), ReadBack.NOT_READ),
                outcome(Optional.of(R1), new Failure.Overloaded("busy"), ReadBack.NOT_READ),
                outcome(Optional.of(new Coordinator("DC2", "r1", "127.0.2.1", null)),
                        new Failure.Other("ClosedConnectionException", "lost \"it\"\n"), ReadBack.NOT_READ));
        for (WriteOutcome o : table) {
            String line = OutcomeJson.encode(o, RED, "the text", Optional.empty()).line();
            assertEquals(expected(o), OutcomeJson.decode(line), line);
            assertEquals(expected(o), OutcomeLine.decode(line), line);
        }
    }

    @Test
    void theNumbersAreReadByName() {
        WriteOutcome o = outcome(Optional.of(R1), new Failure.Unavailable(Level.EACH_QUORUM, 2, 0), ReadBack.NOT_READ);
        ErrorFields e = OutcomeJson.decode(OutcomeJson.encode(o, RED, "t", Optional.empty()).line()).error().orElseThrow();
        assertEquals(Optional.of(Level.EACH_QUORUM), e.level());
        assertEquals(OptionalInt.of(2), e.required());
        assertEquals(OptionalInt.of(0), e.alive());
        assertEquals(Optional.of(false), e.aliveKnown());
        assertEquals(OptionalInt.empty(), e.received());
        WriteOutcome stale = outcome(Optional.of(R1), null, new ReadBack.Stale(17, 18, Duration.ZERO));
        assertEquals(OptionalLong.of(17), OutcomeJson.decode(OutcomeJson.encode(stale, RED, "t", Optional.empty()).line()).readBack().foundSeq());
    }

    @Test
    void theEventIsTheLineWithItsClient() {
        WriteOutcome o = outcome(Optional.of(R1), new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ);
        String event = OutcomeJson.encode(o, RED, "the text", Optional.empty()).eventLine("rpiclient1");
        assertEquals(new OutcomeEvent("rpiclient1", expected(o)), BoothEvent.decode(event));
        assertEquals(AT, BoothEvent.decode(event).at());
    }

    @Test
    void whatTailAndTheScreenShow() {
        WriteLine written = OutcomeJson.decode(OutcomeJson.encode(outcome(Optional.of(R1), null, ReadBack.NOT_READ), RED, "t", Optional.empty()).line());
        assertEquals("ALL", written.level());
        assertTrue(written.succeeded());
        WriteLine failed = OutcomeJson.decode(OutcomeJson.encode(outcome(Optional.empty(), new Failure.NoNodeAvailable(),
                ReadBack.NOT_READ), RED, "t", Optional.empty()).line());
        assertFalse(failed.succeeded());
    }

    /** Fields are only ever added, kinds too: an older daemon's line and a newer one's are read. */
    @Test
    void olderAndNewerDaemonsLinesAreRead() {
        String line = OutcomeJson.encode(outcome(Optional.of(R1), new Failure.Unavailable(Level.ALL, 5, 4), ReadBack.NOT_READ),
                RED, "Unavail 4/5 up at DC1 r1 n1", Optional.empty()).line();
        String older = line.replace(",\"text\":\"Unavail 4/5 up at DC1 r1 n1\"", "");
        assertEquals("Unavail 4/5 up", OutcomeJson.decode(older).text(), "before the text field: the LCD's row");
        String newer = line.replace("\"kind\":\"unavailable\",\"latency", "\"kind\":\"fell_over\",\"latency")
                .replace("\"error\":{\"kind\":\"unavailable\"", "\"error\":{\"kind\":\"fell_over\",\"how\":{\"far\":1}")
                .replace("\"text\"", "\"added\":[1,2],\"text\"");
        WriteLine read = OutcomeJson.decode(newer);
        assertEquals("fell_over", read.kind());
        assertEquals("fell_over", read.error().orElseThrow().kind());
        assertEquals(OptionalInt.of(5), read.error().orElseThrow().required());
    }

    @Test
    void aMalformedLineIsRefusedSayingWhatIsWrong() {
        String good = OutcomeJson.encode(outcome(Optional.of(R1), null,
                new ReadBack.Failed(new Failure.Unavailable(Level.ONE, 1, 0))), RED, "t", Optional.empty()).line().strip();
        record Case(String line, String message) {
        }
        for (Case c : List.of(
                new Case("[1]", "not a JSON object"),
                new Case(good.replace("\"v\":1,", ""), "v is missing: this reader knows schema version 1"),
                new Case(good.replace("\"v\":1", "\"v\":2"), "v is not 1: this reader knows schema version 1"),
                new Case(good.replace("\"v\":1", "\"v\":\"1\""), "v is not 1: this reader knows schema version 1"),
                new Case(good.replace("\"seq\":1795243390319", "\"seq\":1.5"), "seq is not an integer"),
                new Case(good.replace("2026-11-21T06:43:10.319Z", "yesterday"), "time is not a UTC time such as 2026-11-21T06:43:10.319Z"),
                new Case(good.replace("\"write_level\":\"ALL\"", "\"write_level\":\"FAST\""), "write_level is not a consistency level"),
                new Case(good.replace("\"kind\":\"written\",", ""), "kind is missing"),
                new Case(good.replace("3.100", "-1"), "latency_ms is not a number of milliseconds"),
                new Case(good.replace("\"dc\":\"DC1\"", "\"dc\":1"), "coordinator.dc is not a string"),
                new Case(good.replace("\"coordinator\":{", "\"coordinator\":[{").replace("\"rpidc1r1n1\"}", "\"rpidc1r1n1\"}]"),
                        "coordinator is not an object"),
                new Case(good.replace("\"required\":1", "\"required\":\"five\""), "read_back.error.required is not an integer"),
                new Case(good.replace("\"read_back\":{\"kind\":\"failed\",", "\"read_back\":{"), "read_back.kind is missing"),
                new Case(good.replace(",\"Unavail 4/5 up  \"", ""), "screen is not two rows"),
                new Case(good.replace("\"Unavail 4/5 up  \"", "16"), "screen[1] is not a string"),
                new Case(good.replace("\"backlight\":\"RED\",", ""), "backlight is missing"),
                new Case(good.replace("{\"v\":1,", "{\"v\":1,\"demo\":\"kafka\","), "demo is kafka: not a write's line"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeJson.decode(c.line()), c.line());
            assertEquals(c.message(), e.getMessage(), c.line());
        }
        for (String notJson : List.of("not json", good + "{}", good.substring(0, 40))) {
            String message = assertThrows(IllegalArgumentException.class, () -> OutcomeJson.decode(notJson)).getMessage();
            assertTrue(message.startsWith("not valid JSON: "), message);
        }
    }
}
