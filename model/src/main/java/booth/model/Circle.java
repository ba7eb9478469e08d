package booth.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer's side of the circle: tracks every record of every producer it follows by
 * producer, session and number, and judges each exactly once: delivered, late, duplicated, or,
 * once a later record of the same producer has been consumed and it has not, lost (its
 * producer had heard it acknowledged) or missing (never acknowledged). A partition hands records
 * over in the order they were written, and a producer has one record in flight at a time, so a
 * record not consumed before a later one never comes; should it come after all (a time-out the
 * broker had written anyway), it is moved from lost or missing to late. Pure logic: no clock of
 * its own, no threads (the circle's consumer thread owns it).
 */
public final class Circle {
    /** A producer followed further back than this many records is forgotten (bounded memory). */
    static final int KEEP = 4 * CircleRecord.WINDOW;

    private record Producer(String client, long session) {
    }

    private static final class Track {
        final long first;
        long highest;
        final Set<Long> consumed = new HashSet<>();
        final Set<Long> lost = new HashSet<>();
        final Set<Long> missing = new HashSet<>();

        Track(long first) {
            this.first = first;
            this.highest = first - 1;
        }

        /** Drops what lies too far back to matter. */
        void prune() {
            long floor = highest - KEEP;
            consumed.removeIf(s -> s < floor);
            lost.removeIf(s -> s < floor);
            missing.removeIf(s -> s < floor);
        }
    }

    private final String self;
    private final Duration lateAfter;
    private final Map<Producer, Track> tracks = new HashMap<>();
    private final RecentMillis latencies = new RecentMillis(1000);
    private long delivered;
    private long late;
    private long lost;
    private long duplicated;
    private long missing;
    private long ownLost;

    /**
     * @param self      this client's name: its own records lost are counted apart too
     * @param lateAfter a record consumed later than this after it was sent is late
     */
    public Circle(String self, Duration lateAfter) {
        this.self = self;
        this.lateAfter = lateAfter;
    }

    /** Record {@code r} was consumed at {@code consumedMillis} (epoch milliseconds). */
    public void consumed(CircleRecord r, long consumedMillis) {
        Producer p = new Producer(r.client(), r.session());
        Track t = tracks.computeIfAbsent(p, k -> new Track(r.seq()));
        if (t.consumed.contains(r.seq())) {
            duplicated++;
            return;
        }
        if (r.seq() < t.first) {
            return; // before we started following: not ours to judge
        }
        t.consumed.add(r.seq());
        long millis = Math.max(0, consumedMillis - r.sentMillis());
        latencies.add(millis);
        boolean isLate = millis > lateAfter.toMillis();
        if (t.lost.remove(r.seq())) {
            lost--;
            if (p.client().equals(self)) {
                ownLost--;
            }
            isLate = true;
        } else if (t.missing.remove(r.seq())) {
            missing--;
            isLate = true;
        }
        if (isLate) {
            late++;
        } else {
            delivered++;
        }
        // every record below this one not consumed by now never comes: judge it, once
        for (long s = Math.max(t.first, t.highest + 1); s < r.seq(); s++) {
            if (t.consumed.contains(s)) {
                continue;
            }
            if (r.saysAcked(s)) {
                t.lost.add(s);
                lost++;
                if (p.client().equals(self)) {
                    ownLost++;
                }
            } else {
                t.missing.add(s);
                missing++;
            }
        }
        t.highest = Math.max(t.highest, r.seq());
        t.prune();
    }

    public CircleCounts counts() {
        return new CircleCounts(delivered, late, lost, duplicated, missing, ownLost, millis(0.50), millis(0.99));
    }

    private Optional<Duration> millis(double p) {
        java.util.OptionalDouble v = latencies.percentile(p);
        return v.isPresent() ? Optional.of(Duration.ofNanos(Math.round(v.getAsDouble() * 1_000_000))) : Optional.empty();
    }
}
