package booth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircleTest {
    private static final Duration LATE = Duration.ofSeconds(2);

    /** A producer's records as its AckLog numbers them, acknowledged or not as told. */
    private static List<CircleRecord> produce(String client, boolean... acked) {
        AckLog log = new AckLog(client, 1000);
        List<CircleRecord> out = new ArrayList<>();
        for (int i = 0; i < acked.length; i++) {
            CircleRecord r = log.next(Acks.ONE, 10_000 + i * 1000L);
            out.add(r);
            if (acked[i]) {
                log.acknowledged(r.seq());
            }
        }
        return out;
    }

    @Test
    void recordsConsumedInOrderAreDeliveredWithTheirLatency() {
        Circle c = new Circle("a", LATE);
        for (CircleRecord r : produce("b", true, true, true)) {
            c.consumed(r, r.sentMillis() + 40);
        }
        CircleCounts n = c.counts();
        assertEquals(3, n.delivered());
        assertEquals(0, n.lost() + n.late() + n.missing() + n.duplicated());
        assertEquals(Duration.ofMillis(40), n.p50().orElseThrow());
    }

    @Test
    void anAcknowledgedRecordNeverConsumedIsLostAndAFailedOneOnlyMissing() {
        List<CircleRecord> rs = produce("b", true, true, false, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 5);
        // 2 (acknowledged) and 3 (failed) never arrive
        c.consumed(rs.get(3), rs.get(3).sentMillis() + 5);
        CircleCounts n = c.counts();
        assertEquals(1, n.lost(), "record 2 was acknowledged: lost");
        assertEquals(1, n.missing(), "record 3 failed: missing, no promise broken");
        assertEquals(0, n.ownLost(), "b's records, not a's");
        c.consumed(rs.get(4), rs.get(4).sentMillis() + 5);
        assertEquals(1, c.counts().lost(), "judged once");
    }

    @Test
    void ownRecordsLostAreCountedApart() {
        List<CircleRecord> rs = produce("a", true, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 5);
        c.consumed(rs.get(2), rs.get(2).sentMillis() + 5);
        assertEquals(1, c.counts().ownLost());
    }

    @Test
    void lateDuplicatedAndARecordFoundAfterAllAreCountedAsSuch() {
        List<CircleRecord> rs = produce("b", true, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 3000);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 3100);
        c.consumed(rs.get(2), rs.get(2).sentMillis() + 5);
        assertEquals(1, c.counts().lost());
        c.consumed(rs.get(1), rs.get(1).sentMillis() + 9000); // written after all
        CircleCounts n = c.counts();
        assertEquals(0, n.lost(), "moved out of lost");
        assertEquals(2, n.late());
        assertEquals(1, n.delivered());
        assertEquals(1, n.duplicated());
    }

    @Test
    void recordsBeforeTheFirstConsumedAreNotJudgedAndANewSessionStartsAfresh() {
        List<CircleRecord> rs = produce("b", true, true, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(2), rs.get(2).sentMillis() + 5); // followed from here on
        c.consumed(rs.get(3), rs.get(3).sentMillis() + 5);
        assertEquals(0, c.counts().lost() + c.counts().missing());
        AckLog restarted = new AckLog("b", 2000);
        CircleRecord again = restarted.next(Acks.ALL, 99_000);
        c.consumed(again, 99_010);
        assertEquals(3, c.counts().delivered());
        assertEquals(0, c.counts().duplicated(), "seq 1 of a new session is a new record");
    }

    @Test
    void aRecordVouchesForTheWindowBehindItOnly() {
        AckLog log = new AckLog("b", 1);
        CircleRecord first = log.next(Acks.ONE, 0);
        log.acknowledged(first.seq());
        CircleRecord r = null;
        for (int i = 0; i < CircleRecord.WINDOW; i++) {
            r = log.next(Acks.ONE, 0);
            log.acknowledged(r.seq());
        }
        CircleRecord next = log.next(Acks.ONE, 0);
        assertTrue(next.saysAcked(r.seq()));
        assertTrue(next.saysAcked(next.seq() - CircleRecord.WINDOW));
        assertFalse(next.saysAcked(first.seq()), "beyond the window");
        assertFalse(next.saysAcked(next.seq()), "not itself");
    }

    /** A record of producer {@code b}'s session 1000 numbered {@code seq}, vouching for every record before it. */
    private static CircleRecord forged(long session, long seq) {
        java.util.BitSet all = new java.util.BitSet();
        all.set(0, CircleRecord.WINDOW);
        return new CircleRecord("b", session, seq, 10_000, Acks.ONE, all);
    }

    @Test
    void aJumpBeyondTheWindowIsRefusedAtOnceAndTheProducerFollowedAfreshFromItsNextRecord() {
        List<CircleRecord> rs = produce("b", true, true, true, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 5);
        c.consumed(rs.get(1), rs.get(1).sentMillis() + 5);
        assertFalse(c.consumed(forged(1000, 2 + Circle.KEEP + 1), 20_000), "just beyond the window: refused");
        c.consumed(rs.get(3), rs.get(3).sentMillis() + 5); // followed afresh from here
        long started = System.nanoTime();
        assertFalse(c.consumed(forged(1000, 1_000_000_000_000L), 20_000), "seq 10^12: refused");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "without a step per missing number");
        c.consumed(rs.get(4), rs.get(4).sentMillis() + 5);
        CircleCounts n = c.counts();
        assertEquals(0, n.lost() + n.missing(), "the forged jumps judged nothing: " + n);
        assertEquals(4, n.delivered());
        assertTrue(c.consumed(forged(1000, 5 + Circle.KEEP), 20_000), "a gap within the window is judged as ever");
        assertEquals(CircleRecord.WINDOW, c.counts().lost(), "(which a forger within the window can still fake)");
        assertEquals(Circle.KEEP - 1 - CircleRecord.WINDOW, c.counts().missing());
    }

    @Test
    void aProducersSessionsAreBoundedTheNewestKept() {
        Circle c = new Circle("a", LATE);
        for (long session = 1; session <= 1000; session++) {
            assertTrue(c.consumed(forged(1_000_000 + session, 1), 20_000));
        }
        assertFalse(c.consumed(forged(1, 1), 20_000), "a session older than the four followed");
        assertTrue(c.consumed(forged(1_001_000, 2), 20_000), "the newest is still followed");
        assertEquals(1001, c.counts().late(), "its record 2 judged (late: sent 10 s before)");
        assertFalse(c.consumed(new CircleRecord("b", 5, 0, 1, Acks.ONE, new java.util.BitSet()), 2), "numbers start at 1");
    }

    @Test
    void afterARestartTheRecordsMissedMeanwhileAreUnseenNotLost() {
        List<CircleRecord> rs = produce("b", true, true, true, true, true);
        Circle c = new Circle("a", LATE);
        c.consumed(rs.get(0), rs.get(0).sentMillis() + 5);
        c.restart();
        c.consumed(rs.get(4), rs.get(4).sentMillis() + 5);
        assertEquals(0, c.counts().lost(), "records 2-4 came while the consumer was away");
        assertEquals(2, c.counts().delivered(), "the counts go on");
    }
}
