package booth.daemon;

import booth.daemon.ui.KeypadMachine;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.hal.PlateFrame;
import booth.hal.Ticker;
import booth.hal.plate.PlateDriver;
import booth.display.KafkaFrames;
import booth.model.ProduceOutcome;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "ui" thread: the one owner of the box's {@link UiState}. It takes events (keys, outcomes,
 * staff requests, time) from its {@link UiLanes}, runs the keypad state machine, hands the frame to
 * the plate's bus thread, carries out the machine's effects, and passes each outcome with the
 * frame it produced to the sinks. It never waits on the cluster or the bus. Other threads read
 * the state it last published through {@link #state()} and feed it through {@link #post}.
 */
final class UiLoop {
    private static final Logger log = LoggerFactory.getLogger(UiLoop.class);
    private static final Duration TICK = Duration.ofMillis(100);

    private final KeypadMachine machine;
    private final PlateDriver plate;
    private final Ticker ticker;
    private final String connectingTo;
    private final OutcomeSinks sinks;
    private final Consumer<KeypadMachine.Effect> effects;
    private final UiLanes lanes = new UiLanes();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile UiState state;
    /** When the ui thread last took an event or a tick (nanoTime): its heartbeat for the supervisor. */
    private volatile long lastRan;
    /** Owned by the ui thread. */
    private String lastLoggedKind = "";

    /**
     * @param connectingTo what the connecting screen names ("DC1 127.0.1.1")
     * @param effects      carries out the machine's effects, on the ui thread: must return at once
     */
    UiLoop(KeypadMachine machine, PlateDriver plate, Ticker ticker, String connectingTo, OutcomeSinks sinks,
           Consumer<KeypadMachine.Effect> effects) {
        this.machine = machine;
        this.plate = plate;
        this.ticker = ticker;
        this.connectingTo = connectingTo;
        this.sinks = sinks;
        this.effects = effects;
        this.state = machine.initial(ticker.nanoTime());
        this.thread = new Thread(this::run, "ui");
        thread.setDaemon(true);
    }

    void start() {
        lastRan = ticker.nanoTime();
        thread.start();
    }

    /**
     * What is wrong with the ui thread at {@code now}, if anything: it has ended while the box
     * runs, or it has not come back for an event or a tick (every 100 ms) for longer than
     * {@code hung}. Then the LCD is frozen and the staff buttons are dead.
     */
    Optional<String> trouble(long now, Duration hung) {
        if (!running) {
            return Optional.empty();
        }
        if (!thread.isAlive()) {
            return Optional.of("the ui thread has ended");
        }
        long quiet = now - lastRan;
        if (quiet > hung.toNanos()) {
            return Optional.of("the ui thread has not run for " + quiet / 1_000_000_000L + " s");
        }
        return Optional.empty();
    }

    /** Where the ui thread is now, for the log of a hang. */
    StackTraceElement[] stack() {
        return thread.getStackTrace();
    }

    /** The state as the ui thread last left it. */
    UiState state() {
        return state;
    }

    /** Queues an event for the state machine; never blocks (only a visitor's key may be dropped, and is counted). */
    void post(UiEvent event) {
        lanes.post(event);
    }

    /** Queues a staff change and waits until it is applied, {@code limit} at most (see {@link UiLanes#request}). */
    UiLanes.Result request(UiEvent change, Duration limit) throws InterruptedException {
        return lanes.request(change, limit);
    }

    UiLanes.Counts lanes() {
        return lanes.counts();
    }

    /** Shows the stopping screen, handles what is queued, and ends the thread (waits {@code limit} at most). */
    void stop(Duration limit) throws InterruptedException {
        post(new UiEvent.Stopping());
        running = false;
        if (thread.isAlive()) {
            thread.join(limit.toMillis());
        }
    }

    private void run() {
        PlateFrame shown = null;
        while (running || !lanes.isEmpty()) {
            UiLanes.Next next;
            try {
                next = lanes.take(TICK);
            } catch (InterruptedException e) {
                return;
            }
            lastRan = ticker.nanoTime();
            UiEvent event;
            if (next == null) {
                event = new UiEvent.Tick();
            } else if (next instanceof UiLanes.Request r && !r.take()) {
                continue; // withdrawn: its requester was told it was not done
            } else {
                event = next.event();
            }
            try {
                shown = handle(event, shown);
            } finally {
                if (next instanceof UiLanes.Request r) {
                    r.applied();
                }
            }
        }
    }

    /** Runs the machine on one event, shows the frame, carries out the effects; returns the frame shown. */
    private PlateFrame handle(UiEvent event, PlateFrame shown) {
        long now = ticker.nanoTime();
        KeypadMachine.Transition t = machine.handle(state, event, now);
        state = t.state();
        t.effects().forEach(effects);
        PlateFrame frame = machine.render(state, connectingTo, now);
        if (!frame.equals(shown)) {
            plate.show(frame);
        }
        if (event instanceof UiEvent.Outcome o) {
            // the view was posted at this write's tick, before the write: the prediction it was made under
            sinks.publish(o.outcome(), frame, state.cassandra().replicas().map(v -> v.predict(o.outcome().writeLevel())));
            logChange(o.outcome());
        } else if (event instanceof UiEvent.Produced p) {
            sinks.publish(p.outcome(), state.kafka(), frame);
            logChange(p.outcome());
        }
        return frame;
    }

    /** One log line per change of what the Kafka records do, not one per record. */
    private void logChange(ProduceOutcome o) {
        String kind = "acks=" + o.acks() + " " + o.kind();
        if (!kind.equals(lastLoggedKind)) {
            lastLoggedKind = kind;
            log.info("Kafka records at acks={}: {} {}", o.acks(), o.kind(), KafkaFrames.outcomeText(o));
        }
    }

    /** One log line per change of what the writes do, not one per write. */
    private void logChange(WriteOutcome o) {
        String kind = o.writeLevel() + " " + o.kind();
        if (!kind.equals(lastLoggedKind)) {
            lastLoggedKind = kind;
            log.info("writes at {}: {}{}", o.writeLevel(), o.kind(),
                    o.failure().map(f -> " " + f).orElse(o.coordinator().map(c -> " via " + c.label()).orElse("")));
        }
    }
}
