package booth.daemon.control;

import booth.daemon.ui.KafkaState;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.model.Stats;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import booth.protocol.control.DaemonStatus.Percentiles;
import booth.protocol.control.RequestJson;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control socket's commands: one decoded request in, one answer out (the request's
 * strictness is {@link RequestJson}'s). Every state change that was done, and only such, leaves
 * an {@link Audit} line naming the peer, and is answered {@code ok}. Runs on the calling
 * connection's thread: it reads published state, and hands changes to the ui thread and waits
 * until they are applied, {@link #REQUEST_LIMIT} at most (a change not taken by then is
 * withdrawn and answered {@code busy}); truncate waits for Cassandra, {@link #TRUNCATE_LIMIT} at most.
 */
final class ControlCommands {
    static final Duration TRUNCATE_LIMIT = Duration.ofSeconds(30);
    static final Duration REQUEST_LIMIT = Duration.ofSeconds(2);
    static final String FULL = "busy: too many requests are waiting; this one was not done, try again";
    static final String LATE = "busy: the daemon did not take the request within " + REQUEST_LIMIT.toSeconds()
            + " s; it was not done, try again";

    private final DaemonControl daemon;

    ControlCommands(DaemonControl daemon) {
        this.daemon = daemon;
    }

    /** The answer to {@code request} (not tail: the transport streams that); {@code peer} names the caller for the audit. */
    ControlAnswer answer(ControlRequest<?> request, String peer) {
        if (request instanceof ControlRequest.Status) {
            return new ControlAnswer.StatusReport(status(daemon));
        } else if (request instanceof ControlRequest.SetLevel s) {
            return change(new UiEvent.SetLevel(s.what() == ControlRequest.LevelOf.WRITE, s.level()),
                    "set-level " + s.what().wireName() + " " + s.level(), peer, new ControlAnswer.LevelSet(s.what(), s.level()));
        } else if (request instanceof ControlRequest.Pause || request instanceof ControlRequest.Resume) {
            boolean pause = request instanceof ControlRequest.Pause;
            return change(new UiEvent.Paused(pause), RequestJson.command(request), peer, new ControlAnswer.PauseSet(pause));
        } else if (request instanceof ControlRequest.Reset r) {
            return reset(r.truncate(), peer);
        } else if (request instanceof ControlRequest.RestartDisplay) {
            return change(new UiEvent.RestartDisplay(), "restart-display", peer, new ControlAnswer.Done());
        } else if (request instanceof ControlRequest.Topology) {
            return new ControlAnswer.Nodes(daemon.topology());
        } else if (request instanceof ControlRequest.SetDemo d) {
            return change(new UiEvent.SetDemo(d.demo()), "set-demo " + d.demo().name().toLowerCase(Locale.ROOT), peer,
                    new ControlAnswer.DemoSet(d.demo()));
        } else if (request instanceof ControlRequest.SetAcks a) {
            return change(new UiEvent.SetAcks(a.acks()), "set-acks " + a.acks().wireName(), peer, new ControlAnswer.AcksSet(a.acks()));
        }
        throw new IllegalArgumentException("tail is streamed by the transport, not answered");
    }

    private ControlAnswer reset(boolean truncate, String peer) {
        // a new run rather than deletion: this box's next write starts a row no clock can shadow
        daemon.startNewRun();
        if (truncate) {
            try {
                daemon.truncate().toCompletableFuture().get(TRUNCATE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return new ControlAnswer.Refusal("truncate did not finish within " + TRUNCATE_LIMIT.toSeconds() + " s");
            } catch (ExecutionException e) {
                return new ControlAnswer.Refusal("truncate failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ControlAnswer.Refusal("truncate interrupted: the daemon is stopping");
            }
            Audit.log("truncate of this box's earlier runs", peer);
        }
        return change(new UiEvent.ResetDemo(), "reset", peer, new ControlAnswer.ResetDone(truncate));
    }

    /** Has the ui thread apply {@code change}; once it is done, audits it as {@code what} and answers {@code done}. */
    private ControlAnswer change(UiEvent change, String what, String peer, ControlAnswer done) {
        DaemonControl.Applied applied;
        try {
            applied = daemon.apply(change, REQUEST_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ControlAnswer.Refusal("interrupted: the daemon is stopping");
        }
        return switch (applied) {
            case DONE -> {
                Audit.log(what, peer);
                yield done;
            }
            case FULL -> new ControlAnswer.Refusal(FULL);
            case LATE -> new ControlAnswer.Refusal(LATE);
        };
    }

    /** The status answer: the published state and counters. */
    static DaemonStatus status(DaemonControl daemon) {
        UiState s = daemon.state();
        Stats stats = s.cassandra().writes().stats();
        Duration p50 = stats.percentile(50);
        Optional<Percentiles> latency = p50 == null ? Optional.empty() : Optional.of(new Percentiles(p50, stats.percentile(99)));
        DaemonStatus.Cassandra cassandra = new DaemonStatus.Cassandra(s.cassandra().levels().write(),
                s.cassandra().levels().read(), s.cassandra().levels().readBack(), s.cassandra().connected(),
                daemon.connecting().toSeconds(), DaemonStatus.Counters.of(stats::count, stats.skipped()),
                latency);
        DaemonStatus.Box box = new DaemonStatus.Box(daemon.clientName(), daemon.localDc(), daemon.platePresent(),
                daemon.uptime().toSeconds(), ProcessHandle.current().pid(), s.shared().clock());
        Optional<DaemonStatus.Events> events = daemon.eventCounts()
                .map(c -> new DaemonStatus.Events(c.published(), c.delivered(), c.dropped(), c.queued()));
        // the last outcome of either demo: a Kafka record's line has "demo":"kafka"
        return new DaemonStatus(box, cassandra, s.staff().paused(), daemon.droppedOutcomes(), s.shared().demo(), kafka(s.kafka()), events,
                daemon.lastOutcomeJson().map(String::strip), daemon.lanes());
    }

    private static DaemonStatus.Kafka kafka(KafkaState k) {
        return new DaemonStatus.Kafka(k.acks(), k.records().acked(), k.records().failed(), k.view().map(v ->
                new DaemonStatus.Partition(v.topic(), v.partition(), v.leader(), v.isr(), v.elr(), v.minInsync())),
                k.circle().counts());
    }
}
