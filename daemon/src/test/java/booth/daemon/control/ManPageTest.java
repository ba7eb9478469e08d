package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The man pages say what the commands parse: every command, option and exit status of the picocli model. */
class ManPageTest {
    private final Map<String, String> pages = ManPage.pages();

    private static List<CommandSpec> visible(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden() && !all.contains(s)) {
                all.add(s);
                all.addAll(visible(s));
            }
        }
        return all;
    }

    @Test
    void democtlsPageHasEveryCommandAndOption() {
        String page = pages.get("democtl.1");
        CommandSpec spec = Democtl.commandLine(new PrintStream(new ByteArrayOutputStream()), System.err,
                new ByteArrayInputStream(new byte[0])).getCommandSpec();
        List<CommandSpec> commands = visible(spec);
        assertTrue(commands.size() >= 10, "democtl's commands: " + commands.size());
        for (CommandSpec c : commands) {
            assertTrue(page.contains(".SS \"" + ManPage.escape(c.qualifiedName()) + "\"\n"), "no section for " + c.qualifiedName());
            // an entry of its own, not only the synopsis
            c.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).forEach(o ->
                    assertTrue(page.contains(".TP\n\\fB" + ManPage.escape(String.join(", ", o.names())) + "\\fR"),
                            c.qualifiedName() + " " + o.longestName()));
        }
        assertTrue(page.startsWith(".TH DEMOCTL 1 "));
        for (String status : List.of("0", "1", "2", "69")) {
            assertTrue(page.contains(".TP\n.B " + status + "\n"), "exit status " + status);
        }
    }

    @Test
    void theDaemonsPageHasEveryOptionExitStatusAndFile() {
        String page = pages.get("booth-daemon.1");
        for (String option : List.of("\\-\\-config", "\\-\\-mode", "\\-\\-outcomes", "\\-\\-record\\-bus", "\\-\\-help", "\\-\\-version")) {
            assertTrue(page.contains("\\fB" + option) || page.contains(", " + option), option);
        }
        for (String status : List.of("0", "1", "2", "78")) {
            assertTrue(page.contains(".TP\n.B " + status + "\n"), "exit status " + status);
        }
        assertTrue(page.contains("/etc/booth/booth.conf"));
        // the same text as --help, from the same model
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        DaemonCommand.parse(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8), System.err, 2);
        String helpText = help.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(helpText.contains("append every plate bus transaction to FILE as JSON lines"), helpText);
        assertTrue(page.contains("append every plate bus transaction to FILE as JSON lines"));
    }

    @Test
    void textIsEscapedForRoff() {
        assertEquals("\\-\\-socket", ManPage.escape("--socket"));
        assertEquals("\\&.hidden", ManPage.escape(".hidden"));
        assertEquals("\\&'quoted", ManPage.escape("'quoted"));
        assertEquals("a\\eb", ManPage.escape("a\\b"));
    }
}
