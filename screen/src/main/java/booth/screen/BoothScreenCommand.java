package booth.screen;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import booth.protocol.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booth-screen}: runs the {@link BoothScreenService} until it is stopped. */
@Command(name = "booth-screen", mixinStandardHelpOptions = true,
        description = "The booth's screen: every client's outcomes, health and driver's view of the cluster, read from "
                + "Kafka, served as a web page for a TV.")
@Exit(value = ExitCode.OK, when = "stopped")
@Exit(value = ExitCode.USAGE, when = "bad command line")
@Exit(value = ExitCode.UNAVAILABLE, when = "the address cannot be served (taken: another booth-screen? set screen.listen)")
@Exit(value = ExitCode.CONFIG, when = "bad configuration, or its topology-file does not read (the message names the key)")
public final class BoothScreenCommand implements Callable<ExitCode> {
    private static final String DEFAULT_CONFIG = "/etc/booth/screen.conf";
    private static final Logger log = LoggerFactory.getLogger(BoothScreenCommand.class);

    public static final Program PROGRAM = Program.of(BoothScreenCommand::new).withManPage(
            new ManPage.Section("FILES",
                    new ManPage.Item(DEFAULT_CONFIG, "the configuration: a screen { ... } block (screen/conf/screen.conf)")),
            new ManPage.Section("ENVIRONMENT",
                    new ManPage.Item("BOOTH_SCREEN_JAVA_OPTS", "replaces the JVM options the launcher ships with")),
            new ManPage.Section("SEE ALSO", ManPage.Item.text("booth-daemon(1), local-cluster(1)")));

    @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "HOCON configuration, a screen { ... } block (default ${DEFAULT-VALUE})")
    Path configFile;

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    BoothScreenCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws CommandFailure {
        ScreenConfig config;
        Optional<Topology> topology = Optional.empty();
        try {
            config = ScreenConfig.load(configFile);
            if (config.topologyFile().isPresent()) {
                topology = Optional.of(TopologyFile.read(config.topologyFile().get()));
            }
        } catch (ConfigException e) {
            throw new CommandFailure(ExitCode.CONFIG, "configuration: " + e.getMessage());
        } catch (TopologyException e) {
            throw new CommandFailure(ExitCode.CONFIG, "configuration: screen.topology-file: " + e.getMessage());
        }
        BoothScreenService service;
        try {
            service = new BoothScreenService(config, topology);
        } catch (BindException e) {
            throw new CommandFailure(ExitCode.UNAVAILABLE, "cannot serve at " + config.listen().getHostString() + ":"
                    + config.listen().getPort() + ": " + e.getMessage() + " (another booth-screen? set screen.listen)");
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.UNAVAILABLE, "cannot serve at " + config.listen() + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "screen-stop"));
        service.start();
        log.info("booth screen at {} (events from Kafka at {}: {})", service.url(), config.bootstrapServers(), config.topics());
        out.println("booth-screen: serving " + service.url());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }
}
