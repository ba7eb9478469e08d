package booth.screen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** The last few durations in milliseconds, in a ring of fixed size, and their p50 and p99. */
final class RecentMillis {
    private final double[] ring;
    private int count;
    private int next;

    RecentMillis(int size) {
        ring = new double[size];
    }

    void add(double millis) {
        ring[next] = millis;
        next = (next + 1) % ring.length;
        count = Math.min(ring.length, count + 1);
    }

    /** Puts {@code PREFIXp50_ms} and {@code PREFIXp99_ms}: nearest-rank, to 0.1 ms; null when there are none. */
    void putPercentiles(ObjectNode into, String prefix) {
        if (count == 0) {
            into.putNull(prefix + "p50_ms").putNull(prefix + "p99_ms");
            return;
        }
        double[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        into.put(prefix + "p50_ms", rank(sorted, 0.50)).put(prefix + "p99_ms", rank(sorted, 0.99));
    }

    /** The nearest-rank percentile, rounded to 0.1 ms. */
    static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, i)] * 10) / 10.0;
    }
}
