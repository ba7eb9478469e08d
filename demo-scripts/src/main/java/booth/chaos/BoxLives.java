package booth.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One box's daemons during a run: the first, and each started again by a clock step, with the
 * line of the outcome stream it began at (a restarted daemon appends) and how far its wall clock
 * was off; and the resets that deleted its earlier runs. From these, the stream on the true
 * clock, the spans the box was restarting (not a stall), and the runs whose rows are gone by
 * design (not a lie of the table).
 */
final class BoxLives {
    /** A daemon of the box: started at {@code began}, its lines from {@code fromLine}, its clock {@code offset} off. */
    record Life(Instant began, int fromLine, Duration offset) {
    }

    private final String client;
    private final List<Life> lives = new ArrayList<>();
    private final List<Instant> truncates = new ArrayList<>();

    BoxLives(String client, Instant began) {
        this.client = client;
        lives.add(new Life(began, 0, Duration.ZERO));
    }

    /** The daemon was stopped at {@code stopped} and started again under a clock {@code offset} off; its lines begin at {@code fromLine}. */
    synchronized void restarted(Instant stopped, int fromLine, Duration offset) {
        lives.add(new Life(stopped, fromLine, offset));
    }

    /** A reset with truncate was asked for at {@code at} (whatever its answer: a failed one may have deleted some runs). */
    synchronized void truncated(Instant at) {
        truncates.add(at);
    }

    /** When resets with truncate were asked for. */
    synchronized List<Instant> truncates() {
        return List.copyOf(truncates);
    }

    synchronized List<Life> lives() {
        return List.copyOf(lives);
    }

    /** The box's outcome lines, parsed, each on the true clock. */
    synchronized List<Observed> observed(List<String> lines) {
        List<Observed> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(Observed.parse(client, lines.get(i)).onTrueClock(lifeOfLine(i).offset()));
        }
        return out;
    }

    private Life lifeOfLine(int line) {
        Life of = lives.get(0);
        for (Life l : lives) {
            if (l.fromLine() <= line) {
                of = l;
            }
        }
        return of;
    }

    /**
     * When the box was restarting: from each restart's stop to the first outcome of the new daemon
     * (on the true clock), or to {@code end} when it wrote none. The box writes nothing then, as
     * staff restarting it would see.
     */
    synchronized List<TruthChecker.Span> restarts(List<Observed> stream, Instant end) {
        List<TruthChecker.Span> out = new ArrayList<>();
        for (Life l : lives.subList(1, lives.size())) {
            Instant first = l.fromLine() < stream.size() ? stream.get(l.fromLine()).at() : end;
            out.add(new TruthChecker.Span(l.began(), first.isBefore(l.began()) ? l.began() : first));
        }
        return out;
    }

    /**
     * The runs a reset with truncate deleted: every run with an outcome before the reset was asked
     * for (the daemon starts its new run first, then deletes every other of its runs).
     */
    synchronized Set<String> deletedRuns(List<Observed> stream) {
        Set<String> out = new LinkedHashSet<>();
        for (Instant t : truncates) {
            stream.stream().filter(o -> o.at().isBefore(t)).map(Observed::run).forEach(out::add);
        }
        return out;
    }

    /** libfaketime's offset ({@code -10m}, {@code +10m}, {@code 0}) as a duration. */
    static Duration offset(String faketime) {
        if (faketime.equals(Schedule.TRUE_CLOCK)) {
            return Duration.ZERO;
        }
        if (!faketime.matches("[+-]\\d+m")) {
            throw new IllegalArgumentException("a clock offset is [+-]Nm, not " + faketime);
        }
        return Duration.ofMinutes(Long.parseLong(faketime.substring(0, faketime.length() - 1).replace("+", "")));
    }
}
