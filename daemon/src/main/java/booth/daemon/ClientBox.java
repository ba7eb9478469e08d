package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.daemon.control.Audit;
import booth.daemon.control.ControlServer;
import booth.daemon.health.ClockProbe;
import booth.daemon.health.ClockWatch;
import booth.daemon.kafka.BoothEvents;
import booth.daemon.kafka.KafkaDemo;
import booth.daemon.kafka.KafkaEvents;
import booth.daemon.ui.KeypadMachine;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.display.Frames;
import booth.hal.BusException;
import booth.hal.ButtonEvent;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client box, wired: the panel (plate and staff buttons), the ui loop that owns the state,
 * the connector, the write loop, the outcome sinks, staff effects and the control socket. It
 * only builds, starts and stops them; each says in its javadoc which thread owns what.
 * Construction starts no thread; {@link #start()} starts them all, {@link #close()} stops them
 * in reverse order and closes what they opened.
 */
public final class ClientBox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientBox.class);

    private final BoothConfig config;
    private final Panel panel;
    private final Optional<OutcomeStream> stream;
    private final Optional<BoothEvents> kafka;
    private final UiLoop ui;
    private final WriteLoop writes;
    private final StaffEffects staff;
    private final Connector connector;
    private final OutcomeSinks sinks;
    private final BoxControl control;
    private final KafkaDemoOnDemand kafkaDemo;
    private final ClockWatch clock;
    private volatile ControlServer server;

    private ClientBox(BoothConfig config, Panel panel, Map<String, String> names, Optional<OutcomeStream> stream,
                      Ticker ticker, Runnable exitUnhealthy, LongSupplier droppedLogLines) {
        this.config = config;
        this.panel = panel;
        this.stream = stream;
        this.clock = new ClockWatch(ClockProbe.ofSystem());
        // with Kafka off, no Kafka class is ever loaded
        this.kafka = config.kafka().enabled()
                ? Optional.of(new KafkaEvents(config.clientName(), config.kafka(), clock::last)) : Optional.empty();
        this.sinks = new OutcomeSinks(config.clientName(), stream, kafka);
        KeypadMachine machine = new KeypadMachine(config.writeLevel(), config.readLevel(), config.readBack(),
                config.idleTimeout(), config.inviteAfter(), config.localDc(), config.staff().powerHold(), config.demo(),
                config.kafkaDemo().acks());
        String connectingTo = config.localDc() + " " + config.contactPoints().get(0).host();
        // the ui loop carries out effects (from start() on), which need the write loop, which reads the ui's state
        this.ui = new UiLoop(machine, panel.plate(), ticker, connectingTo, sinks, this::carryOut);
        this.kafkaDemo = new KafkaDemoOnDemand(config.clientName(), config.kafkaDemo(), new KafkaDemo.Listener() {
            @Override
            public void view(PartitionView view) {
                ui.post(new UiEvent.PartitionSeen(view));
            }

            @Override
            public void circle(CircleCounts counts) {
                ui.post(new UiEvent.CircleSeen(counts));
            }

            @Override
            public void circleStopped(Duration restartIn) {
                ui.post(new UiEvent.CircleStopped(restartIn));
            }
        }, Clock.systemUTC());
        this.writes = new WriteLoop(config.writeInterval(), ui::state, ui::post, ticker, kafkaDemo);
        this.staff = new StaffEffects(panel.plate(), writes, new PowerActions(config.staff().powerOffCommand(),
                config.staff().rebootCommand(), config.mode() != BoothConfig.Mode.HARDWARE), ticker, ui::post, exitUnhealthy);
        this.control = new BoxControl(config, ui, panel.plate(), sinks, ticker, droppedLogLines);
        kafka.ifPresent(k -> k.clusterView(control::clusterView));
        this.connector = new Connector(config, names, ticker, ui::post, c -> {
            control.connected(c);
            writes.connected(c);
        });
    }

    /** On the ui thread: the machine's effects, each at once. */
    private void carryOut(KeypadMachine.Effect e) {
        switch (e) {
            case DEMO_CHANGED -> demoChanged();
            case NEW_RUN -> control.startNewRun();
            case RESTART_DISPLAY, POWER_OFF, REBOOT -> staff.accept(e);
        }
    }

    /** On the ui thread, at once: the Cassandra demo needs its cluster (the Kafka demo starts on its first tick). */
    private void demoChanged() {
        if (ui.state().shared().demo() == booth.model.Demo.CASSANDRA) {
            connector.start();
        }
        log.info("demo switched to {}", ui.state().shared().demo().name().toLowerCase(Locale.ROOT));
    }

    /**
     * A box with its panel opened for the configured mode, the panel's buttons feeding the box.
     * Nothing runs until {@link #start()}; whatever was opened is closed again if this fails.
     *
     * @param exitUnhealthy run when staff restart the display and the write loop has stalled:
     *                      the entry point exits, and systemd restarts the daemon
     * @throws BusException the plate's bus cannot be opened (hardware mode)
     * @throws IOException  the bus recording cannot be opened
     */
    public static ClientBox open(BoothConfig config, Map<String, String> names, Optional<OutcomeStream> stream,
                                 Ticker ticker, Runnable exitUnhealthy) throws BusException, IOException {
        return open(config, names, stream, ticker, exitUnhealthy, () -> 0);
    }

    /** The same, with the count of log lines standard error did not take, for the status. */
    static ClientBox open(BoothConfig config, Map<String, String> names, Optional<OutcomeStream> stream,
                          Ticker ticker, Runnable exitUnhealthy, LongSupplier droppedLogLines) throws BusException, IOException {
        AtomicReference<ClientBox> box = new AtomicReference<>();
        Panel panel = Panel.open(config, ticker, event -> {
            ClientBox b = box.get();
            if (b != null) {
                b.buttonPressed(event);
            }
        });
        try {
            box.set(new ClientBox(config, panel, names, stream, ticker, exitUnhealthy, droppedLogLines));
        } catch (RuntimeException e) {
            panel.close();
            throw e;
        }
        return box.get();
    }

    private void buttonPressed(ButtonEvent event) {
        if (event.key() instanceof StaffButton b && event.kind() == ButtonEvent.Kind.PRESSED) {
            Audit.log("staff button " + b.name().toLowerCase(Locale.ROOT).replace('_', '-') + " pressed",
                    "PiTFT GPIO " + config.hardware().pitftPins().get(b));
        }
        ui.post(new UiEvent.Button(event));
    }

    /**
     * Starts everything: the plate shows "starting" at once. The control socket is optional (a
     * daemon runs without it, and says so), except when another live daemon holds it.
     *
     * @throws ControlServer.Taken another daemon answers on the control socket; nothing was started
     */
    public void start() throws ControlServer.Taken {
        ControlServer s = null;
        try {
            s = new ControlServer(config.controlSocket(), config.controlSocketGroup(), control);
        } catch (ControlServer.Taken e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the demo matters more than democtl: run without it, and say so
            log.error("no control socket at {}: {}; democtl will not reach this daemon", config.controlSocket(), e.getMessage());
        }
        panel.plate().show(Frames.starting());
        panel.start();
        stream.ifPresent(OutcomeStream::start);
        kafka.ifPresent(BoothEvents::start);
        if (s != null) {
            s.start();
            server = s;
            sinks.tails(s);
        }
        ui.start();
        clock.start(c -> ui.post(new UiEvent.ClockSeen(c)));
        writes.start();
        if (config.demo() == booth.model.Demo.CASSANDRA) {
            connector.start();
        }
    }

    /**
     * What is wrong with the box's own threads at {@code now}, if anything: the ui thread ended
     * or not run for longer than {@code hung}, or the write loop not ticking (see
     * {@link WriteLoop#healthy}). Empty while the box does its job, whatever the cluster does.
     */
    Optional<String> trouble(long now, Duration hung) {
        Optional<String> ui = this.ui.trouble(now, hung);
        if (ui.isPresent()) {
            return ui;
        }
        if (!writes.healthy(now)) {
            return Optional.of("the write loop has not ticked for " + writes.secondsSinceTick(now) + " s");
        }
        return Optional.empty();
    }

    /** Where the ui thread is now, for the log of a hang. */
    StackTraceElement[] uiStack() {
        return ui.stack();
    }

    /** The state as the ui thread last left it. */
    public UiState state() {
        return ui.state();
    }

    /** How long the cluster has been tried, while not connected; zero once it is. */
    public java.time.Duration connecting() {
        return control.connecting();
    }

    /** Kafka event counters, when Kafka is enabled. */
    public Optional<BoothEvents.Counts> eventCounts() {
        return sinks.kafkaCounts();
    }

    public Panel panel() {
        return panel;
    }

    /** Queues an event for the state machine; never blocks. */
    public void post(UiEvent event) {
        ui.post(event);
    }

    /** Shows the stopping screen and waits until the plate has drawn it, stops writing, closes everything. */
    @Override
    public void close() {
        ControlServer s = server;
        if (s != null) {
            s.close();
        }
        writes.close();
        clock.close();
        staff.close();
        try {
            ui.stop(Duration.ofSeconds(2));
            panel.plate().flush().toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the plate did not draw the stopping screen: {}", e.toString());
        }
        connector.close(); // closes the session, connected or still being opened
        kafkaDemo.close();
        stream.ifPresent(OutcomeStream::close);
        kafka.ifPresent(BoothEvents::close);
        panel.close();
    }
}
