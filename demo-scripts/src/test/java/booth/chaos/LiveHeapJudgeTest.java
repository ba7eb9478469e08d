package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** The live heap rule on five minutes of samples every 20 s, as the CI run takes them. */
class LiveHeapJudgeTest {
    private static final Instant START = Instant.parse("2026-12-06T18:00:00Z");

    /** Sample n at 20 s times n, its live heap from {@code liveKib}. */
    private static List<MemorySample> fiveMinutes(IntToLongFunction liveKib) {
        List<MemorySample> samples = new ArrayList<>();
        for (int n = 0; n <= 16; n++) {
            samples.add(new MemorySample(START.plusSeconds(20L * n), 120_000, 20_000, liveKib.applyAsLong(n), 30));
        }
        return samples;
    }

    @Test
    void aFlatLiveHeapWithNoisePasses() {
        Random noise = new Random(7);
        List<MemorySample> samples = fiveMinutes(n -> 14_000 + noise.nextInt(200) - 100);
        assertEquals(Optional.empty(), LiveHeapJudge.judge("rpiclient1", samples, START));
    }

    @Test
    void settlingAndOneOddSampleDoNotCount() {
        // the first minute grows (pools, metadata); one sample caught mid-reconnection is 2 MiB high
        List<MemorySample> samples = fiveMinutes(n -> n < 3 ? 10_000 + 1500L * n : n == 9 ? 16_000 : 14_000);
        assertEquals(Optional.empty(), LiveHeapJudge.judge("rpiclient1", samples, START));
    }

    @Test
    void aSlowLeakFailsAFiveMinuteRunSayingHowFast() {
        // the plant of ChaosIT: 5 KiB an outcome, one a second: 300 KiB a minute
        List<MemorySample> samples = fiveMinutes(n -> 14_000 + 100L * n);
        Optional<String> verdict = LiveHeapJudge.judge("rpiclient1", samples, START);
        assertTrue(verdict.isPresent());
        assertEquals("rpiclient1: the live heap (after a full collection) grew by 300 KiB a minute over 14 samples"
                + " from minute 1 (limit 200): 14300 KiB then, 15600 KiB at the end", verdict.get());
    }

    @Test
    void aLeakJustOverTheLimitFailsAndOneJustUnderPasses() {
        double perSample = LiveHeapJudge.SLOPE_LIMIT_KIB_PER_MINUTE / 3;
        assertTrue(LiveHeapJudge.judge("c", fiveMinutes(n -> Math.round(14_000 + n * perSample * 1.1)), START).isPresent());
        assertEquals(Optional.empty(), LiveHeapJudge.judge("c", fiveMinutes(n -> Math.round(14_000 + n * perSample * 0.9)), START));
    }

    @Test
    void tooFewSamplesOrNoneJcmdCouldTellAreNotJudged() {
        List<MemorySample> unknown = fiveMinutes(n -> n < 12 ? -1 : 14_000 + 1000L * n);
        assertEquals(List.of(), LiveHeapJudge.judged(unknown, START).stream().filter(s -> s.liveHeapKib() < 0).toList());
        assertTrue(LiveHeapJudge.slopeKibPerMinute(LiveHeapJudge.judged(unknown, START)).isEmpty());
        assertEquals(Optional.empty(), LiveHeapJudge.judge("c", unknown, START));
    }
}
