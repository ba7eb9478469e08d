package booth.daemon.ui;

import booth.model.Level;
import booth.model.ReplicaView;
import booth.model.Stats;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * The Cassandra demo's part of the box's state.
 *
 * @param page            the page shown
 * @param statsPage       which statistics page, when {@code page} is STATS
 * @param levels          the visitor's levels
 * @param connected       whether the cluster has been reached
 * @param connectingSince when trying to reach the cluster began (nanoTime), while not connected
 * @param writes          what the writes did
 * @param replicas        the client's view of its partition's replicas, once the driver has one
 */
public record CassandraState(Page page, int statsPage, Levels levels, boolean connected, long connectingSince,
                             Writes writes, Optional<ReplicaView> replicas) implements UiState.Part {
    /** The pages, in the order RIGHT goes through them. */
    public enum Page { WRITE, PREDICT, READ, STATS }

    /**
     * What the visitor chose.
     *
     * @param write    level of the next write
     * @param read     level of the next read-back
     * @param readBack whether writes are read back
     */
    public record Levels(Level write, Level read, boolean readBack) {
        Levels withWrite(Level w) {
            return new Levels(w, read, readBack);
        }

        Levels withRead(Level r) {
            return new Levels(write, r, readBack);
        }

        Levels withReadBack(boolean back) {
            return new Levels(write, read, back);
        }
    }

    /**
     * What the writes did.
     *
     * @param last         the last write's outcome
     * @param stats        the counters and latencies since the last reset
     * @param failureSince when the last write's failure began to be of its kind (nanoTime): the
     *                     write page shows a new failure's numbers for a full turn before it
     *                     alternates them with where it happened
     */
    public record Writes(Optional<WriteOutcome> last, Stats stats, long failureSince) {
        Writes with(WriteOutcome o, long now) {
            boolean sameFailure = o.failure().isPresent() && last.isPresent() && last.get().kind() == o.kind();
            return new Writes(Optional.of(o), stats.with(o), sameFailure ? failureSince : now);
        }

        Writes withStats(Stats s) {
            return new Writes(last, s, failureSince);
        }
    }

    static CassandraState initial(Levels levels, long now) {
        return new CassandraState(Page.WRITE, 0, levels, false, now, new Writes(Optional.empty(), Stats.EMPTY, now),
                Optional.empty());
    }

    /**
     * How long the cluster has been tried at {@code now}, while not connected (zero once it
     * is): a clock of its own, so that it counts on while the connector is busy with one long
     * step (creating the schema takes seconds) and reports nothing.
     */
    public Duration connectingFor(long now) {
        return connected ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - connectingSince));
    }

    CassandraState withPage(Page p, int stats) {
        return new CassandraState(p, stats, levels, connected, connectingSince, writes, replicas);
    }

    CassandraState withLevels(Levels l) {
        return new CassandraState(page, statsPage, l, connected, connectingSince, writes, replicas);
    }

    CassandraState withConnection(boolean isConnected, long since) {
        return new CassandraState(page, statsPage, levels, isConnected, since, writes, replicas);
    }

    /** A write's outcome: it also says that the cluster was reached. */
    CassandraState withOutcome(WriteOutcome o, long now) {
        return new CassandraState(page, statsPage, levels, true, connectingSince, writes.with(o, now), replicas);
    }

    CassandraState withReplicas(ReplicaView view) {
        return new CassandraState(page, statsPage, levels, connected, connectingSince, writes, Optional.of(view));
    }

    CassandraState withStats(Stats s) {
        return new CassandraState(page, statsPage, levels, connected, connectingSince, writes.withStats(s), replicas);
    }
}
