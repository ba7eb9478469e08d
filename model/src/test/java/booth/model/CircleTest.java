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
}
