package booth.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters since the last reset, by outcome kind, and the latency of recent successful writes.
 * Immutable: {@link #with} returns the next value.
 *
 * @param counts     writes by kind
 * @param latencies  latencies in microseconds of the last successful writes, oldest first
 * @param skipped    ticks skipped because the previous write was still in flight
 */
public record Stats(Map<OutcomeKind, Long> counts, int[] latencies, long skipped) {
    /** Successful writes whose latencies are kept for the percentiles. */
    public static final int WINDOW = 1000;

    public static final Stats EMPTY = new Stats(Map.of(), new int[0], 0);

    public Stats {
        counts = Map.copyOf(counts);
        latencies = latencies.clone();
    }

    public Stats with(WriteOutcome outcome) {
        Map<OutcomeKind, Long> next = new EnumMap<>(OutcomeKind.class);
        next.putAll(counts);
        next.merge(outcome.kind(), 1L, Long::sum);
        int[] lat = latencies;
        if (outcome.succeeded()) {
            long micros = outcome.latency().toNanos() / 1000;
            int keep = Math.min(WINDOW - 1, latencies.length);
            lat = new int[keep + 1];
            System.arraycopy(latencies, latencies.length - keep, lat, 0, keep);
            lat[keep] = (int) Math.min(Integer.MAX_VALUE, micros);
        }
        return new Stats(next, lat, skipped);
    }

    public Stats withSkippedTick() {
        return new Stats(counts, latencies, skipped + 1);
    }

    public long count(OutcomeKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public long succeeded() {
        return count(OutcomeKind.WRITTEN);
    }

    public long failed() {
        return counts.entrySet().stream().filter(e -> e.getKey() != OutcomeKind.WRITTEN).mapToLong(Map.Entry::getValue).sum();
    }

    /** The {@code p}th percentile (0-100) of recent successful latencies, or null when there are none. */
    public Duration percentile(double p) {
        if (latencies.length == 0) {
            return null;
        }
        int[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))] * 1000L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stats s && s.counts.equals(counts) && Arrays.equals(s.latencies, latencies) && s.skipped == skipped;
    }

    @Override
    public int hashCode() {
        return counts.hashCode() * 31 + Arrays.hashCode(latencies);
    }

    @Override
    public String toString() {
        return "Stats" + counts + " latencies=" + latencies.length + " skipped=" + skipped;
    }
}
