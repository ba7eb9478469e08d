package booth.model;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 *
 * <p>Anyone can write to a demo topic, so what it keeps is bounded whatever the records say: a
 * record numbered more than {@link #KEEP} past its producer's highest, or below its first, is
 * refused (judging every number of such a jump would take a set entry each and forever), and its
 * producer's track is forgotten, to be followed afresh from the next record; at most
 * {@link #SESSIONS} sessions of a producer are followed, the newest.
 */
public final class Circle {
    /** A producer followed further back than this many records is forgotten (bounded memory); a jump further is refused. */
    public static final int KEEP = 4 * CircleRecord.WINDOW;
    /** The most sessions of one producer followed at once (a box restarted a few times). */
    static final int SESSIONS = 4;

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

    /**
     * Record {@code r} was consumed at {@code consumedMillis} (epoch milliseconds).
     *
     * @return false when it was refused, judging nothing: numbered below 1, or beyond the window
     *         of its producer's track (which is then forgotten), or of a session older than those
     *         followed
     */
    public boolean consumed(CircleRecord r, long consumedMillis) {
        Producer p = new Producer(r.client(), r.session());
        Track t = tracks.get(p);
        if (r.seq() < 1 || (t == null && !makeRoomFor(p))) {
            return false;
        }
        if (t == null) {
            t = new Track(r.seq());
            tracks.put(p, t);
        }
        if (r.seq() > t.highest + KEEP || r.seq() < t.first - KEEP) {
            tracks.remove(p);
            return false;
        }
        if (t.consumed.contains(r.seq())) {
            duplicated++;
            return true;
        }
        if (r.seq() < t.first) {
            return true; // before we started following: not ours to judge
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
        return true;
    }

    /**
     * Whether a track for {@code p} may begin: the oldest of its producer's sessions is
     * forgotten when {@link #SESSIONS} are followed already, unless {@code p}'s is older still.
     */
    private boolean makeRoomFor(Producer p) {
        List<Producer> same = tracks.keySet().stream().filter(k -> k.client().equals(p.client()))
                .sorted(Comparator.comparingLong(Producer::session)).toList();
        if (same.size() < SESSIONS) {
            return true;
        }
        if (p.session() < same.get(0).session()) {
            return false;
        }
        tracks.remove(same.get(0));
        return true;
    }

    /**
     * Follows every producer afresh from its next record, the counts kept: after the consumer
     * was away (restarted), the records it missed are neither lost nor missing, only unseen.
     */
    public void restart() {
        tracks.clear();
    }

    public CircleCounts counts() {
        return new CircleCounts(delivered, late, lost, duplicated, missing, ownLost, millis(0.50), millis(0.99), 0);
    }

    private Optional<Duration> millis(double p) {
        java.util.OptionalDouble v = latencies.percentile(p);
        return v.isPresent() ? Optional.of(Duration.ofNanos(Math.round(v.getAsDouble() * 1_000_000))) : Optional.empty();
    }
}
