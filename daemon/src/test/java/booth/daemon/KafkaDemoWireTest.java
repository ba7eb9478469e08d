package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.display.KafkaFrames;
import booth.hal.PlateFrame;
import booth.model.AckLog;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.CircleRecord;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import booth.protocol.CircleJson;
import booth.protocol.ProduceJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Kafka demo's lines: the record's value and the outcome, pinned byte for byte. */
class KafkaDemoWireTest {
    private static final Instant AT = Instant.parse("2026-11-22T06:00:00.125Z");

    @Test
    void aRecordTravelsWithTheAcknowledgementsBeforeIt() {
        AckLog log = new AckLog("rpiclient1", 1795327200000L);
        CircleRecord first = log.next(Acks.ONE, 1795327200125L);
        log.acknowledged(first.seq());
        log.next(Acks.ONE, 1795327201125L); // not acknowledged
        CircleRecord third = log.next(Acks.ONE, 1795327202125L);
        String line = CircleJson.encode(third);
        assertEquals("{\"v\":1,\"client\":\"rpiclient1\",\"session\":1795327200000,\"seq\":3,\"sent\":1795327202125,"
                + "\"acks\":\"1\",\"acked\":\"02\"}", line);
        CircleRecord back = CircleJson.decode(line).orElseThrow();
        assertEquals(third, back);
        assertTrue(back.saysAcked(1));
        assertTrue(!back.saysAcked(2));
    }

    @Test
    void whatIsNotARecordIsSkipped() {
        for (String bad : List.of("", "not json", "{\"v\":1,\"type\":\"outcome\"}", "{\"v\":1,\"client\":\"a\",\"session\":1,"
                + "\"seq\":1,\"sent\":1,\"acks\":\"2\",\"acked\":\"\"}", "{\"v\":1,\"client\":\"a\",\"session\":1,\"seq\":1,"
                + "\"sent\":1,\"acks\":\"1\",\"acked\":\"zz\"}")) {
            assertTrue(CircleJson.decode(bad).isEmpty(), bad);
        }
    }

    @Test
    void theOutcomeLineIsPinned() {
        ProduceOutcome o = new ProduceOutcome(12, AT, Acks.ALL, "booth.demo.rpiclient1", Optional.of(2), 0, 41,
                Duration.ofNanos(9_400_000), Optional.empty());
        PlateFrame green = KafkaFrames.acksPage(Acks.ALL, Optional.of(o), false, 0, false, Optional.empty());
        PartitionView view = new PartitionView("booth.demo.rpiclient1", 0, Optional.of(2), List.of(2, 3, 1), List.of(2, 3),
                List.of(), 2);
        CircleCounts circle = new CircleCounts(40, 1, 0, 0, 2, 0, Optional.of(Duration.ofMillis(14)),
                Optional.of(Duration.ofNanos(453_200_000)), 3);
        assertEquals("{\"v\":1,\"demo\":\"kafka\",\"seq\":12,\"time\":\"2026-11-22T06:00:00.125Z\",\"acks\":\"all\","
                + "\"kind\":\"acked\",\"latency_ms\":9.400,\"topic\":\"booth.demo.rpiclient1\",\"partition\":0,\"offset\":41,"
                + "\"leader\":2,\"error\":null,\"isr\":{\"leader\":2,\"isr\":[2,3],\"elr\":[],\"min_insync\":2},"
                + "\"circle\":{\"delivered\":40,\"late\":1,\"lost\":0,\"duplicated\":0,\"missing\":2,\"own_lost\":0,"
                + "\"p50_ms\":14.000,\"p99_ms\":453.200,\"rejected\":3},\"screen\":[\"acks=all      \ue000\ue002\",\"b2 0@41      9ms\"],"
                + "\"backlight\":\"GREEN\",\"text\":\"b2 0@41 9ms\"}\n",
                ProduceJson.encode(o, Optional.of(view), circle, OutcomeSinks.shown(green), KafkaFrames.outcomeText(o)).line());
    }

    @Test
    void everyFailureWithItsNumbers() {
        record Case(ProduceFailure f, String error) {
        }
        for (Case c : List.of(
                new Case(new ProduceFailure.NotEnoughReplicas(false), "{\"kind\":\"not_enough_replicas\",\"after_append\":false}"),
                new Case(new ProduceFailure.Timeout(Duration.ofMillis(1000), "Expiring 1 record(s)"),
                        "{\"kind\":\"timeout\",\"after_ms\":1000,\"message\":\"Expiring 1 record(s)\"}"),
                new Case(new ProduceFailure.NoLeader("NotLeaderOrFollowerException: x"),
                        "{\"kind\":\"no_leader\",\"message\":\"NotLeaderOrFollowerException: x\"}"),
                new Case(new ProduceFailure.Other("RecordTooLargeException", "big"),
                        "{\"kind\":\"other\",\"class\":\"RecordTooLargeException\",\"message\":\"big\"}"))) {
            ProduceOutcome o = new ProduceOutcome(13, AT, Acks.ALL, "t", Optional.empty(), 0, -1, Duration.ofMillis(5),
                    Optional.of(c.f()));
            String line = ProduceJson.encode(o, Optional.empty(), CircleCounts.EMPTY,
                    OutcomeSinks.shown(KafkaFrames.acksPage(Acks.ALL, Optional.of(o), false, 0, false, Optional.empty())), KafkaFrames.outcomeText(o)).line();
            assertTrue(line.contains("\"kind\":\"" + c.f().kind().wireName() + "\""), line);
            assertTrue(line.contains("\"offset\":null,\"leader\":null,\"error\":" + c.error() + ",\"isr\":null"), line);
        }
    }
}
