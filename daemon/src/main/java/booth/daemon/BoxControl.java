package booth.daemon;

import booth.daemon.cassandra.DemoCluster;
import booth.daemon.config.BoothConfig;
import booth.daemon.control.DaemonControl;
import booth.daemon.kafka.BoothEvents;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.hal.Ticker;
import booth.hal.plate.PlateDriver;
import booth.model.ClusterNode;
import booth.model.ClusterView;
import booth.protocol.control.DaemonStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * What the control socket sees of a client box: reads of state the owning threads publish
 * (volatile fields), and staff changes handed to the ui thread. Safe from any thread; only
 * {@link #apply} waits (for the ui thread, within its limit), and the caller of {@link #truncate()}.
 */
final class BoxControl implements DaemonControl {
    private final BoothConfig config;
    private final UiLoop ui;
    private final PlateDriver plate;
    private final OutcomeSinks sinks;
    private final Ticker ticker;
    private final long startedAt;
    private final LongSupplier droppedLogLines;
    private volatile DemoCluster cluster;

    /** @param droppedLogLines log lines standard error did not take (see {@link LogLane}) */
    BoxControl(BoothConfig config, UiLoop ui, PlateDriver plate, OutcomeSinks sinks, Ticker ticker,
               LongSupplier droppedLogLines) {
        this.droppedLogLines = droppedLogLines;
        this.config = config;
        this.ui = ui;
        this.plate = plate;
        this.sinks = sinks;
        this.ticker = ticker;
        this.startedAt = ticker.nanoTime();
    }

    /** The cluster once connected: truncate and topology reach it from then on. */
    void connected(DemoCluster c) {
        cluster = c;
    }

    @Override
    public UiState state() {
        return ui.state();
    }

    @Override
    public String clientName() {
        return config.clientName();
    }

    @Override
    public String localDc() {
        return config.localDc();
    }

    @Override
    public boolean platePresent() {
        return plate.present();
    }

    @Override
    public Duration uptime() {
        return Duration.ofNanos(ticker.nanoTime() - startedAt);
    }

    @Override
    public Duration connecting() {
        return state().cassandra().connectingFor(ticker.nanoTime());
    }

    @Override
    public long droppedOutcomes() {
        return sinks.droppedByStream();
    }

    @Override
    public Optional<BoothEvents.Counts> eventCounts() {
        return sinks.kafkaCounts();
    }

    @Override
    public Optional<String> lastOutcomeJson() {
        return sinks.last();
    }

    @Override
    public Applied apply(UiEvent change, Duration limit) throws InterruptedException {
        return switch (ui.request(change, limit)) {
            case DONE -> Applied.DONE;
            case FULL -> Applied.FULL;
            case LATE -> Applied.LATE;
        };
    }

    @Override
    public DaemonStatus.Lanes lanes() {
        UiLanes.Counts c = ui.lanes();
        return new DaemonStatus.Lanes(c.queued(), c.droppedKeys(), c.busyRequests(), droppedLogLines.getAsLong());
    }

    @Override
    public void startNewRun() {
        DemoCluster c = cluster;
        if (c != null) {
            c.startNewRun(); // before it connects, the box has written nothing: its run is new already
        }
    }

    @Override
    public CompletionStage<Integer> truncate() {
        DemoCluster c = cluster;
        return c == null ? CompletableFuture.failedFuture(new IllegalStateException("not connected to the cluster yet"))
                : c.deleteEarlierRuns();
    }

    @Override
    public List<ClusterNode> topology() {
        return clusterView().map(ClusterView::nodes).orElse(List.of());
    }

    /** The driver's view of the cluster; empty until connected. */
    public Optional<ClusterView> clusterView() {
        DemoCluster c = cluster;
        return c == null ? Optional.empty() : Optional.of(c.clusterView());
    }
}
