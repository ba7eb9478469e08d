package booth.chaos;

import booth.model.DemoSchema;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks every write a box said it wrote against the demo table itself, after the run, with
 * every node powered: its row must be there, holding this write (its {@code written_at} the
 * line's {@code time}). It trusts nothing the daemon says about its read-back: a write that
 * Cassandra silently discarded (an older row's timestamp winning over it) is found here however
 * the box showed it. Read at ALL, so any replica holding the write answers for it.
 */
final class WrittenRows {
    /** Reads in flight at once: the cluster is a few processes on one machine. */
    static final int IN_FLIGHT = 32;

    private WrittenRows() {
    }

    /** The lies among {@code written}: rows missing, or holding another write. */
    static List<TruthChecker.Lie> check(CqlSession session, String keyspace, List<Observed> written) {
        PreparedStatement select = session.prepare("SELECT written_at FROM " + keyspace + "." + DemoSchema.TABLE
                + " WHERE client = ? AND run = ? AND seq = ?");
        List<TruthChecker.Lie> lies = new ArrayList<>();
        for (int from = 0; from < written.size(); from += IN_FLIGHT) {
            List<Observed> batch = written.subList(from, Math.min(written.size(), from + IN_FLIGHT));
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (Observed o : batch) {
                CompletionStage<Void> read = session.executeAsync(select.bind(o.client(), o.run(), o.seq())
                                .setConsistencyLevel(DefaultConsistencyLevel.ALL).setTimeout(Duration.ofSeconds(10)))
                        .thenAccept(rs -> judge(o, rs.one()).ifPresent(l -> {
                            synchronized (lies) {
                                lies.add(l);
                            }
                        }));
                reads.add(read.toCompletableFuture());
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        }
        return lies;
    }

    /** The lie in what {@code row} holds for the write {@code o} said it wrote, if any. */
    static Optional<TruthChecker.Lie> judge(Observed o, Row row) {
        return judge(o, row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("written_at")));
    }

    static Optional<TruthChecker.Lie> judge(Observed o, Optional<Instant> writtenAt) {
        String where = "run " + o.run() + " seq " + o.seq();
        if (writtenAt.isEmpty()) {
            return Optional.of(new TruthChecker.Lie(o.client(), "written, but not in the table",
                    where + ": no replica holds the row (read at ALL after the run)", o.line(), ""));
        }
        // the table keeps milliseconds, as the line does
        if (!writtenAt.get().truncatedTo(ChronoUnit.MILLIS).equals(o.at().truncatedTo(ChronoUnit.MILLIS))) {
            return Optional.of(new TruthChecker.Lie(o.client(), "written, but another write holds its row",
                    where + ": the row holds the write of " + writtenAt.get() + ", not this one of " + o.at()
                            + " (an older timestamp won: a shadowed write shown " + o.readBack() + ")", o.line(), ""));
        }
        return Optional.empty();
    }
}
