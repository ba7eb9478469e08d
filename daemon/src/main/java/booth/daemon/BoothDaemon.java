package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.protocol.config.ConfigException;
import booth.daemon.config.ConfigLoader;
import booth.daemon.control.ControlServer;
import booth.daemon.systemd.ServiceManager;
import booth.display.Frames;
import booth.display.terminal.TerminalPlateView;
import booth.hal.BusException;
import booth.hal.Ticker;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The client daemon's command, {@code booth-daemon}: {@code java -jar booth.jar} or
 * {@code daemon/bin/booth-daemon}. Its exit statuses are systemd's to read: the unit never
 * restarts it on 2, 73 or 78, which need a person.
 */
@Command(name = "booth-daemon", mixinStandardHelpOptions = true,
        description = "Runs the booth's client box: reads the keypad, writes to the Cassandra cluster at the visitor's "
                + "consistency level, and shows each outcome on the LCD plate. systemd starts it as user booth.")
@Exit(value = ExitCode.OK, when = "stopped normally; with --check-config, the configuration is good")
@Exit(value = ExitCode.FAILED, when = "the hardware could not be opened (the message says which part), or staff restarted a stalled daemon")
@Exit(value = ExitCode.USAGE, when = "bad command line")
@Exit(value = ExitCode.CANTCREAT, when = "another daemon answers on the control socket (the message names it; stop it first)")
@Exit(value = ExitCode.CONFIG, when = "bad configuration, with or without --check-config (systemd does not restart it; the message names the key)")
public final class BoothDaemon implements Callable<ExitCode> {
    private static final String DEFAULT_CONFIG = "/etc/booth/booth.conf";

    public static final Program PROGRAM = Program.of(BoothDaemon::new).withManPage(
            new ManPage.Section("FILES",
                    new ManPage.Item(DEFAULT_CONFIG, "the configuration (a conffile: an upgrade keeps your edits)"),
                    new ManPage.Item("/run/booth/control.sock", "the control socket democtl talks to (group booth)"),
                    new ManPage.Item("/var/cache/booth/booth.jsa", "the class-data archive made at install time (shortens start-up)")),
            new ManPage.Section("ENVIRONMENT",
                    new ManPage.Item("BOOTH_JAVA_OPTS", "replaces the JVM options the launcher ships with")),
            new ManPage.Section("SEE ALSO", ManPage.Item.text("democtl(1), plate-check(1), systemctl(1), journalctl(1)")));

