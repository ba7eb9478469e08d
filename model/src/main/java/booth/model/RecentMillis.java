package booth.model;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The last few durations in milliseconds, in a ring of fixed size, and their nearest-rank
 * percentiles. Not thread-safe: one owner thread (the screen's consumer, the circle's).
 */
public final class RecentMillis {
    private final double[] ring;
    private int count;
    private int next;

    public RecentMillis(int size) {
        ring = new double[size];
    }

    public void add(double millis) {
        ring[next] = millis;
        next = (next + 1) % ring.length;
        count = Math.min(ring.length, count + 1);
    }

    /** The {@code p}th percentile (0-1), nearest-rank, to 0.1 ms; empty when there are none. */
    public OptionalDouble percentile(double p) {
        if (count == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        return OptionalDouble.of(rank(sorted, p));
    }

    /** The nearest-rank percentile of sorted values, rounded to 0.1 ms. */
    static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, i)] * 10) / 10.0;
    }
}
