package booth.protocol.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's man page, written in man(7) from the same picocli model that parses its arguments
 * and prints {@code --help}, so the three cannot disagree; the {@link Program} adds what picocli
 * does not know (FILES, ENVIRONMENT, SEE ALSO).
 */
public final class ManPage {
    private static final String MANUAL = "Resilience demo booth";

    /** A section the program adds, after the exit statuses. */
    public record Section(String title, List<Item> items) {
        public Section(String title, Item... items) {
            this(title, List.of(items));
        }
    }

    /** A tagged paragraph (a file, a variable), or with a null tag a plain one. */
    public record Item(String tag, String text) {
        public static Item text(String text) {
            return new Item(null, text);
        }
    }

    private final StringBuilder roff = new StringBuilder();

    private ManPage() {
    }

    /** {@code program}'s page, for {@code NAME.1}. */
    public static String render(Program program) {
        List<Section> extra = program.manPage().orElseThrow(() -> new IllegalArgumentException(program.name() + " has no man page"));
        ManPage page = new ManPage();
        CommandSpec spec = program.model().getCommandSpec();
        String name = spec.name();
        page.line(".TH " + name.toUpperCase(Locale.ROOT) + " 1 \"\" \"booth " + Commands.version() + "\" \"" + MANUAL + "\"");
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
        page.line(".SH \"EXIT STATUS\"");
        for (Map.Entry<String, String> e : spec.usageMessage().exitCodeList().entrySet()) {
            page.item(e.getKey().strip(), e.getValue());
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

    /** The subcommands a page and --help show, each once (an alias is the same command). */
    public static List<CommandLine> visibleSubcommands(CommandSpec spec) {
        List<CommandLine> visible = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !visible.contains(sub)) {
                visible.add(sub);
            }
        }
        return visible;
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
        // -h, -V and the options every subcommand inherits are said once, at the top, not under every command
        List<OptionSpec> options = spec.options().stream()
                .filter(o -> !o.hidden() && (heading != null || !(o.usageHelp() || o.versionHelp() || o.inherited()))).toList();
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
            line(".TP");
            line(optionTag(o));
            line(escape(text(o.description())));
        }
    }

    /** An option's entry tag: its names in bold and its parameter in italics. */
    public static String optionTag(OptionSpec o) {
        String label = o.arity().max() > 0 ? " " + o.paramLabel() : "";
        return "\\fB" + escape(String.join(", ", o.names())) + "\\fR" + (label.isEmpty() ? "" : "\\fI" + escape(label) + "\\fR");
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

    /** The NAME line's text: the description up to its first full stop or colon. */
    private static String firstSentence(String text) {
        String line = text.split("\n")[0];
        return line.split("\\. |: ", 2)[0].replaceAll("\\.$", "");
    }

    /** Text safe in man(7): backslashes and hyphens escaped, no line taken for a request. */
    public static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
