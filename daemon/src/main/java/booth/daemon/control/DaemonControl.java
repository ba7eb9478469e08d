package booth.daemon.control;

import booth.daemon.kafka.BoothEvents;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.model.ClusterNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the control socket may see and do in the daemon; implemented by the client box. */
public interface DaemonControl {
    UiState state();

    String clientName();

    String localDc();

    boolean platePresent();

    Duration uptime();

    /** How long the cluster has been tried, while not connected; zero once it is. */
    Duration connecting();

    /** Outcome-stream lines dropped because a reader was slow. */
    long droppedOutcomes();

    /** Kafka event counters, when Kafka is enabled. */
    Optional<BoothEvents.Counts> eventCounts();

    /** The outcome JSON of the last write (the outcome stream's form), if any. */
    Optional<String> lastOutcomeJson();

    /** Hands an event to the state machine; never blocks. */
    void post(UiEvent event);

    /** Starts a new run of writes: the next write's row is one no box has written before. */
    void startNewRun();

    /**
     * Deletes this box's earlier runs from the demo table (never the current run, never another
     * box's rows); completes with how many runs when Cassandra has done it (or failed).
     */
    CompletionStage<Integer> truncate();

    /** Every node the driver knows, or empty before the session is up. */
    List<ClusterNode> topology();
}
