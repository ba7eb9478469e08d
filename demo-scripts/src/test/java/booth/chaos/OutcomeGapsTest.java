package booth.chaos;

import static booth.chaos.TruthCheckerTest.CURRENT;
import static booth.chaos.TruthCheckerTest.R1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.TruthChecker.Lie;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.protocol.control.DaemonStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Every outcome counted: gaps in a run's numbers, and the daemon's own counters against the stream. */
class OutcomeGapsTest {
    private static final String RUN = "0a1b2c3d4e5f";
    private static final String NEXT_RUN = "99aa88bb77cc";
    private static final String TIMEOUT = "{\"kind\":\"client_timeout\",\"after_ms\":1000}";

    /** Write {@code seq} of {@code run}, written (or, {@code failed}, a client time-out), at {@code seq} seconds. */
    private static Observed outcome(String run, long seq, boolean failed) {
        String line = failed
                ? TruthCheckerTest.line(seq, "ALL", "ONE", "client_timeout", "null", TIMEOUT, "{\"kind\":\"not_read\"}", "No answer 1.0s", "RED")
                : TruthCheckerTest.line(seq, "ALL", "ONE", "written", R1, "null", CURRENT, "DC1 r1 n1   12ms", "GREEN");
        line = line.replaceFirst("\"seq\":\\d+", "\"seq\":" + seq);
        return Observed.parse("rpiclient1", line.substring(0, line.length() - 1) + ",\"run\":\"" + run + "\"}");
    }

    private static List<Observed> run(String run, long... seqs) {
        return LongStream.of(seqs).mapToObj(s -> outcome(run, s, s % 3 == 0)).toList();
    }

    private static List<Observed> concat(List<Observed> a, List<Observed> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void everyNumberOnceIsNoGap() {
        // a reset starts a new run at 1; a run's last write answered after the next run's first is still no gap
        List<Observed> stream = concat(run(RUN, 1, 2, 3, 5, 4), run(NEXT_RUN, 1, 2));
        assertEquals(List.of(), OutcomeGaps.inStream("rpiclient1", stream));
    }

    @Test
    void aDroppedOutcomeIsALie() {
        List<Lie> lies = OutcomeGaps.inStream("rpiclient1", concat(run(RUN, 1, 2, 4, 5), run(NEXT_RUN, 2, 3, 7)));
        assertEquals(List.of("an outcome missing from the stream: run " + RUN + " seq 3 (the next line is seq 4)",
                "an outcome missing from the stream: run " + NEXT_RUN + " seq 1 (the next line is seq 2)",
                "3 outcomes missing from the stream: run " + NEXT_RUN + " seq 4 to 6 (the next line is seq 7)"),
                lies.stream().map(Lie::detail).toList());
        assertTrue(lies.stream().allMatch(l -> l.what().equals("gap")));
    }

    @Test
    void anOutcomeTwiceIsALie() {
        List<Lie> lies = OutcomeGaps.inStream("rpiclient1", run(RUN, 1, 2, 2, 3));
        assertEquals(List.of("run " + RUN + " seq 2 twice in the stream"), lies.stream().map(Lie::detail).toList());
    }

    /** A quiet daemon's status after a quiet reset: {@code written} and {@code timeouts} counted, {@code dropped} lines lost. */
    private static DaemonStatus status(long written, long timeouts, long dropped, Observed last) {
        DaemonStatus.Counters counters = new DaemonStatus.Counters(Map.of(OutcomeKind.WRITTEN, written,
                OutcomeKind.CLIENT_TIMEOUT, timeouts), 4); // skipped ticks take no number and no line
        return new DaemonStatus(new DaemonStatus.Box("rpiclient1", "DC1", false, 300, 4242, ClockSync.UNKNOWN),
                new DaemonStatus.Cassandra(Level.ALL, Level.ONE, true, true, 0, counters, Optional.empty()),
                true, dropped, Demo.CASSANDRA, new DaemonStatus.Kafka(Acks.ALL, 0, 0, Optional.empty(), CircleCounts.EMPTY),
                Optional.empty(), Optional.of(last.line()), DaemonStatus.Lanes.NONE);
    }

    @Test
    void theCountersMatchTheStreamAfterTheQuietReset() {
        List<Observed> since = run(NEXT_RUN, 1, 2, 3, 4, 5); // seq 3: the time-out
        Observed last = since.get(4);
        assertEquals(List.of(), OutcomeGaps.tally("rpiclient1", since, Optional.of(last.line()), status(4, 1, 0, last)));
    }

    /** The end of a run dropped: no gap in the numbers shows it, the tally does. */
    @Test
    void aLastOutcomeMissingFromTheStreamIsALie() {
        List<Observed> counted = run(NEXT_RUN, 1, 2, 3, 4, 5);
        List<Observed> inStream = counted.subList(0, 4);
        List<Lie> lies = OutcomeGaps.tally("rpiclient1", inStream, Optional.of(inStream.get(3).line()),
                status(4, 1, 1, counted.get(4)));
        assertEquals(List.of("status says 1 outcome line(s) dropped from the stream",
                "status's last outcome is run " + NEXT_RUN + " seq 5, the stream's last line run " + NEXT_RUN + " seq 4",
                "status counts 4 written since the reset, the stream has 3"), lies.stream().map(Lie::detail).toList());
        assertEquals(List.of(), OutcomeGaps.inStream("rpiclient1", inStream), "numbers alone cannot see a missing last line");
    }
}
