package booth.daemon.control;

import booth.daemon.config.BoothConfig;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Commands;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.FailureMapper;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlClient;
import booth.protocol.control.ControlRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code democtl}: booth staff's command for the running daemon, over its control socket. */
@Command(name = "democtl", mixinStandardHelpOptions = true,
        description = "Controls the booth's client daemon on this Pi.",
        subcommands = {StatusCommand.class, LevelCommand.class, DemoCommand.class, DemoCommand.AcksCommand.class, Democtl.Pause.class, Democtl.Resume.class,
            Democtl.Reset.class, Democtl.RestartDisplay.class, TopologyCommand.class, TailCommand.class,
            AutoComplete.GenerateCompletion.class})
@Exit(value = ExitCode.OK, when = "done")
@Exit(value = ExitCode.FAILED, when = "the daemon refused the request")
@Exit(value = ExitCode.USAGE, when = "bad usage")
@Exit(value = ExitCode.UNAVAILABLE, when = "the daemon cannot be reached (not running, wrong socket, not in its group), "
        + "does not answer within 5 s, or answered busy")
public final class Democtl implements FailureMapper {
    public static final Program PROGRAM = Program.of((out, err) -> new Democtl(out, err, System.in)).withManPage(
            new ManPage.Section("ENVIRONMENT",
                    new ManPage.Item("BOOTH_CONTROL_SOCKET", "the socket to use when --socket is not given")),
            new ManPage.Section("SEE ALSO", ManPage.Item.text("booth-daemon(1), plate-check(1)")));

    // The subcommands' names for rows of the table (they return the number picocli takes).
    static final int OK = ExitCode.OK.code();
    static final int REFUSED = ExitCode.FAILED.code();
    static final int USAGE = ExitCode.USAGE.code();
    static final int UNREACHABLE = ExitCode.UNAVAILABLE.code();

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
        System.exit(PROGRAM.run(args));
    }

    /** democtl reading its answers to questions from {@code in}. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return Commands.commandLine(new Democtl(out, err, in), out, err).execute(args);
    }

    /** A daemon that cannot be reached, or that was lost, is UNAVAILABLE, wherever a subcommand met it. */
    @Override
    public Optional<CommandFailure> failure(Exception e) {
        if (e instanceof ControlClient.Unreachable) {
            return Optional.of(new CommandFailure(ExitCode.UNAVAILABLE, e.getMessage()));
        }
        if (e instanceof ControlClient.Busy) {
            return Optional.of(new CommandFailure(ExitCode.UNAVAILABLE, e.getMessage() + " (nothing was done)"));
        }
        if (e instanceof IOException) {
            return Optional.of(new CommandFailure(ExitCode.UNAVAILABLE, "lost the daemon: " + e.getMessage()));
        }
        return Optional.empty();
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
            description = "Resets the demo: default levels, counters cleared, a new run of writes (as PiTFT button 27).")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Option(names = "--truncate", description = "also delete this box's earlier runs from the demo table (never another box's rows)")
        boolean truncate;
        @Option(names = "--yes", description = "do not ask before deleting")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (truncate && !yes) {
                top.out.print("Delete this box's earlier writes from the cluster? [y/N] ");
                top.out.flush();
                String answer = new BufferedReader(new InputStreamReader(top.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null) {
                    top.err.println("democtl: nothing to ask for confirmation on; add --yes to delete");
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
            top.out.println(truncate ? "demo reset, earlier runs deleted" : "demo reset");
            return OK;
        }
    }

}
