package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.PiPrograms;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The man pages say what the commands parse: every command, option and exit status of the picocli model. */
class ManPageTest {
    private static List<Program> paged() {
        return AllPrograms.ALL.stream().filter(p -> p.manPage().isPresent()).toList();
    }

    private static List<CommandSpec> visible(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandLine sub : ManPage.visibleSubcommands(spec)) {
            all.add(sub.getCommandSpec());
            all.addAll(visible(sub.getCommandSpec()));
        }
        return all;
    }

    /** An entry of its own, not only the synopsis. */
    private static void hasEntry(String page, String where, OptionSpec o) {
        assertTrue(page.contains(".TP\n" + ManPage.optionTag(o) + "\n"), where + " " + o.longestName());
    }

    @Test
    void thePagesAreThoseAPiOrTheStaffLaptopRuns() {
        assertEquals(List.of("booth-daemon", "democtl", "plate-check", "booth-screen", "local-cluster", "booth-config"),
                paged().stream().map(Program::name).toList());
        assertTrue(PiPrograms.ALL.stream().allMatch(p -> p.manPage().isPresent()), "every command of the Pi has a page");
    }

    @Test
    void everyPageHasEveryCommandOptionAndExitStatus() {
        for (Program p : paged()) {
            String page = ManPage.render(p);
            CommandSpec spec = p.model().getCommandSpec();
            assertTrue(page.startsWith(".TH " + p.name().toUpperCase(java.util.Locale.ROOT) + " 1 "), p.name());
            spec.options().forEach(o -> hasEntry(page, p.name(), o));
            for (CommandSpec c : visible(spec)) {
                assertTrue(page.contains(".SS \"" + ManPage.escape(c.qualifiedName()) + "\"\n"), "no section for " + c.qualifiedName());
                // a command's -h and -V are said once, at the top
                c.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.inherited())
                        .forEach(o -> hasEntry(page, c.qualifiedName(), o));
            }
            for (ExitCode code : p.exitCodes()) {
                assertTrue(page.contains(".SH \"EXIT STATUS\"\n") && page.contains(".TP\n.B " + code.code() + "\n"),
                        p.name() + ": exit status " + code.code());
            }
        }
    }

    @Test
    void democtlsPageHasItsCommands() {
        Program democtl = paged().get(1);
        assertTrue(visible(democtl.model().getCommandSpec()).size() >= 10, "democtl's commands");
        assertTrue(ManPage.render(democtl).contains(".SS \"democtl cl write\"\n"));
    }

    @Test
    void theDaemonsPageHasItsFilesAndTheHelpText() {
        String page = ManPage.render(paged().get(0));
        for (String option : List.of("\\-\\-config", "\\-\\-mode", "\\-\\-outcomes", "\\-\\-record\\-bus", "\\-\\-help", "\\-\\-version")) {
            assertTrue(page.contains("\\fB" + option) || page.contains(", " + option), option);
        }
        assertTrue(page.contains("/etc/booth/booth.conf"));
        // the same text as --help, from the same model
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        paged().get(0).run(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8), System.err);
        String helpText = help.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(helpText.contains("append every plate bus transaction to FILE as JSON lines"), helpText);
        assertTrue(page.contains("append every plate bus transaction to FILE as JSON lines"));
    }

    /** What the Debian package's build runs: the Pi's pages, and no other. */
    @Test
    void thePisWriterWritesThePisPages(@TempDir Path dir) throws IOException {
        assertEquals(0, PiPrograms.MAN_PAGES.run(new String[] {dir.resolve("man1").toString()}));
        try (Stream<Path> files = Files.list(dir.resolve("man1"))) {
            assertEquals(List.of("booth-daemon.1", "democtl.1", "plate-check.1"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(ManPage.render(PiPrograms.ALL.get(2)), Files.readString(dir.resolve("man1/plate-check.1")));
    }

    @Test
    void textIsEscapedForRoff() {
        assertEquals("\\-\\-socket", ManPage.escape("--socket"));
        assertEquals("\\&.hidden", ManPage.escape(".hidden"));
        assertEquals("\\&'quoted", ManPage.escape("'quoted"));
        assertEquals("a\\eb", ManPage.escape("a\\b"));
    }
}