    @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "HOCON configuration (default: ${DEFAULT-VALUE})")
    Path configFile;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "overrides booth.mode: hardware (the plate and PiTFT), terminal (the plate drawn in this "
                    + "terminal), headless (a virtual plate)")
    String mode;

    @Option(names = "--outcomes", paramLabel = "TARGET", description = "one JSON line per write to TARGET ('-': standard output)")
    String outcomes;

    @Option(names = "--check-config", description = "only check the configuration (and its topology file) as the daemon "
            + "would read it, with the other options applied, touching nothing: no plate, no cluster, no broker, no name "
            + "looked up; prints 'configuration OK: ...' or what is wrong, and exits 0 or 78")
    boolean checkConfig;

    @Option(names = "--record-bus", paramLabel = "FILE", description = "append every plate bus transaction to FILE as JSON lines")
    Path recordBus;

    private final PrintStream out;
    private final PrintStream err;

    BoothDaemon(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws CommandFailure {
        BoothConfig config;
        Map<String, String> names;
        try {
            config = ConfigLoader.load(configFile);
            if (mode != null) {
                config = config.withMode(parseMode(mode));
            }
            if (outcomes != null) {
                config = config.withOutcomeStream(outcomes);
            }
            if (recordBus != null) {
                config = config.withRecordBus(recordBus);
            }
            if (config.mode() == BoothConfig.Mode.TERMINAL && config.outcomeStream().filter("-"::equals).isPresent()) {
                throw new ConfigException("booth.outcome-stream", "'-' (standard output) is the terminal in terminal mode; give a file");
            }
            names = names(config);
        } catch (ConfigException e) {
            if (!checkConfig) {
                ConfigLoader.plateOf(configFile, Optional.ofNullable(mode))
                        .ifPresent(hw -> LastWords.show(hw, Frames.cannotRun("Config error", e.key())));
            }
            throw new CommandFailure(ExitCode.CONFIG, "configuration: " + e.getMessage());
        }
        if (checkConfig) {
            out.println("configuration OK: " + configFile + " (" + summary(config, names) + ")");
            return ExitCode.OK;
        }
        return runBox(config, names);
    }

    private ExitCode runBox(BoothConfig config, Map<String, String> names) throws CommandFailure {
        // One daemon per box: a second one would fight the first for the plate and the row, and
        // run without staff control. Refused before the terminal or the plate is touched.
        try {
            ControlServer.checkFree(config.controlSocket());
        } catch (ControlServer.Taken e) {
            throw new CommandFailure(ExitCode.CANTCREAT, e.getMessage());
        }
        // In terminal mode the screen owns standard output: open it first, then send the log aside.
        TerminalPlateView screen = null;
        LogTail logTail = null;
        // Elsewhere standard error is the journal's pipe, which may stall: no thread may wait on it.
        LogLane logLane = null;
        if (config.mode() != BoothConfig.Mode.TERMINAL) {
            logLane = LogLane.install();
        } else {
            try {
                screen = TerminalPlateView.open();
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.FAILED, "cannot open the terminal: " + e.getMessage());
            }
            logTail = new LogTail(200);
            System.setOut(new PrintStream(logTail, true));
            System.setErr(new PrintStream(logTail, true));
        }
        Optional<OutcomeStream> stream;
        try {
            stream = config.outcomeStream().map(t -> t.equals("-") ? out : open(t)).map(OutcomeStream::new);
        } catch (IllegalStateException e) {
            lastWords(config, "Config error", "outcome-stream");
            throw new CommandFailure(ExitCode.CONFIG, e.getMessage());
        }
        // Staff restarting the display of a stalled daemon ends it with FAILED for systemd to
        // restart; main() alone calls System.exit, and the shutdown hook closes the box.
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<ExitCode> status = new AtomicReference<>(ExitCode.OK);
        Runnable exitUnhealthy = () -> {
            status.set(ExitCode.FAILED);
            stopped.countDown();
        };
        ClientBox clientBox;
        try {
            LogLane lane = logLane;
            clientBox = ClientBox.open(config, names, stream, Ticker.SYSTEM, exitUnhealthy,
                    () -> lane == null ? 0 : lane.dropped());
        } catch (BusException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot open the plate: " + e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot open the bus recording: " + e.getMessage());
        } catch (RuntimeException e) {
            // Pi4J's GPIO (the staff buttons), or a part of the box: said with every cause, since
            // a library's outer message ("Failed to construct ...") hides what was wrong
            if (e instanceof Panel.MissingDevice missing) {
                lastWords(config, "Cannot start", missing.device());
            }
            throw new CommandFailure(ExitCode.FAILED, "cannot start the box: " + because(e));
        }
        Panel panel = clientBox.panel();
        LogLane closingLane = logLane;
        // systemd, when it started this process (the unit is Type=notify, with a watchdog)
        Optional<ServiceManager> systemd = ServiceManager.fromEnvironment(System.getenv(), ProcessHandle.current().pid());
        Supervisor supervisor = Supervisor.of(clientBox, systemd, exitUnhealthy);
        Thread hook = new Thread(() -> {
            systemd.ifPresent(s -> tell(s::stopping));
            supervisor.close();
            clientBox.close();
            if (closingLane != null) {
                try {
                    closingLane.drain(Duration.ofSeconds(1)); // the last lines, unless the journal is stuck
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            clientBox.start();
        } catch (ControlServer.Taken e) {
            // another daemon took the socket between the check and now
            Runtime.getRuntime().removeShutdownHook(hook);
            clientBox.close();
            throw new CommandFailure(ExitCode.CANTCREAT, e.getMessage());
        }
        supervisor.start();
        systemd.ifPresent(s -> tell(s::ready));
        try {
            if (screen != null) {
                LogTail tail = logTail;
                screen.run(() -> panel.virtualPlate().orElseThrow().view(), panel.keyboard().orElseThrow(),
                        tail::lines, () -> status(clientBox));
                Runtime.getRuntime().removeShutdownHook(hook);
                clientBox.close();
                return status.get();
            }
            stopped.await();
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "terminal: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status.get();
    }

    /** A message to systemd; one that cannot be sent is logged (the unit then shows it as not started, or restarts it). */
    private static void tell(NotifyCall message) {
        try {
            message.send();
        } catch (ServiceManager.NotifyException e) {
            org.slf4j.LoggerFactory.getLogger(BoothDaemon.class).error("cannot tell systemd: {}", e.getMessage());
        }
    }

    private interface NotifyCall {
        void send() throws ServiceManager.NotifyException;
    }

    /** What --check-config read, in a line: enough to see it is the intended box and cluster. */
    private static String summary(BoothConfig c, Map<String, String> names) {
        return "client " + c.clientName() + ", local DC " + c.localDc() + ", contact points " + c.contactPoints()
                + ", mode " + c.mode().name().toLowerCase(java.util.Locale.ROOT)
                + (names.isEmpty() ? "" : ", " + names.size() + " nodes named by the topology file")
                + ", Kafka events " + (c.kafka().enabled() ? "to " + c.kafka().bootstrapServers() : "off")
                + ", Kafka demo brokers " + c.kafkaDemo().bootstrapServers();
    }

    /** A failure's message and its causes', in order. */
    static String because(Throwable e) {
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            why.append(": ").append(cause.getMessage());
        }
        return why.toString();
    }

    private static String status(ClientBox box) {
        var s = box.state();
        if (s.shared().demo() == booth.model.Demo.KAFKA) {
            var k = s.kafka();
            return "Kafka demo: " + k.records().acked() + " ok, " + k.records().failed() + " failed, "
                    + k.circle().ownLost() + " lost" + " (e-stop: demo-scripts/local-kafka estop N)";
        }
        if (!s.cassandra().connected()) {
            return "connecting for " + box.connecting().toSeconds() + " s";
        }
        var w = s.cassandra().writes();
        return w.last().map(o -> "last write: " + o.writeLevel() + " " + o.kind()).orElse("connected") + ", "
                + w.stats().succeeded() + " ok, " + w.stats().failed() + " failed";
    }

    private static PrintStream open(String file) {
        try {
            return new PrintStream(new FileOutputStream(file, true), false, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the outcome stream " + file + ": " + e.getMessage(), e);
        }
    }

    /** In hardware mode, why the daemon cannot run, on the plate (see {@link LastWords}). */
    private static void lastWords(BoothConfig config, String problem, String what) {
        if (config.mode() == BoothConfig.Mode.HARDWARE) {
            LastWords.show(config.hardware(), Frames.cannotRun(problem, what));
        }
    }

    private static Map<String, String> names(BoothConfig config) throws ConfigException {
        Map<String, String> names = new HashMap<>();
        if (config.topologyFile().isPresent()) {
            try {
                Topology t = TopologyFile.read(config.topologyFile().get());
                for (Topology.Node n : t.nodes()) {
                    names.put(n.address().getHostAddress(), n.name());
                }
            } catch (TopologyException e) {
                throw new ConfigException("booth.topology-file", e.getMessage());
            }
        }
        return names;
    }

    private static BoothConfig.Mode parseMode(String mode) throws ConfigException {
        try {
            return BoothConfig.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--mode", "'" + mode + "' is not one of hardware, terminal, headless");
        }
    }
}
