package booth.chaos;

import booth.chaos.TruthChecker.ClientFacts;
import booth.chaos.TruthChecker.Span;
import booth.chaos.TruthChecker.Stall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds where a client's outcome stream stopped while the client should have been writing. */
final class StallFinder {
    private StallFinder() {
    }

    /**
     * A client stalls when, outside pauses, no outcome comes for longer than three write
     * intervals beyond the longest a write and its read-back may take.
     */
    static List<Stall> find(ClientFacts client, List<Observed> outcomes, Span run) {
        Duration limit = client.interval().multipliedBy(3).plus(client.requestTimeout().multipliedBy(2));
        List<Stall> out = new ArrayList<>();
        Instant last = run.from();
        List<Instant> marks = new ArrayList<>(outcomes.stream().map(Observed::at).sorted().toList());
        marks.add(run.to());
        for (Instant next : marks) {
            Duration writing = writingTime(client, last, next);
            if (writing.compareTo(limit) > 0) {
                out.add(new Stall(client.name(), last, next, "no outcome for " + writing.toMillis() / 1000.0
                        + " s of writing (limit " + limit.toMillis() / 1000.0 + " s)"));
            }
            last = next;
        }
        return out;
    }

    /** The time in [from, to] outside the client's pauses. */
    private static Duration writingTime(ClientFacts client, Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        for (Span p : client.pauses()) {
            Instant a = p.from().isAfter(from) ? p.from() : from;
            Instant b = p.to().isBefore(to) ? p.to() : to;
            if (b.isAfter(a)) {
                d = d.minus(Duration.between(a, b));
            }
        }
        return d;
    }
}
