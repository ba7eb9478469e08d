package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.ui.UiEvent;
import booth.hal.ButtonEvent;
import booth.hal.KeypadButton;
import booth.hal.StaffButton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ui thread's lanes, with the ui thread stalled (nobody takes) and then back. */
class UiLanesTest {
    private final UiLanes lanes = new UiLanes();

    /** The issue: with the ui thread stalled, the 1,001st event was dropped, a RELEASED or an outcome among them. */
    @Test
    void outcomesAndStaffButtonsAreNeverDroppedKeysAreDroppedAndCounted() throws Exception {
        for (int i = 0; i < 5000; i++) {
            assertTrue(lanes.post(new UiEvent.SkippedTick()));
            assertTrue(lanes.post(new UiEvent.Button(ButtonEvent.released(StaffButton.POWER_OFF, Duration.ofMillis(500)))));
        }
        int keys = 0;
        for (int i = 0; i < 1000; i++) {
            if (lanes.post(new UiEvent.Button(ButtonEvent.pressed(KeypadButton.UP)))) {
                keys++;
            }
        }
        assertEquals(UiLanes.KEYS, keys);
        assertEquals(new UiLanes.Counts(10_000 + UiLanes.KEYS, 1000 - UiLanes.KEYS, 0), lanes.counts());
        int kept = 0;
        UiLanes.Next next;
        while ((next = lanes.take(Duration.ZERO)) != null) {
            if (!(next.event() instanceof UiEvent.Button b && b.event().key() instanceof KeypadButton)) {
                kept++;
            }
        }
        assertEquals(10_000, kept);
    }

    @Test
    void aRequestIsDoneOnceTakenFullWhenTheLaneIsFullAndWithdrawnWhenLate() throws Exception {
        ExecutorService staff = Executors.newFixedThreadPool(UiLanes.REQUESTS + 1);
        try {
            // not taken within its limit: withdrawn, and the ui thread must not apply it later
            assertEquals(UiLanes.Result.LATE, lanes.request(new UiEvent.Paused(true), Duration.ofMillis(50)));
            UiLanes.Request withdrawn = assertInstanceOf(UiLanes.Request.class, lanes.take(Duration.ZERO));
            assertFalse(withdrawn.take(), "withdrawn: not to be applied");
            // a full lane: refused at once
            List<Future<UiLanes.Result>> waiting = new ArrayList<>();
            for (int i = 0; i < UiLanes.REQUESTS; i++) {
                waiting.add(staff.submit(() -> lanes.request(new UiEvent.ResetDemo(), Duration.ofSeconds(30))));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lanes.counts().queued() < UiLanes.REQUESTS) {
                assertTrue(System.nanoTime() < deadline, "the requests never queued");
                Thread.sleep(5); // polling, with the deadline above
            }
            assertEquals(UiLanes.Result.FULL, lanes.request(new UiEvent.Paused(false), Duration.ofSeconds(30)));
            assertEquals(2, lanes.counts().busyRequests());
            // the ui thread is back: every waiting request is done, and said so
            for (int i = 0; i < UiLanes.REQUESTS; i++) {
                UiLanes.Request r = assertInstanceOf(UiLanes.Request.class, lanes.take(Duration.ofSeconds(1)));
                assertTrue(r.take());
                r.applied();
            }
            for (Future<UiLanes.Result> f : waiting) {
                assertEquals(UiLanes.Result.DONE, f.get());
            }
            assertNull(lanes.take(Duration.ofMillis(1)));
        } finally {
            staff.shutdownNow();
        }
    }
}
