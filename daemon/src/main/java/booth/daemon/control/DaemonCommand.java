package booth.daemon.control;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code booth-daemon}'s command line, declared once for parsing, {@code --help} and the man
 * page ({@link ManPage}). It lives beside democtl's because picocli is imported here alone.
 */
@Command(name = "booth-daemon", mixinStandardHelpOptions = true, versionProvider = DaemonCommand.Version.class,
        description = "Runs the booth's client box: reads the keypad, writes to the Cassandra cluster at the visitor's "
                + "consistency level, and shows each outcome on the LCD plate. systemd starts it as user booth.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:stopped normally", "1:the hardware could not be opened, or staff restarted a stalled daemon",
            "2:bad command line", "73:another daemon answers on the control socket (the message names it; stop it first)",
            "78:bad configuration (systemd does not restart it; the message names the key)"})
public final class DaemonCommand {
    public static final String DEFAULT_CONFIG = "/etc/booth/booth.conf";

    @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "HOCON configuration (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "overrides booth.mode: hardware (the plate and PiTFT), terminal (the plate drawn in this "
                    + "terminal), headless (a virtual plate)")
    String mode;

    @Option(names = "--outcomes", paramLabel = "TARGET", description = "one JSON line per write to TARGET ('-': standard output)")
    String outcomes;

    @Option(names = "--record-bus", paramLabel = "FILE", description = "append every plate bus transaction to FILE as JSON lines")
    Path recordBus;

    /** What the command line asks the daemon to run with. */
    public record Options(Path config, Optional<String> mode, Optional<String> outcomes, Optional<Path> recordBus) {
    }

    /** The outcome of parsing: options to run with, or an exit status (help, version, bad usage). */
    public sealed interface Parsed permits Run, Exit {
    }

    public record Run(Options options) implements Parsed {
    }

    public record Exit(int status) implements Parsed {
    }

    private DaemonCommand() {
    }

    /** The command line model, for {@link ManPage}. */
    static CommandLine commandLine() {
        return new CommandLine(new DaemonCommand());
    }

    /** Parses {@code args}; help and version go to {@code out}, a usage error and the usage to {@code err}. */
    public static Parsed parse(String[] args, PrintStream out, PrintStream err, int usageStatus) {
        DaemonCommand command = new DaemonCommand();
        CommandLine cl = new CommandLine(command);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("booth-daemon: " + e.getMessage());
            cl.usage(new PrintWriter(err, true));
            return new Exit(usageStatus);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(new PrintWriter(out, true));
            return new Exit(0);
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(new PrintWriter(out, true));
            return new Exit(0);
        }
        return new Run(new Options(command.config, Optional.ofNullable(command.mode), Optional.ofNullable(command.outcomes),
                Optional.ofNullable(command.recordBus)));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"booth-daemon " + Democtl.implementationVersion()};
        }
    }
}
