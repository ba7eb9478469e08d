package booth.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a daemon's resident memory grew after it settled. Each daemon is judged from its own
 * start, not the run's: a daemon a clock step restarts mid-run warms up as the first one did (the
 * JIT, classes, the driver's pools). The hour at 0425c2d judged restarted daemons from their first
 * sample and failed three of them for 29 to 41 MiB of that warm-up; after their own minute 5 the
 * same daemons grew by at most 4 MiB.
 */
final class ResidentMemoryJudge {
    /** A daemon's first minutes, after its own start: not judged. */
    static final Duration SETTLING = Duration.ofMinutes(5);
    /** A shorter stretch after settling shows too little to judge (a daemon restarted again soon, a 5-minute run). */
    static final Duration SHORTEST_JUDGED = Duration.ofMinutes(5);
    /** The most resident memory may grow over the judged stretch. */
    static final long GROWTH_LIMIT_KIB = 10 * 1024;

    /** The samples the growth is measured between. */
    record Growth(MemorySample from, MemorySample to) {
        long kib() {
            return to.rssKib() - from.rssKib();
        }
    }

    private ResidentMemoryJudge() {
    }

    /**
     * The growth from the first sample {@link #SETTLING} after {@code daemonStart} to the last;
     * empty when that stretch is shorter than {@link #SHORTEST_JUDGED}.
     */
    static Optional<Growth> growth(List<MemorySample> samples, Instant daemonStart) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        MemorySample last = samples.get(samples.size() - 1);
        return samples.stream().filter(s -> !s.at().isBefore(daemonStart.plus(SETTLING))).findFirst()
                .filter(from -> Duration.between(from.at(), last.at()).compareTo(SHORTEST_JUDGED) >= 0)
                .map(from -> new Growth(from, last));
    }

    /** Empty when {@code client}'s daemon stayed within the limit or lived too short to judge; else why not. */
    static Optional<String> judge(String client, List<MemorySample> samples, Instant daemonStart, Instant runStart) {
        return growth(samples, daemonStart).filter(g -> g.kib() > GROWTH_LIMIT_KIB)
                .map(g -> client + ": resident memory grew by " + g.kib() + " KiB from minute "
                        + Duration.between(runStart, g.from().at()).toMinutes() + " of the run (its own minute "
                        + Duration.between(daemonStart, g.from().at()).toMinutes() + ") to minute "
                        + Duration.between(runStart, g.to().at()).toMinutes() + " (limit " + GROWTH_LIMIT_KIB + ")");
    }
}
