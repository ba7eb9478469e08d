package booth.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether a daemon's live heap (the heap in use after a full collection, sampled from outside
 * with jcmd) grew over the run: judged in every run, five minutes included. Garbage comes and
 * goes with every sample; what a full collection leaves is what the daemon holds, and a leak is
 * that growing steadily. The growth is the Theil-Sen slope (the median of the slopes between
 * every two samples), which one odd sample (a cut's reconnections caught mid-way) cannot move.
 */
final class LiveHeapJudge {
    /**
     * Samples before this, after the run's start, are the daemon settling (the driver's pools and
     * metadata, the first reconnections): not judged.
     */
    static final Duration SETTLING = Duration.ofMinutes(1);
    /**
     * The most the live heap may grow, in KiB a minute. A clean 5-minute ChaosIT measured slopes
     * of 38 and 47 KiB a minute (8.3 to 8.7 MiB live); with Kafka events and a socket flood in
     * the run, 68 to 122 (a flood holds its connections' state for its minute, and a daemon
     * restarted mid-run is judged on its first minutes); a planted leak of 300 KiB a minute
     * measured 334 and 338 (docs/chaos-soak.md). The limit sits between, so the noise of a busy
     * 2-core machine does not reach it and the plant does.
     */
    static final double SLOPE_LIMIT_KIB_PER_MINUTE = 200;
    /** Fewer judged samples than this give no slope worth a verdict (a run too short, jcmd failing). */
    static final int MIN_SAMPLES = 6;

    private LiveHeapJudge() {
    }

    /** Empty when the live heap of {@code client} stayed flat after {@link #SETTLING}; else why not. */
    static Optional<String> judge(String client, List<MemorySample> samples, Instant start) {
        List<MemorySample> judged = judged(samples, start);
        OptionalDouble slope = slopeKibPerMinute(judged);
        if (slope.isEmpty()) {
            return Optional.empty(); // too few samples: the report says "not judged" for the run to show
        }
        if (slope.getAsDouble() <= SLOPE_LIMIT_KIB_PER_MINUTE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: the live heap (after a full collection) grew by %.0f KiB a minute "
                        + "over %d samples from minute %d (limit %.0f): %d KiB then, %d KiB at the end", client,
                slope.getAsDouble(), judged.size(), SETTLING.toMinutes(), SLOPE_LIMIT_KIB_PER_MINUTE,
                judged.get(0).liveHeapKib(), judged.get(judged.size() - 1).liveHeapKib()));
    }

    /** The samples the rule judges: from {@link #SETTLING} on, with a live heap jcmd could tell. */
    static List<MemorySample> judged(List<MemorySample> samples, Instant start) {
        return samples.stream().filter(s -> !s.at().isBefore(start.plus(SETTLING)) && s.liveHeapKib() >= 0).toList();
    }

    /** The Theil-Sen slope of the live heap in KiB a minute, or empty with fewer than {@link #MIN_SAMPLES}. */
    static OptionalDouble slopeKibPerMinute(List<MemorySample> judged) {
        if (judged.size() < MIN_SAMPLES) {
            return OptionalDouble.empty();
        }
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            for (int j = i + 1; j < judged.size(); j++) {
                double minutes = Duration.between(judged.get(i).at(), judged.get(j).at()).toMillis() / 60_000.0;
                if (minutes > 0) {
                    slopes.add((judged.get(j).liveHeapKib() - judged.get(i).liveHeapKib()) / minutes);
                }
            }
        }
        if (slopes.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Double> sorted = slopes.stream().sorted().toList();
        int n = sorted.size();
        return OptionalDouble.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }
}
