package booth.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's schema, defined once: the daemon creates it if missing, and the booth's bring-up
 * generator writes it to {@code schema.cql}. One row per client, overwritten by every write with
 * a rising sequence, so a read-back that finds an older sequence is a stale read.
 */
public final class DemoSchema {
    public static final String DEFAULT_KEYSPACE = "booth_demo";
    public static final String TABLE = "latest_write";

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
                        + " (client text PRIMARY KEY, seq bigint, written_at timestamp)");
    }
}
