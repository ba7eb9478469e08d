package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.ClockSync;
import booth.model.Health;
import booth.model.Level;
import booth.model.ProduceOutcome;
import booth.model.ReadBack;
import booth.model.WriteOutcome;
import booth.protocol.BoothEvent;
import booth.protocol.ClusterJson;
import booth.protocol.HealthJson;
import booth.protocol.LcdShown;
import booth.protocol.OutcomeJson;
import booth.protocol.ProduceJson;
import booth.protocol.Wire;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** democtl tail's text form prints the outcome's one-line text: the numbers and the coordinator together. */
class TailCommandTest {
    private static final Instant AT = Instant.parse("2026-11-21T06:43:10.319Z");
    private static final LcdShown RED = new LcdShown("W:ALL         \ue000\ue002", "at DC1 r1 n1    ", "RED");

    private static String unavailable() {
        WriteOutcome o = new WriteOutcome("0a1b2c3d4e5f", 1, AT, Level.ALL, Level.LOCAL_ONE,
                Optional.of(new Coordinator("DC1", "r1", "127.0.1.1", "rpidc1r1n1")), Duration.ofMillis(3),
                Optional.of(new Failure.Unavailable(Level.ALL, 5, 4)), ReadBack.NOT_READ);
        return OutcomeJson.encode(o, RED, "Unavail 4/5 up at DC1 r1 n1", Optional.empty()).line();
    }

    @Test
    void theOutcomesTextAndForAnOlderDaemonTheLcdsRow() {
        assertEquals("06:43:10 ALL          unavailable       Unavail 4/5 up at DC1 r1 n1    red",
                TailCommand.outcomeLine(unavailable()));
        // a daemon from before the text field: its LCD row, all there is
        assertEquals("06:43:10 ALL          unavailable       at DC1 r1 n1                   red",
                TailCommand.outcomeLine(unavailable().replace(",\"text\":\"Unavail 4/5 up at DC1 r1 n1\"", "")));
    }

    @Test
    void aKafkaDemoRecordShowsItsAcksWhereAWriteShowsItsLevel() {
        ProduceOutcome acked = new ProduceOutcome(3, AT, Acks.ONE, "booth.demo.rpiclient1", Optional.of(2), 0, 41,
                Duration.ofMillis(9), Optional.empty());
        String record = ProduceJson.encode(acked, Optional.empty(), CircleCounts.EMPTY,
                new LcdShown("acks=1", "b2 0@41      9ms", "GREEN"), "b2 0@41 9ms").line();
        assertEquals("06:43:10 acks=1       acked             b2 0@41 9ms                    green",
                TailCommand.outcomeLine(record));
        assertEquals("06:43:10 ALL          unavailable       Unavail 4/5 up at DC1 r1 n1    red",
                TailCommand.outcomeLine(unavailable()));
    }

    @Test
    void everyClientsEventsFromKafka() {
        WriteOutcome o = new WriteOutcome("0a1b2c3d4e5f", 1, AT, Level.ALL, Level.LOCAL_ONE, Optional.empty(), Duration.ofMillis(3),
                Optional.empty(), ReadBack.NOT_READ);
        assertEquals("06:43:10 rpiclient1   ALL          written           DC1 r1 n1 3ms                  red",
                TailCommand.event(BoothEvent.decode(OutcomeJson.encode(o, RED, "DC1 r1 n1 3ms", Optional.empty()).eventLine("rpiclient1"))));
        Health pi = new Health(Optional.of(new BigDecimal("48.7")), Optional.of(List.of(new BigDecimal("0.21"),
                new BigDecimal("0.30"), new BigDecimal("0.28"))), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), 26214400, 100663296, 41, 300, ClockSync.SYNCHRONISED);
        assertEquals("06:43:10 rpiclient1   health      temp 48.7 C, load 0.21, heap 25 MiB, events 10 dropped",
                TailCommand.event(BoothEvent.decode(Wire.line(HealthJson.of("rpiclient1", AT, pi, 310, 300, 10)))));
        Health laptop = new Health(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), 1 << 20, 2, 3, 4, ClockSync.UNKNOWN);
        assertEquals("06:43:10 laptop       health      temp - C, load -, heap 1 MiB, events 0 dropped",
                TailCommand.event(BoothEvent.decode(Wire.line(HealthJson.of("laptop", AT, laptop, 0, 0, 0)))));
        assertEquals("06:43:10 rpiclient1   cluster     3 nodes: 1 forced down, 2 up",
                TailCommand.event(BoothEvent.decode(Wire.line(ClusterJson.of("rpiclient1", AT, new ClusterView("DC1", List.of(
                        new ClusterNode("DC1", "r1", "127.0.1.1", "rpidc1r1n1", "up", 1, true),
                        new ClusterNode("DC1", "r2", "127.0.1.2", "rpidc1r2n1", "up", 1, false),
                        new ClusterNode("DC1", "r3", "127.0.1.3", null, "forced_down", 0, false)), Map.of("DC1", 3, "DC2", 3), false))))));
    }

    @Test
    void aLineThatDoesNotReadIsRefusedSayingWhy() {
        assertEquals("v is missing: this reader knows schema version 1", assertThrows(IllegalArgumentException.class,
                () -> TailCommand.outcomeLine("{\"kind\":\"unavailable\",\"screen\":[\"W:ALL\",\"at DC1 r1 n1    \"]}"))
                .getMessage());
    }

    @Test
    void aLineHoldingEscapesIsPrintedWithoutThemAndCutToTheTextsCap() {
        String line = "{\"v\":1,\"seq\":1,\"time\":\"2026-11-21T06:43:10.319Z\",\"write_level\":\"ALL\",\"read_level\":\"ONE\","
                + "\"kind\":\"other\\u001b[2J\",\"latency_ms\":1.000,\"coordinator\":null,\"error\":{\"kind\":\"other\"},"
                + "\"read_back\":{\"kind\":\"not_read\"},\"screen\":[\"a\",\"b\"],\"backlight\":\"RED\\u009b31m\","
                + "\"text\":\"\\u001b]0;owned\\u0007" + "x".repeat(200) + "\"}";
        String shown = TailCommand.outcomeLine(line);
        assertEquals("06:43:10 ALL          other             " + "x".repeat(79) + "… red", shown);
    }
}
