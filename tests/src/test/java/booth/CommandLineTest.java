package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.protocol.command.ExitCode;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One command-line convention, over the one list of commands ({@link Programs#ALL}): each, and
 * each of its subcommands, answers --help and --version with 0 and a bad option with 2, in
 * process, starting nothing. The check is tested on planted commands that break it.
 */
class CommandLineTest {
    private static final List<String> ROOTS = List.of("protocol", "hal", "display", "daemon", "screen", "demo-scripts");

    private record Ran(int status, String out, String err) {
    }

    private static Ran run(Program p, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = p.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What {@code p} and its subcommands do wrong with --help, --version and a bad option; empty when nothing. */
    static List<String> violations(Program p) {
        List<String> wrong = new ArrayList<>();
        String name = p.name();
        for (List<String> path : commandPaths(p.model(), List.of())) {
            String said = String.join(" ", Stream.concat(Stream.of(name), path.stream()).toList());
            List<String> help = new ArrayList<>(path);
            help.add("--help");
            Ran h = run(p, help);
            if (h.status() != 0 || !usage(h.out(), said).equals(h.out().lines().findFirst().orElse("")) || !h.err().isEmpty()) {
                wrong.add(said + " --help: exit " + h.status() + ", printed " + (h.out() + h.err()).lines().findFirst().orElse(""));
            }
            List<String> version = new ArrayList<>(path);
            version.add("--version");
            Ran v = run(p, version);
            if (v.status() != 0 || !v.out().matches(Pattern.quote(name) + " \\S+\n")) {
                wrong.add(said + " --version: exit " + v.status() + ", printed " + (v.out() + v.err()).lines().findFirst().orElse(""));
            }
            List<String> bad = new ArrayList<>(path);
            bad.add("--frobnicate");
            Ran b = run(p, bad);
            // what is wrong first (an option, or a required argument picocli checks before), then the usage
            if (b.status() != ExitCode.USAGE.code() || !b.err().startsWith(name + ": ") || usage(b.err(), said).isEmpty()
                    || !b.out().isEmpty()) {
                wrong.add(said + " --frobnicate: exit " + b.status() + ", printed " + (b.out() + b.err()).lines().findFirst().orElse(""));
            }
        }
        return wrong;
    }

    /** The line of {@code printed} that starts the usage of command {@code said}, or "". */
    private static String usage(String printed, String said) {
        return printed.lines().filter(l -> l.equals("Usage: " + said) || l.startsWith("Usage: " + said + " ")).findFirst().orElse("");
    }

    /** The arguments that name each command: none for the top one, then each visible subcommand's path. */
    private static List<List<String>> commandPaths(CommandLine cl, List<String> path) {
        List<List<String>> all = new ArrayList<>(List.of(path));
        for (CommandLine sub : ManPage.visibleSubcommands(cl.getCommandSpec())) {
            if (sub.getCommandSpec().helpCommand()) {
                continue; // picocli's own help and generate-completion: they print whatever they are given
            }
            List<String> longer = new ArrayList<>(path);
            longer.add(sub.getCommandName());
            all.addAll(commandPaths(sub, longer));
        }
        return all;
    }

    @Test
    void everyCommandAnswersHelpAndVersionWith0AndABadOptionWith2() {
        assertEquals(List.of(), AllPrograms.ALL.stream().flatMap(p -> violations(p).stream()).toList());
    }

    @Test
    void eachCommandIsListedOnce() {
        List<String> names = AllPrograms.ALL.stream().map(Program::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), names.toString());
        assertTrue(names.size() >= 13, names.toString());
    }

    /** A command missing from the list would escape the checks: every main of ours runs a listed program. */
    @Test
    void everyMainRunsAListedProgramAndOnlyItCallsSystemExit() throws IOException {
        Set<String> listed = new TreeSet<>();
        AllPrograms.ALL.forEach(p -> listed.add(p.model().getCommand().getClass().getName()));
        Set<String> mains = new TreeSet<>();
        List<String> exits = new ArrayList<>();
        Pattern exit = Pattern.compile("System\\.exit\\(([^;\n]*)\\);");
        for (String root : ROOTS) {
            Path src = Path.of(root, "src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f);
                    String cls = src.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                    if (code.contains("public static void main(String[] args)")) {
                        mains.add(cls);
                    }
                    Matcher m = exit.matcher(code);
                    while (m.find()) {
                        if (!m.group(1).matches("(PROGRAM|MAN_PAGES)\\.run\\(args\\)")) {
                            exits.add(cls + ": System.exit(" + m.group(1) + ")");
                        }
                    }
                }
            }
        }
        // the lists' own mains run their man page writers, which are listed (man-pages)
        mains.removeAll(Set.of("booth.daemon.PiPrograms", "booth.tools.Programs"));
        // the chaos run's hostile clients: a program the run starts as the user nobody, not a command
        mains.remove("booth.chaos.SocketFlood");
        listed.remove("booth.protocol.command.ManPages");
        assertEquals(listed, mains, "a class with a main and no program in booth.tools.Programs, or the reverse");
        assertEquals(List.of(), exits, "System.exit only as main's System.exit(PROGRAM.run(args))");
    }

    @Command(name = "planted", description = "A command without mixinStandardHelpOptions.")
    static final class WithoutStandardOptions implements Callable<ExitCode> {
        WithoutStandardOptions(PrintStream out, PrintStream err) {
        }

        @Override
        public ExitCode call() {
            return ExitCode.OK;
        }
    }

    @Command(name = "planted", mixinStandardHelpOptions = true, subcommands = WithABadSubcommand.Sub.class)
    static final class WithABadSubcommand {
        WithABadSubcommand(PrintStream out, PrintStream err) {
        }

        @Command(name = "sub")
        static final class Sub implements Callable<ExitCode> {
            @Override
            public ExitCode call() {
                return ExitCode.OK;
            }
        }
    }

    /** The check itself: a command without --help and --version, or with a subcommand without them, is caught. */
    @Test
    void theCheckCatchesACommandWithoutTheStandardOptions() {
        assertEquals(List.of("planted --help: exit 2, printed planted: Unknown option: '--help'",
                        "planted --version: exit 2, printed planted: Unknown option: '--version'"),
                violations(Program.of(WithoutStandardOptions::new)));
        assertEquals(List.of("planted sub --help: exit 2, printed planted: Unknown option: '--help'",
                        "planted sub --version: exit 2, printed planted: Unknown option: '--version'"),
                violations(Program.of(WithABadSubcommand::new)));
    }
}
