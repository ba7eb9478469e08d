package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.protocol.config.ConfigException;
import booth.daemon.config.ConfigLoader;
import booth.daemon.control.ControlServer;
import booth.daemon.control.DaemonCommand;
import booth.display.terminal.TerminalPlateView;
import booth.hal.BusException;
import booth.hal.Ticker;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client daemon's entry point: {@code java -jar booth.jar} or {@code daemon/bin/booth-daemon}.
 *
 * <p>{@link #run} returns the exit status and {@link #main} alone calls {@code System.exit}.
 * Exit statuses (systemd reads them): 0 stopped normally, 1 the hardware could not be opened,
 * 2 bad command line, 73 another daemon holds the control socket, 78 bad configuration (EX_CONFIG:
 * systemd must not restart in a loop).
 */
public final class BoothDaemon {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** EX_CANTCREAT: another live daemon holds the control socket (systemd must not restart in a loop). */
    public static final int TAKEN = 73;
    public static final int CONFIG = 78;

    private BoothDaemon() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DaemonCommand.Parsed parsed = DaemonCommand.parse(args, out, err, USAGE);
        if (parsed instanceof DaemonCommand.Exit exit) {
            return exit.status();
        }
        DaemonCommand.Options options = ((DaemonCommand.Run) parsed).options();

        BoothConfig config;
        Map<String, String> names;
        try {
            config = ConfigLoader.load(options.config());
            if (options.mode().isPresent()) {
                config = config.withMode(parseMode(options.mode().get()));
            }
            if (options.outcomes().isPresent()) {
                config = config.withOutcomeStream(options.outcomes().get());
            }
            if (options.recordBus().isPresent()) {
                config = config.withRecordBus(options.recordBus().get());
            }
            if (config.mode() == BoothConfig.Mode.TERMINAL && config.outcomeStream().filter("-"::equals).isPresent()) {
                throw new ConfigException("booth.outcome-stream", "'-' (standard output) is the terminal in terminal mode; give a file");
            }
            names = names(config);
        } catch (ConfigException e) {
            err.println("booth-daemon: configuration: " + e.getMessage());
            return CONFIG;
        }
        return runBox(config, names, out, err);
    }

    private static int runBox(BoothConfig config, Map<String, String> names, PrintStream out, PrintStream err) {
        // One daemon per box: a second one would fight the first for the plate and the row, and
        // run without staff control. Refused before the terminal or the plate is touched.
        try {
            ControlServer.checkFree(config.controlSocket());
        } catch (ControlServer.Taken e) {
            err.println("booth-daemon: " + e.getMessage());
            return TAKEN;
        }
        // In terminal mode the screen owns standard output: open it first, then send the log aside.
        TerminalPlateView screen = null;
        LogTail logTail = null;
        if (config.mode() == BoothConfig.Mode.TERMINAL) {
            try {
                screen = TerminalPlateView.open();
            } catch (IOException e) {
                err.println("booth-daemon: cannot open the terminal: " + e.getMessage());
                return FAILED;
            }
            logTail = new LogTail(200);
            System.setOut(new PrintStream(logTail, true));
            System.setErr(new PrintStream(logTail, true));
        }
        Optional<OutcomeStream> stream;
        try {
            stream = config.outcomeStream().map(t -> t.equals("-") ? out : open(t)).map(OutcomeStream::new);
        } catch (IllegalStateException e) {
            err.println("booth-daemon: " + e.getMessage());
            return CONFIG;
        }
        // Staff restarting the display of a stalled daemon ends it with FAILED for systemd to
        // restart; main() alone calls System.exit, and the shutdown hook closes the box.
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(OK);
        ClientBox clientBox;
        try {
            clientBox = ClientBox.open(config, names, stream, Ticker.SYSTEM, () -> {
                status.set(FAILED);
                stopped.countDown();
            });
        } catch (BusException | IOException | RuntimeException e) {
            err.println("booth-daemon: cannot open the plate: " + e.getMessage());
            return FAILED;
        }
        Panel panel = clientBox.panel();
        Thread hook = new Thread(() -> {
            clientBox.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            clientBox.start();
        } catch (ControlServer.Taken e) {
            // another daemon took the socket between the check and now
            Runtime.getRuntime().removeShutdownHook(hook);
            clientBox.close();
            err.println("booth-daemon: " + e.getMessage());
            return TAKEN;
        }
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
            err.println("booth-daemon: terminal: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status.get();
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
