package booth.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentMillisTest {
    @Test
    void percentilesAreNearestRankOfTheLastValuesOnly() {
        RecentMillis r = new RecentMillis(100);
        assertTrue(r.percentile(0.5).isEmpty(), "none yet");
        r.add(7);
        assertEquals(7.0, r.percentile(0.99).getAsDouble());
        for (int i = 0; i < 100; i++) {
            r.add(1000); // pushed out by the next hundred
        }
        for (int i = 100; i >= 1; i--) {
            r.add(i);
        }
        assertEquals(50.0, r.percentile(0.50).getAsDouble());
        assertEquals(99.0, r.percentile(0.99).getAsDouble());
        assertEquals(100.0, r.percentile(1.0).getAsDouble());
    }
}
