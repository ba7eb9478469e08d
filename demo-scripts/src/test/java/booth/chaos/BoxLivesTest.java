package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A box's daemons in a run: lines on the true clock, restarts, the runs a truncate deleted. */
class BoxLivesTest {
    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    private static String line(Instant at, String run, long seq) {
        return "{\"v\":1,\"seq\":" + seq + ",\"time\":\"" + at + "\",\"write_level\":\"ONE\","
                + "\"read_level\":\"ONE\",\"kind\":\"written\",\"latency_ms\":2.000,\"coordinator\":null,\"error\":null,"
                + "\"read_back\":{\"kind\":\"current\"},\"screen\":[\"W:ONE         \ue000\ue002\",\"ok, node ?    2ms\"],"
                + "\"backlight\":\"WHITE\",\"text\":\"ok\",\"run\":\"" + run + "\"}";
    }

    /** Two lines of the first daemon, then two of one restarted 10 minutes behind at +10 s (its first write at +15 s). */
    private static List<String> lines() {
        return List.of(line(START.plusSeconds(1), "aaaaaaaaaaaa", 1), line(START.plusSeconds(2), "aaaaaaaaaaaa", 2),
                line(START.plusSeconds(15 - 600), "bbbbbbbbbbbb", 1), line(START.plusSeconds(16 - 600), "bbbbbbbbbbbb", 2));
    }

    @Test
    void aRestartedBoxsLinesAreMovedToTheTrueClockAndItsRestartIsNoStall() {
        BoxLives box = new BoxLives("rpiclient1", START);
        box.restarted(START.plusSeconds(10), 2, Duration.ofMinutes(-10));
        List<Observed> stream = box.observed(lines());
        assertEquals(List.of(START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(15), START.plusSeconds(16)),
                stream.stream().map(Observed::at).toList());
        assertEquals(START.plusSeconds(15 - 600), stream.get(2).lineTime(), "the line's own time is kept");
        assertEquals(List.of(new TruthChecker.Span(START.plusSeconds(10), START.plusSeconds(15))),
                box.restarts(stream, START.plusSeconds(60)));
    }

    @Test
    void aRestartThatNeverWroteIsAwayTillTheEnd() {
        BoxLives box = new BoxLives("rpiclient1", START);
        box.restarted(START.plusSeconds(10), 2, Duration.ZERO);
        List<Observed> stream = box.observed(lines().subList(0, 2));
        assertEquals(List.of(new TruthChecker.Span(START.plusSeconds(10), START.plusSeconds(60))),
                box.restarts(stream, START.plusSeconds(60)));
    }

    @Test
    void aTruncateDeletesTheRunsBeforeItOnly() {
        BoxLives box = new BoxLives("rpiclient1", START);
        box.restarted(START.plusSeconds(10), 2, Duration.ofMinutes(-10));
        box.truncated(START.plusSeconds(12));
        assertEquals(Set.of("aaaaaaaaaaaa"), box.deletedRuns(box.observed(lines())));
        assertEquals(Set.of(), new BoxLives("rpiclient1", START).deletedRuns(box.observed(lines())));
    }

    @Test
    void offsetsAreLibfaketimes() {
        assertEquals(Duration.ofMinutes(-10), BoxLives.offset("-10m"));
        assertEquals(Duration.ofMinutes(10), BoxLives.offset("+10m"));
        assertEquals(Duration.ZERO, BoxLives.offset("0"));
        assertThrows(IllegalArgumentException.class, () -> BoxLives.offset("10 minutes"));
    }
}
