package booth.chaos;

import booth.cluster.DemoTable;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every write a box said it wrote against the demo table itself, after the run, with
 * every node powered: its row must be there, holding this write (its {@code written_at} the
 * line's {@code time}). It trusts nothing the daemon says about its read-back: a write that
 * Cassandra silently discarded (an older row's timestamp winning over it) is found here however
 * the box showed it. The rows are read at ALL ({@link DemoTable}), so any replica holding the
 * write answers for it.
 */
final class WrittenRows {
    private WrittenRows() {
    }

    /** The lies among {@code written}, read from the cluster through {@code contactPoint}. */
    static List<TruthChecker.Lie> check(InetSocketAddress contactPoint, String localDc, String keyspace, List<Observed> written) {
        return check(written, DemoTable.writtenAt(contactPoint, localDc, keyspace, written.stream().map(WrittenRows::key).toList()));
    }

    /** The lies among {@code written}, given what the table holds: rows missing, or holding another write. */
    static List<TruthChecker.Lie> check(List<Observed> written, Map<DemoTable.Key, Optional<Instant>> table) {
        return written.stream().flatMap(o -> judge(o, table.getOrDefault(key(o), Optional.empty())).stream()).toList();
    }

    private static DemoTable.Key key(Observed o) {
        return new DemoTable.Key(o.client(), o.run(), o.seq());
    }

    static Optional<TruthChecker.Lie> judge(Observed o, Optional<Instant> writtenAt) {
        String where = "run " + o.run() + " seq " + o.seq();
        if (writtenAt.isEmpty()) {
            return Optional.of(new TruthChecker.Lie(o.client(), "written, but not in the table",
                    where + ": no replica holds the row (read at ALL after the run)", o.line(), ""));
        }
        // the table keeps milliseconds, as the line does; both on the box's own clock
        if (!writtenAt.get().truncatedTo(ChronoUnit.MILLIS).equals(o.lineTime().truncatedTo(ChronoUnit.MILLIS))) {
            return Optional.of(new TruthChecker.Lie(o.client(), "written, but another write holds its row",
                    where + ": the row holds the write of " + writtenAt.get() + ", not this one of " + o.lineTime()
                            + " (an older timestamp won: a shadowed write shown " + o.readBack() + ")", o.line(), ""));
        }
        return Optional.empty();
    }
}
