package booth.chaos;

import booth.chaos.TruthChecker.Lie;
import booth.model.OutcomeKind;
import booth.protocol.control.DaemonStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every outcome a daemon owes, counted rather than believed. The daemon numbers its writes
 * ({@code DemoCluster.write} takes the run's next number before it sends anything, for every write
 * it starts, failures included; a tick that finds a write in flight, or a paused or unconnected
 * box, starts none and takes no number), and every write ends in exactly one outcome: so within a
 * run the stream must hold each of 1, 2, 3... up to its highest number exactly once, in any order.
 * A run is one daemon life between resets: a restart or a reset starts a new one at 1.
 *
 * <p>What numbers cannot see, the end of a run, the tally does: the daemon's own
 * {@code status} counters by kind against the stream's lines, over a stretch both must count
 * alike (see {@link #tally}).
 */
final class OutcomeGaps {
    private OutcomeGaps() {
    }

    /**
     * The lies of one daemon's whole stream (every line it wrote, not only the judged span): for
     * each run, every number missing below its highest (one lie per missing stretch) and every
     * number seen twice. Lines without a run (daemons before the field) carry no number to check.
     */
    static List<Lie> inStream(String client, List<Observed> stream) {
        Map<String, TreeMap<Long, Observed>> runs = new LinkedHashMap<>();
        List<Lie> lies = new ArrayList<>();
        for (Observed o : stream) {
            if (o.run().isEmpty()) {
                continue;
            }
            Observed before = runs.computeIfAbsent(o.run(), r -> new TreeMap<>()).putIfAbsent(o.seq(), o);
            if (before != null) {
                lies.add(new Lie(client, "gap", "run " + o.run() + " seq " + o.seq() + " twice in the stream", o.line(), ""));
            }
        }
        runs.forEach((run, bySeq) -> {
            long expected = 1;
            for (var e : bySeq.entrySet()) {
                if (e.getKey() > expected) {
                    long last = e.getKey() - 1;
                    lies.add(new Lie(client, "gap", (last == expected ? "an outcome missing from the stream: run " + run
                            + " seq " + expected : (last - expected + 1) + " outcomes missing from the stream: run " + run
                            + " seq " + expected + " to " + last) + " (the next line is seq " + e.getKey() + ")",
                            e.getValue().line(), ""));
                }
                expected = e.getKey() + 1;
            }
        });
        return lies;
    }

    /**
     * The daemon's account against the stream's, over one stretch. Its counters must have been
     * cleared (a reset) while the daemon was quiet, paused with every write it started answered,
     * and {@code status} taken when it was quiet again: then the counters count exactly the
     * outcomes after the reset, and the stream must hold exactly as many lines after it of each
     * kind, end with the status's {@code last} line, and have dropped none.
     *
     * @param sinceReset the stream's lines written after the reset
     * @param streamLast the stream's last line (empty when it has none)
     */
    static List<Lie> tally(String client, List<Observed> sinceReset, Optional<String> streamLast, DaemonStatus status) {
        List<Lie> lies = new ArrayList<>();
        String last = status.last().orElse("");
        if (status.droppedOutcomes() != 0) {
            lies.add(new Lie(client, "tally", "status says " + status.droppedOutcomes()
                    + " outcome line(s) dropped from the stream", last, ""));
        }
        // the status carries its last outcome re-encoded inside its own JSON: compared by what
        // names an outcome (its run and number), not as text
        Optional<String> said = status.last().map(l -> Observed.parse(client, l)).map(OutcomeGaps::name);
        Optional<String> streamEnds = streamLast.map(l -> Observed.parse(client, l)).map(OutcomeGaps::name);
        if (!said.equals(streamEnds)) {
            lies.add(new Lie(client, "tally", "status's last outcome is " + said.orElse("none") + ", the stream's last line "
                    + streamEnds.orElse("none"), last, ""));
        }
        Map<String, Long> inStream = new TreeMap<>();
        sinceReset.forEach(o -> inStream.merge(o.kind(), 1L, Long::sum));
        DaemonStatus.Counters counters = status.cassandra().counters();
        for (OutcomeKind kind : OutcomeKind.values()) {
            long counted = counters.count(kind);
            long lines = inStream.getOrDefault(kind.wireName(), 0L);
            if (counted != lines) {
                lies.add(new Lie(client, "tally", "status counts " + counted + " " + kind.wireName()
                        + " since the reset, the stream has " + lines, last, ""));
            }
        }
        inStream.keySet().stream().filter(k -> OutcomeKind.fromWire(k).isEmpty()).forEach(k -> lies.add(new Lie(
                client, "tally", "the stream has kind " + k + ", which status does not count", last, "")));
        return lies;
    }

    private static String name(Observed o) {
        return "run " + o.run() + " seq " + o.seq();
    }
}
