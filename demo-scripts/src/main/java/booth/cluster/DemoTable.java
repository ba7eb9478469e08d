package booth.cluster;

import booth.model.DemoSchema;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo table's rows as they stand, for the rehearsal tools: read at ALL, so that any
 * replica holding a write answers for it, after a run, with every node powered.
 */
public final class DemoTable {
    /** Reads in flight at once: the cluster is a few processes on one machine. */
    static final int IN_FLIGHT = 32;

    /** One write's row. */
    public record Key(String client, String run, long seq) {
    }

    private DemoTable() {
    }

    /**
     * Each row's {@code written_at}, empty where no replica holds the row.
     *
     * @throws RuntimeException when the cluster cannot be reached or a read fails (the driver's message says why)
     */
    public static Map<Key, Optional<Instant>> writtenAt(InetSocketAddress contactPoint, String localDc, String keyspace,
                                                        List<Key> keys) {
        try (CqlSession session = NodeSurvey.session(List.of(contactPoint), localDc)) {
            PreparedStatement select = session.prepare("SELECT written_at FROM " + keyspace + "." + DemoSchema.TABLE
                    + " WHERE client = ? AND run = ? AND seq = ?");
            Map<Key, Optional<Instant>> rows = new ConcurrentHashMap<>();
            for (int from = 0; from < keys.size(); from += IN_FLIGHT) {
                List<CompletableFuture<Void>> reads = new ArrayList<>();
                for (Key k : keys.subList(from, Math.min(keys.size(), from + IN_FLIGHT))) {
                    reads.add(session.executeAsync(select.bind(k.client(), k.run(), k.seq())
                                    .setConsistencyLevel(DefaultConsistencyLevel.ALL).setTimeout(Duration.ofSeconds(10)))
                            .thenAccept(rs -> rows.put(k, Optional.ofNullable(rs.one()).map(DemoTable::writtenAt)))
                            .toCompletableFuture());
                }
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
            }
            return Map.copyOf(rows);
        }
    }

    private static Instant writtenAt(Row row) {
        return row.getInstant("written_at");
    }
}
