package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import booth.protocol.ProduceJson.ErrorFields;
import booth.protocol.ProduceJson.Isr;
import booth.protocol.ProduceJson.RecordLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A Kafka demo record's outcome line read back as it was written, and a malformed one refused. */
class ProduceJsonTest {
    private static final Instant AT = Instant.parse("2026-11-22T06:00:00.125Z");
    private static final LcdShown GREEN = new LcdShown("acks=all      \ue000\ue002", "b2 0@41      9ms", "GREEN");
    private static final PartitionView VIEW = new PartitionView("booth.demo.rpiclient1", 0, Optional.of(2), List.of(2, 3, 1),
            List.of(2, 3), List.of(), 2);
    private static final CircleCounts CIRCLE = new CircleCounts(40, 1, 0, 0, 2, 0, Optional.of(Duration.ofMillis(14)),
            Optional.of(Duration.ofNanos(453_200_000)), 3);

    private static ProduceOutcome outcome(Acks acks, Optional<Integer> leader, long offset, ProduceFailure f) {
        return new ProduceOutcome(12, AT, acks, "booth.demo.rpiclient1", leader, 0, offset, Duration.ofNanos(9_400_000),
                Optional.ofNullable(f));
    }

    private static String line(ProduceOutcome o, Optional<PartitionView> view, CircleCounts circle) {
        return ProduceJson.encode(o, view, circle, GREEN, "b2 0@41 9ms").line();
    }

    private static RecordLine expected(ProduceOutcome o, Optional<PartitionView> view, CircleCounts circle) {
        return new RecordLine(o.seq(), o.at(), o.acks(), o.kind().wireName(), o.latency(), o.topic(), o.partition(),
                o.offset() >= 0 ? OptionalLong.of(o.offset()) : OptionalLong.empty(), o.leader(),
                o.failure().map(ErrorFields::of), view.map(Isr::of), circle, GREEN, "b2 0@41 9ms");
    }

    @Test
    void everyKindComesBackAsWritten() {
        List<ProduceOutcome> table = List.of(
                outcome(Acks.ALL, Optional.of(2), 41, null),
                outcome(Acks.ZERO, Optional.empty(), -1, null),
                outcome(Acks.ALL, Optional.of(2), -1, new ProduceFailure.NotEnoughReplicas(true)),
                outcome(Acks.ONE, Optional.empty(), -1, new ProduceFailure.Timeout(Duration.ofMillis(5000), "Expiring 1 record(s)")),
                outcome(Acks.ONE, Optional.of(3), -1, new ProduceFailure.NoLeader("NotLeaderOrFollowerException: x")),
                outcome(Acks.ALL, Optional.of(1), -1, new ProduceFailure.Other("RecordTooLargeException", "big")));
        for (ProduceOutcome o : table) {
            for (Optional<PartitionView> view : List.of(Optional.of(VIEW), Optional.<PartitionView>empty())) {
                for (CircleCounts circle : List.of(CIRCLE, CircleCounts.EMPTY)) {
                    String line = line(o, view, circle);
                    assertEquals(expected(o, view, circle), ProduceJson.decode(line), line);
                    assertEquals(expected(o, view, circle), OutcomeLine.decode(line), line);
                }
            }
        }
    }

    @Test
    void aPartitionWithoutALeader() {
        PartitionView leaderless = new PartitionView("t", 0, Optional.empty(), List.of(1, 2, 3), List.of(), List.of(1), 2);
        RecordLine r = ProduceJson.decode(line(outcome(Acks.ALL, Optional.empty(), -1, null), Optional.of(leaderless), CIRCLE));
        assertEquals(new Isr(Optional.empty(), List.of(), List.of(1), 2), r.isr().orElseThrow());
    }

    @Test
    void whatTailAndTheScreenShow() {
        RecordLine acked = ProduceJson.decode(line(outcome(Acks.ALL, Optional.of(2), 41, null), Optional.empty(), CIRCLE));
        assertEquals("acks=all", acked.level());
        assertTrue(acked.succeeded());
        assertTrue(ProduceJson.decode(line(outcome(Acks.ZERO, Optional.empty(), -1, null), Optional.empty(), CIRCLE)).succeeded());
        assertFalse(ProduceJson.decode(line(outcome(Acks.ALL, Optional.of(2), -1, new ProduceFailure.NotEnoughReplicas(false)),
                Optional.empty(), CIRCLE)).succeeded());
    }

    @Test
    void theEventOfARecordIsAnOutcomeEvent() {
        ProduceOutcome o = outcome(Acks.ONE, Optional.of(2), 41, null);
        String event = ProduceJson.encode(o, Optional.of(VIEW), CIRCLE, GREEN, "b2 0@41 9ms").eventLine("rpiclient1");
        assertEquals(new OutcomeEvent("rpiclient1", expected(o, Optional.of(VIEW), CIRCLE)), BoothEvent.decode(event));
    }

    @Test
    void aMalformedLineIsRefusedSayingWhatIsWrong() {
        String good = line(outcome(Acks.ALL, Optional.of(2), 41, null), Optional.of(VIEW), CIRCLE).strip();
        record Case(String line, String message) {
        }
        for (Case c : List.of(
                new Case(good.replace("\"demo\":\"kafka\",", ""), "demo is not kafka: not a Kafka demo record's line"),
                new Case(good.replace("\"acks\":\"all\"", "\"acks\":\"2\""), "acks is not 0, 1 or all"),
                new Case(good.replace("\"partition\":0", "\"partition\":null"), "partition is missing"),
                new Case(good.replace("\"offset\":41", "\"offset\":\"41\""), "offset is not an integer"),
                new Case(good.replace("\"isr\":[2,3]", "\"isr\":[2,\"x\"]"), "isr.isr[1] is not an integer"),
                new Case(good.replace("\"own_lost\":0,", ""), "circle.own_lost is missing"),
                new Case(good.replace("\"p50_ms\":14.000", "\"p50_ms\":\"fast\""), "circle.p50_ms is not a number"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProduceJson.decode(c.line()), c.line());
            assertEquals(c.message(), e.getMessage(), c.line());
        }
        String unknownDemo = good.replace("\"demo\":\"kafka\"", "\"demo\":\"pulsar\"");
        assertEquals("demo is pulsar, not one this reader knows",
                assertThrows(IllegalArgumentException.class, () -> OutcomeLine.decode(unknownDemo)).getMessage());
    }
}
