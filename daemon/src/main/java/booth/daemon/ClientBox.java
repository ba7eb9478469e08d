package booth.daemon;

import booth.daemon.cassandra.DemoCluster;
import booth.daemon.config.BoothConfig;
import booth.daemon.control.ControlServer;
import booth.daemon.control.DaemonControl;
import booth.daemon.ui.KeypadMachine;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.display.Screens;
import booth.hal.BusException;
import booth.hal.PlateFrame;
import booth.hal.Ticker;
import booth.model.WriteOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client box at work: connects to the cluster (and keeps trying while it is down), writes
 * one row per tick at the selected level with at most one write in flight, and runs the keypad
 * state machine on a thread of its own that owns the state and hands frames to the plate.
 *
 * <p>Threads: "ui" (the state machine and rendering; it never waits on the cluster or the
 * bus), "writes" (the ticks; it only starts asynchronous writes), "connector" (start-up), the
 * driver's own threads (completions, which only queue events), and the panel's bus threads.
 */
public final class ClientBox implements AutoCloseable, DaemonControl {
    private static final Logger log = LoggerFactory.getLogger(ClientBox.class);
    private static final Duration UI_TICK = Duration.ofMillis(100);

    private final BoothConfig config;
    private final Panel panel;
    private final Map<String, String> names;
    private final Optional<OutcomeStream> stream;
    private final Ticker ticker;
    private final KeypadMachine machine;
    private final String connectingTo;
    /** Bounded: a flood of events is dropped (and logged) rather than growing without limit. */
    private final BlockingQueue<UiEvent> events = new ArrayBlockingQueue<>(1000);
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScheduledExecutorService writes = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "writes"));
    /** Power commands run here, so the ui thread never waits for them. */
    private final java.util.concurrent.ExecutorService power = Executors.newSingleThreadExecutor(r -> daemonThread(r, "power"));
    private final PowerActions powerActions;
    private final Runnable exitUnhealthy;
    /** When a tick last did something (nanoTime): the write loop's heartbeat, for the health check. */
    private volatile long lastTick;
    private final Thread ui;
    private final Thread connector;
    private final long startedAt;
    /** Kafka events, only when enabled: with Kafka off no Kafka class is ever loaded. */
    private final Optional<BoothEvents> kafkaEvents;
    private volatile String lastOutcomeJson;
    private volatile ControlServer control;
    private volatile UiState state;
    private volatile DemoCluster cluster;
    private String lastLoggedKind = "";

    /**
     * @param exitUnhealthy run when staff restart the display and the daemon turns out unhealthy
     *                      (the write loop stalled): the entry point exits, and systemd restarts it
     */
    public ClientBox(BoothConfig config, Panel panel, Map<String, String> names, Optional<OutcomeStream> stream,
                     Ticker ticker, Runnable exitUnhealthy) {
        this.exitUnhealthy = exitUnhealthy;
        this.startedAt = ticker.nanoTime();
        this.kafkaEvents = config.kafka().enabled()
                ? Optional.of(new booth.daemon.kafka.KafkaEvents(config.clientName(), config.kafka()))
                : Optional.empty();
        this.powerActions = new PowerActions(config.staff().powerOffCommand(), config.staff().rebootCommand(),
                config.mode() != BoothConfig.Mode.HARDWARE);
        this.config = config;
        this.panel = panel;
        this.names = Map.copyOf(names);
        this.stream = stream;
        this.ticker = ticker;
        this.machine = new KeypadMachine(config.writeLevel(), config.readLevel(), config.readBack(),
                config.idleTimeout(), config.localDc(), config.staff().powerHold());
        var first = config.contactPoints().get(0);
        this.connectingTo = config.localDc() + " " + first.getHostString();
        this.state = machine.initial(ticker.nanoTime());
        this.ui = daemonThread(this::runUi, "ui");
        this.connector = daemonThread(this::connect, "connector");
    }

    /**
     * A box with its panel opened for the configured mode, the panel's buttons feeding the box.
     *
     * @throws BusException the plate's bus cannot be opened (hardware mode)
     * @throws IOException  the bus recording cannot be opened
     */
    public static ClientBox open(BoothConfig config, Map<String, String> names, Optional<OutcomeStream> stream,
                                 Ticker ticker, Runnable exitUnhealthy) throws BusException, IOException {
        AtomicReference<ClientBox> box = new AtomicReference<>();
        Panel panel = Panel.open(config, ticker, event -> {
            ClientBox b = box.get();
            if (b != null) {
                b.post(new UiEvent.Button(event));
            }
        });
        box.set(new ClientBox(config, panel, names, stream, ticker, exitUnhealthy));
        return box.get();
    }

    public void start() {
        panel.plate().show(Screens.starting());
        panel.start();
        try {
            ControlServer server = new ControlServer(config.controlSocket(), config.controlSocketGroup(), this);
            server.start();
            control = server;
        } catch (IOException | RuntimeException e) {
            // the demo matters more than democtl: run without it, and say so
            log.error("no control socket at {}: {}; democtl will not reach this daemon", config.controlSocket(), e.getMessage());
        }
        ui.start();
        connector.start();
    }

    /** The state as the ui thread last left it. */
    @Override
    public UiState state() {
        return state;
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
        return panel.plate().present();
    }

    @Override
    public Duration uptime() {
        return Duration.ofNanos(ticker.nanoTime() - startedAt);
    }

    @Override
    public long droppedOutcomes() {
        return stream.map(OutcomeStream::dropped).orElse(0L);
    }

    @Override
    public Optional<BoothEvents.Counts> eventCounts() {
        return kafkaEvents.map(BoothEvents::counts);
    }

    @Override
    public Optional<String> lastOutcomeJson() {
        return Optional.ofNullable(lastOutcomeJson);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> truncate() {
        DemoCluster c = cluster;
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to the cluster yet"));
        }
        return c.truncate();
    }

    @Override
    public java.util.List<DemoCluster.NodeInfo> topology() {
        DemoCluster c = cluster;
        return c == null ? java.util.List.of() : c.topology();
    }

    public Panel panel() {
        return panel;
    }

    /** Queues an event for the state machine; never blocks. Buttons and outcomes come here. */
    public void post(UiEvent event) {
        if (!events.offer(event)) {
            log.warn("event queue full, dropped {}", event.getClass().getSimpleName());
        }
    }

    private void runUi() {
        PlateFrame shown = null;
        while (running.get() || !events.isEmpty()) {
            UiEvent event;
            try {
                event = events.poll(UI_TICK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                event = new UiEvent.Tick();
            }
            long now = ticker.nanoTime();
            KeypadMachine.Transition t = machine.handle(state, event, now);
            state = t.state();
            for (KeypadMachine.Effect effect : t.effects()) {
                carryOut(effect, now);
            }
            PlateFrame frame = machine.render(state, connectingTo, now);
            if (!frame.equals(shown)) {
                panel.plate().show(frame);
                shown = frame;
            }
            if (event instanceof UiEvent.Outcome o) {
                String json = OutcomeStream.json(o.outcome(), frame);
                lastOutcomeJson = json;
                stream.ifPresent(s -> s.publish(json));
                kafkaEvents.ifPresent(e -> e.outcome(OutcomeStream.event(config.clientName(), json)));
                ControlServer c = control;
                if (c != null) {
                    c.publish(json);
                }
                logChange(o.outcome());
            }
        }
    }

    private void carryOut(KeypadMachine.Effect effect, long now) {
        switch (effect) {
            case REINITIALISE_DISPLAY -> {
                log.info("staff: restarting the display");
                panel.plate().reinitialise();
                if (!healthy(now)) {
                    log.error("the write loop has not ticked for {} s: exiting so that systemd restarts the daemon",
                            (now - lastTick) / 1_000_000_000L);
                    exitUnhealthy.run();
                }
            }
            case POWER_OFF -> power.execute(() -> powerActions.powerOff(why -> post(new UiEvent.PowerFailed(why))));
            case REBOOT -> power.execute(() -> powerActions.reboot(why -> post(new UiEvent.PowerFailed(why))));
        }
    }

    /**
     * Whether the daemon is doing its job: once connected, the write loop must have ticked within
     * the last five intervals (ten seconds at least).
     */
    boolean healthy(long now) {
        if (!state.connected()) {
            return true;
        }
        long limit = Math.max(10_000_000_000L, 5 * config.writeInterval().toNanos());
        return now - lastTick < limit;
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

    private void connect() {
        long began = ticker.nanoTime();
        log.info("connecting to {} (local DC {})", config.contactPoints(), config.localDc());
        while (running.get() && cluster == null) {
            CompletableFuture<DemoCluster> session = DemoCluster.connect(config, names).toCompletableFuture();
            try {
                while (running.get()) {
                    try {
                        cluster = session.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (TimeoutException stillTrying) {
                        post(new UiEvent.Connecting(Duration.ofNanos(ticker.nanoTime() - began)));
                    }
                }
            } catch (ExecutionException e) {
                log.warn("cannot open a session: {}; retrying", e.getCause().getMessage());
                pause(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
        }
        while (running.get()) {
            try {
                cluster.prepare().toCompletableFuture().get();
                break;
            } catch (ExecutionException e) {
                log.warn("cannot create the demo keyspace or table yet: {}; retrying", e.getCause().getMessage());
                post(new UiEvent.Connecting(Duration.ofNanos(ticker.nanoTime() - began)));
                pause(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!running.get()) {
            return;
        }
        log.info("connected; writing every {} ms", config.writeInterval().toMillis());
        lastTick = ticker.nanoTime();
        post(new UiEvent.Connected());
        writes.scheduleAtFixedRate(this::tick, 0, config.writeInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One tick of the write loop: a write if none is in flight, else a skipped tick. */
    private void tick() {
        lastTick = ticker.nanoTime();
        UiState s = state;
        if (s.paused() || s.stopping()) {
            return;
        }
        if (!inFlight.compareAndSet(false, true)) {
            post(new UiEvent.SkippedTick());
            return;
        }
        try {
            cluster.write(s.writeLevel(), s.readLevel(), s.readBack()).whenComplete((outcome, error) -> {
                inFlight.set(false);
                if (outcome != null) {
                    post(new UiEvent.Outcome(outcome));
                } else {
                    log.error("a write ended without an outcome", error);
                }
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            log.error("could not start a write", e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Shows the stopping screen, stops writing and closes the session and the panel. */
    @Override
    public void close() {
        post(new UiEvent.Stopping());
        running.set(false);
        ControlServer c0 = control;
        if (c0 != null) {
            c0.close();
        }
        writes.shutdownNow();
        power.shutdown();
        connector.interrupt();
        try {
            ui.join(2000);
            connector.join(2000);
            // let the bus thread draw the stopping screen before the panel goes
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DemoCluster c = cluster;
        if (c != null) {
            c.close();
        }
        stream.ifPresent(OutcomeStream::close);
        kafkaEvents.ifPresent(BoothEvents::close);
        panel.close();
    }
}
