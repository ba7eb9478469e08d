package booth.daemon.control;

import booth.daemon.config.BoothConfig;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlClient;
import booth.protocol.control.ControlRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code democtl}: booth staff's command for the running daemon, over its control socket.
 * Exit statuses: 0 done, 1 the daemon refused (the message says why), 2 bad usage, 69 the
 * daemon cannot be reached (the message says what to check).
 */
@Command(name = "democtl", mixinStandardHelpOptions = true, versionProvider = Democtl.Version.class,
        description = "Controls the booth's client daemon on this Pi.",
        subcommands = {StatusCommand.class, LevelCommand.class, DemoCommand.class, DemoCommand.AcksCommand.class, Democtl.Pause.class, Democtl.Resume.class,
            Democtl.Reset.class, Democtl.RestartDisplay.class, TopologyCommand.class, TailCommand.class,
            AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:done", "1:the daemon refused the request", "2:bad usage",
            "69:the daemon cannot be reached (not running, wrong socket, not in its group)"})
public final class Democtl implements Callable<Integer> {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 69;

    @Option(names = "--socket", paramLabel = "PATH", description = "the daemon's control socket (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:BOOTH_CONTROL_SOCKET:-" + BoothConfig.DEFAULT_CONTROL_SOCKET + "}")
    Path socket;

    final PrintStream out;
    final PrintStream err;
    final InputStream in;

    Democtl(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return commandLine(out, err, in).execute(args);
    }

    /** The command line model: what parses, prints --help, completes and documents ({@link ManPage}). */
    static CommandLine commandLine(PrintStream out, PrintStream err, InputStream in) {
        CommandLine cl = new CommandLine(new Democtl(out, err, in));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof ControlClient.Unreachable) {
                err.println("democtl: " + e.getMessage());
                return UNREACHABLE;
            }
            if (e instanceof IOException) {
                err.println("democtl: lost the daemon: " + e.getMessage());
                return UNREACHABLE;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() {
        err.println("democtl: a command is needed");
        new CommandLine(this).usage(err);
        return USAGE;
    }

    /** Sends {@code request}; prints the daemon's refusal and returns empty when it refused. */
    <A extends ControlAnswer> Optional<A> call(ControlRequest<A> request) throws ControlClient.Unreachable, IOException {
        try (ControlClient client = ControlClient.connect(socket)) {
            return Optional.of(client.call(request));
        } catch (ControlClient.Refused e) {
            err.println("democtl: the daemon refused: " + e.reason());
            return Optional.empty();
        }
    }

    /** The version in the jar's manifest, or "development" when run from classes. */
    public static String implementationVersion() {
        String v = Democtl.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"democtl " + implementationVersion()};
        }
    }

    /** A command that is just a request and an "ok". */
    abstract static class Simple implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        private final ControlRequest<?> request;
        private final String done;

        /** @param done what to print when the daemon has done it */
        Simple(ControlRequest<?> request, String done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public Integer call() throws Exception {
            if (top.call(request).isEmpty()) {
                return REFUSED;
            }
            top.out.println(done);
            return OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stops writing (the screen says PAUSED).")
    static final class Pause extends Simple {
        Pause() {
            super(new ControlRequest.Pause(), "paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Writes again after a pause.")
    static final class Resume extends Simple {
        Resume() {
            super(new ControlRequest.Resume(), "resumed");
        }
    }

    @Command(name = "restart-display", mixinStandardHelpOptions = true,
            description = "Re-initialises the LCD plate (as PiTFT button 23); a stalled daemon exits so systemd restarts it.")
    static final class RestartDisplay extends Simple {
        RestartDisplay() {
            super(new ControlRequest.RestartDisplay(), "display restarted");
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Resets the demo: default levels, counters cleared (as PiTFT button 27).")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Option(names = "--truncate", description = "also empty the demo table on the cluster")
        boolean truncate;
        @Option(names = "--yes", description = "do not ask before emptying the table")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (truncate && !yes) {
                top.out.print("Empty the demo table on the cluster? [y/N] ");
                top.out.flush();
                String answer = new BufferedReader(new InputStreamReader(top.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null) {
                    top.err.println("democtl: nothing to ask for confirmation on; add --yes to empty the table");
                    return USAGE;
                }
                if (!answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    top.out.println("not reset");
                    return OK;
                }
            }
            if (top.call(new ControlRequest.Reset(truncate)).isEmpty()) {
                return REFUSED;
            }
            top.out.println(truncate ? "demo reset, table emptied" : "demo reset");
            return OK;
        }
    }

}
