package booth.protocol.command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one set-up of every command of the booth, so each parses, helps and fails the same way
 * (picocli's exit code example): {@link CommandLine#execute} returns the exit status and the
 * command's {@code main} alone passes it to {@code System.exit}.
 * <ul>
 * <li>{@code --version} prints the command's name and the jar's Implementation-Version
 *     ("development" when run from classes);
 * <li>a bad command line prints the command's name and what is wrong, then the usage, to standard
 *     error, and exits {@link ExitCode#USAGE}; so does a command with subcommands given none;
 * <li>a command answers with an {@link ExitCode} (or, as democtl's subcommands, its number);
 *     a {@link CommandFailure}, or an exception its {@link FailureMapper} maps, prints
 *     "name: message" and exits with its code; any other exception is a bug: its stack trace,
 *     and {@link ExitCode#FAILED};
 * <li>{@code --help} and the man page list the exit statuses of the command's {@link Exit}s.
 * </ul>
 */
public final class Commands {
    private Commands() {
    }

    /** {@code command}'s command line, writing help and errors to {@code out} and {@code err}. */
    public static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Commands::badUsage);
        cl.setExecutionExceptionHandler(Commands::failed);
        cl.setExecutionStrategy(Commands::run);
        CommandSpec spec = cl.getCommandSpec();
        spec.exitCodeOnExecutionException(ExitCode.FAILED.code());
        spec.usageMessage().exitCodeListHeading("Exit status:%n").exitCodeList(exitCodeList(command.getClass()));
        String[] version = {spec.name() + " " + version()};
        everyCommand(cl, c -> c.getCommandSpec().versionProvider(() -> version));
        return cl;
    }

    /** The version in the jar's manifest, or "development" when run from classes. */
    public static String version() {
        String v = Commands.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The exit statuses {@code command} documents: 0 and 2 always, with its {@link Exit}s, by code. */
    public static List<ExitCode> exitCodes(Class<?> command) {
        List<ExitCode> codes = new ArrayList<>(List.of(ExitCode.OK, ExitCode.USAGE));
        Arrays.stream(command.getAnnotationsByType(Exit.class)).map(Exit::value).filter(c -> !codes.contains(c)).forEach(codes::add);
        codes.sort(Comparator.comparingInt(ExitCode::code));
        return codes;
    }

    /** The "Exit status" list: each code with this command's words, or the table's. */
    private static Map<String, String> exitCodeList(Class<?> command) {
        Map<ExitCode, String> when = new EnumMap<>(ExitCode.class);
        for (Exit e : command.getAnnotationsByType(Exit.class)) {
            when.put(e.value(), e.when());
        }
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : exitCodes(command)) {
            String text = when.getOrDefault(c, "");
            list.put(Integer.toString(c.code()), text.isEmpty() ? c.meaning() : text);
        }
        return list;
    }

    private static void everyCommand(CommandLine cl, Consumer<CommandLine> action) {
        action.accept(cl);
        cl.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
    }

    private static int run(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine cl = last.commandSpec().commandLine();
        Object command = cl.getCommand();
        boolean help = last.isUsageHelpRequested() || last.isVersionHelpRequested();
        if (!help && !cl.getSubcommands().isEmpty() && !(command instanceof Callable || command instanceof Runnable)) {
            throw new ParameterException(cl, "a command is needed");
        }
        int status = new CommandLine.RunLast().execute(parsed);
        // picocli takes an Integer for the exit status; a command of ours answers with a row of the table
        return cl.getExecutionResult() instanceof ExitCode code ? code.code() : status;
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(name(cl) + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        cl.usage(err);
        return ExitCode.USAGE.code();
    }

    private static int failed(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
        Object top = cl.getCommandSpec().root().userObject();
        Optional<CommandFailure> failure = e instanceof CommandFailure f ? Optional.of(f)
                : top instanceof FailureMapper mapper ? mapper.failure(e) : Optional.empty();
        if (failure.isEmpty()) {
            throw e;
        }
        cl.getErr().println(name(cl) + ": " + failure.get().getMessage());
        return failure.get().exitCode().code();
    }

    /** The name the user typed: the top-level command's, for a subcommand too ("democtl: ..."). */
    private static String name(CommandLine cl) {
        return cl.getCommandSpec().root().name();
    }
}
