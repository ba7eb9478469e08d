package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** The resident memory rule on a daemon restarted mid-run, sampled every 20 s as the runs sample. */
class ResidentMemoryJudgeTest {
    private static final Instant RUN = Instant.parse("2026-12-06T23:09:11Z");
    /** Restarted at minute 41 of the run, as rpiclient2's daemon 4 of the hour at 0425c2d. */
    private static final Instant RESTARTED = RUN.plusSeconds(41 * 60 + 43);

    /** Samples every 20 s for {@code minutes} from {@link #RESTARTED}, resident memory from {@code rssKib}. */
    private static List<MemorySample> life(int minutes, IntToLongFunction rssKib) {
        List<MemorySample> samples = new ArrayList<>();
        for (int n = 0; n <= minutes * 3; n++) {
            samples.add(new MemorySample(RESTARTED.plusSeconds(20L * n), rssKib.applyAsLong(n), 15_000, 11_000, 31));
        }
        return samples;
    }

    /** That daemon's shape: 82 MiB at its start, 120 by its minute 3 (warming up), then within 4 MiB. */
    private static long warmsThenFlat(int n) {
        return n < 9 ? 82_492 + 4_200L * n : 119_600 + Math.min(n - 9, 20) * 200L;
    }

    @Test
    void aRestartedDaemonsWarmUpIsNotJudged() {
        List<MemorySample> samples = life(12, ResidentMemoryJudgeTest::warmsThenFlat);
        assertEquals(Optional.empty(), ResidentMemoryJudge.judge("rpiclient2 (daemon 4)", samples, RESTARTED, RUN));
        ResidentMemoryJudge.Growth g = ResidentMemoryJudge.growth(samples, RESTARTED).orElseThrow();
        assertEquals(RESTARTED.plusSeconds(300), g.from().at());
        assertTrue(g.kib() < 4 * 1024, "judged from its own minute 5: " + g.kib());
        // judged from the daemon's first sample, as at 0425c2d, the same daemon fails: the rule would be wrong
        assertTrue(samples.get(samples.size() - 1).rssKib() - samples.get(0).rssKib() > ResidentMemoryJudge.GROWTH_LIMIT_KIB);
    }

    @Test
    void growthAfterTheDaemonsOwnMinuteFiveFailsSayingWhen() {
        // warm as above, then 2 MiB a minute: a leak
        List<MemorySample> samples = life(12, n -> warmsThenFlat(n) + (n > 15 ? 700L * (n - 15) : 0));
        Optional<String> verdict = ResidentMemoryJudge.judge("rpiclient2 (daemon 4)", samples, RESTARTED, RUN);
        assertEquals(Optional.of("rpiclient2 (daemon 4): resident memory grew by 17500 KiB from minute 46 of the run "
                + "(its own minute 5) to minute 53 (limit 10240)"), verdict);
    }

    @Test
    void aDaemonThatLivedUnderTenMinutesIsNotJudged() {
        List<MemorySample> samples = life(9, n -> 80_000 + 10_000L * n);
        assertEquals(Optional.empty(), ResidentMemoryJudge.growth(samples, RESTARTED));
        assertEquals(Optional.empty(), ResidentMemoryJudge.judge("c", samples, RESTARTED, RUN));
        assertEquals(Optional.empty(), ResidentMemoryJudge.growth(List.of(), RESTARTED));
    }
}
