package booth.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's schema, defined once: the daemon creates it if missing, and the booth's bring-up
 * generator writes it to {@code schema.cql}.
 *
 * <p>Every write is a row of its own, keyed by the client, its run and its number in the run:
 * no write ever overwrites another, so no write can lose to another's timestamp, and a client
 * whose clock is behind or ahead (a Pi has no real-time clock) writes and reads back exactly
 * what it says. A run is a random name, new at every start and reset; the read-back asks for
 * the newest row at or below the write's number, so it finds this write (current), an earlier
 * one of the run (stale) or none (missing). Rows expire after {@link #ROW_LIFETIME}: nothing
 * ever deletes a live run's rows, because a tombstone is ordered by its writer's clock too.
 *
 * <p>A client's rows share one partition (its replicas are the same whatever the run, as the
 * chaos soak's checker needs), ordered by run and newest first within it. Expired rows stay as
 * tombstones for {@link #GC_GRACE} only, not the default ten days, so that reading a day of a
 * client's runs never meets Cassandra's tombstone limit: an expired row cannot come back, since
 * every replica expires it by itself.
 */
public final class DemoSchema {
    public static final String DEFAULT_KEYSPACE = "booth_demo";
    public static final String TABLE = "writes";
    /** A booth day and its night: long enough for any run and its checks, short enough to keep the table small. */
    public static final Duration ROW_LIFETIME = Duration.ofHours(24);
    public static final Duration GC_GRACE = Duration.ofHours(1);

    private DemoSchema() {
    }

    /** CREATE KEYSPACE and CREATE TABLE, both IF NOT EXISTS, in order. */
    public static List<String> statements(String keyspace, Map<String, Integer> replication) {
        String factors = replication.entrySet().stream()
                .map(e -> "'" + e.getKey() + "': " + e.getValue()).collect(Collectors.joining(", "));
        return List.of(
                "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', "
                        + factors + "}",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + TABLE
                        + " (client text, run text, seq bigint, written_at timestamp, PRIMARY KEY (client, run, seq))"
                        + " WITH CLUSTERING ORDER BY (run ASC, seq DESC) AND default_time_to_live = " + ROW_LIFETIME.toSeconds()
                        + " AND gc_grace_seconds = " + GC_GRACE.toSeconds());
    }
}
