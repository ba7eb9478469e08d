package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal counted; one line per kind per quiet minute, on an injected clock. */
class RejectionsTest {
    @Test
    void aFloodIsCountedInFullAndSaidOncePerKindAMinute() {
        List<String> said = new ArrayList<>();
        long[] now = {0};
        Rejections r = new Rejections("booth screen", said::add, () -> now[0]);
        for (int i = 0; i < 10_000; i++) {
            r.reject(Rejection.TOO_LARGE, "text is longer than 4096 characters");
        }
        r.reject(Rejection.CONTROL_CHARACTERS, "text holds \u001b[2J a control character");
        assertEquals(10_000, r.count(Rejection.TOO_LARGE));
        assertEquals(10_001, r.total());
        assertEquals(Map.of(Rejection.TOO_LARGE, 10_000L, Rejection.CONTROL_CHARACTERS, 1L), r.counts());
        assertEquals(List.of("booth screen: rejected too_large (text is longer than 4096 characters); 1 so far, the next in 60 s "
                + "counted without a line", "booth screen: rejected control_characters (text holds  a control character); 1 so far, "
                + "the next in 60 s counted without a line"), said);
        now[0] += Rejections.QUIET.toNanos() - 1;
        r.reject(Rejection.TOO_LARGE, "again");
        assertEquals(2, said.size(), "still within the quiet minute");
        now[0] += 1;
        r.reject(Rejection.TOO_LARGE, "again");
        assertEquals(3, said.size());
        assertTrue(said.get(2).contains("10002 so far"), said.get(2));
    }
}
