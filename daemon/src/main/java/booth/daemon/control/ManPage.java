package booth.daemon.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man pages of {@code booth-daemon} and {@code democtl}, written in man(7) from the same
 * picocli model that parses their arguments and prints {@code --help}, so the three cannot
 * disagree. The Debian package's build runs {@code java -cp booth.jar booth.daemon.control.ManPage DIR}.
 */
public final class ManPage {
    private static final String SOURCE = "booth " + Democtl.implementationVersion();
    private static final String MANUAL = "Resilience demo booth";

    private final StringBuilder roff = new StringBuilder();

    private ManPage() {
    }

    /** Writes booth-daemon.1 and democtl.1 into the directory given. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ManPage DIRECTORY");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Map.Entry<String, String> page : pages().entrySet()) {
            Files.writeString(dir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** File name to page, for both commands. */
    static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("booth-daemon.1", render(DaemonCommand.commandLine(), List.of(
                new Section("FILES", List.of(
                        new Item("/etc/booth/booth.conf", "the configuration (a conffile: an upgrade keeps your edits)"),
                        new Item("/run/booth/control.sock", "the control socket democtl talks to (group booth)"),
                        new Item("/var/cache/booth/booth.jsa", "the class-data archive made at install time (shortens start-up)"))),
                new Section("ENVIRONMENT", List.of(
                        new Item("BOOTH_JAVA_OPTS", "replaces the JVM options the launcher ships with"))),
                new Section("SEE ALSO", List.of(new Item(null, "democtl(1), systemctl(1), journalctl(1)")))),
                "booth-daemon"));
        pages.put("democtl.1", render(Democtl.commandLine(System.out, System.err, System.in), List.of(
                new Section("ENVIRONMENT", List.of(
                        new Item("BOOTH_CONTROL_SOCKET", "the socket to use when --socket is not given"))),
                new Section("SEE ALSO", List.of(new Item(null, "booth-daemon(1)")))),
                "democtl"));
        return pages;
    }

    private record Item(String tag, String text) {
    }

    private record Section(String title, List<Item> items) {
    }

    private static String render(CommandLine cl, List<Section> extra, String name) {
        ManPage page = new ManPage();
        CommandSpec spec = cl.getCommandSpec();
        page.line(".TH " + name.toUpperCase(java.util.Locale.ROOT) + " 1 \"\" \"" + SOURCE + "\" \"" + MANUAL + "\"");
        page.line(".SH NAME");
        page.line(escape(name) + " \\- " + escape(firstSentence(text(spec.usageMessage().description()))));
        page.line(".SH SYNOPSIS");
        page.synopsis(spec);
        page.line(".SH DESCRIPTION");
        page.paragraph(text(spec.usageMessage().description()));
        page.options(spec, ".SH OPTIONS");
        List<CommandLine> commands = visibleSubcommands(spec);
        if (!commands.isEmpty()) {
            page.line(".SH COMMANDS");
            page.commands(commands);
        }
        Map<String, String> exits = spec.usageMessage().exitCodeList();
        if (!exits.isEmpty()) {
            page.line(".SH \"EXIT STATUS\"");
            for (Map.Entry<String, String> e : exits.entrySet()) {
                page.item(e.getKey().strip(), e.getValue());
            }
        }
        for (Section s : extra) {
            page.line(".SH \"" + s.title() + "\"");
            for (Item i : s.items()) {
                if (i.tag() == null) {
                    page.paragraph(i.text());
                } else {
                    page.item(i.tag(), i.text());
                }
            }
        }
        return page.roff.toString();
    }

    private void commands(List<CommandLine> commands) {
        for (CommandLine sub : commands) {
            CommandSpec spec = sub.getCommandSpec();
            line(".SS \"" + escape(spec.qualifiedName()) + "\"");
            synopsis(spec);
            line(".PP");
            paragraph(text(spec.usageMessage().description()));
            options(spec, null);
            commands(visibleSubcommands(spec));
        }
    }

    private void synopsis(CommandSpec spec) {
        // picocli's own synopsis, as --help prints it, without colour and on one line
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).replaceAll("\\s+", " ").strip();
        line(".B " + escape(synopsis));
    }

    private void options(CommandSpec spec, String heading) {
        // a command's -h and -V are said once, at the top, not under every command
        List<OptionSpec> options = spec.options().stream()
                .filter(o -> !o.hidden() && (heading != null || !(o.usageHelp() || o.versionHelp()))).toList();
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (options.isEmpty() && params.isEmpty()) {
            return;
        }
        if (heading != null) {
            line(heading);
        }
        for (PositionalParamSpec p : params) {
            item(p.paramLabel(), text(p.description()));
        }
        for (OptionSpec o : options) {
            String names = String.join(", ", o.names());
            String label = o.arity().max() > 0 ? " " + o.paramLabel() : "";
            line(".TP");
            line("\\fB" + escape(names) + "\\fR" + (label.isEmpty() ? "" : "\\fI" + escape(label) + "\\fR"));
            line(escape(text(o.description())));
        }
    }

    private static List<CommandLine> visibleSubcommands(CommandSpec spec) {
        List<CommandLine> visible = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !visible.contains(sub)) {
                visible.add(sub);
            }
        }
        return visible;
    }

    private void item(String tag, String text) {
        line(".TP");
        line(".B " + escape(tag));
        line(escape(text));
    }

    private void paragraph(String text) {
        for (String p : text.split("\n")) {
            if (!p.isBlank()) {
                line(escape(p.strip()));
            }
        }
    }

    private void line(String s) {
        roff.append(s).append('\n');
    }

    /** A description's lines as picocli would print them: %n is a line break, %% a percent sign. */
    private static String text(String[] description) {
        return String.join("\n", description).replace("%n", "\n").replace("%%", "%");
    }

    private static String firstSentence(String text) {
        String line = text.split("\n")[0];
        int end = line.indexOf(". ");
        return (end < 0 ? line : line.substring(0, end)).replaceAll("\\.$", "");
    }

    /** Text safe in man(7): backslashes and hyphens escaped, no line taken for a request. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
