package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies, checked on the source so it cannot rot:
 * hal &lt;- display &lt;- daemon, the cluster launcher apart, and each outside library
 * imported by exactly one package of ours.
 */
class LayeringTest {
    /** Source root, the package its files must be in, and the project packages it must not use. */
    private record Layer(String root, String pkg, List<String> forbidden) {
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("hal/src/main/java", "booth.hal", List.of("booth.display", "booth.daemon", "booth.cluster")),
            new Layer("display/src/main/java", "booth.display", List.of("booth.daemon", "booth.cluster")),
            new Layer("daemon/src/main/java", "booth.daemon", List.of()),
            new Layer("demo-scripts/src/main/java", "booth.cluster", List.of("booth.hal", "booth.display", "booth.daemon")));

    /** Outside library (package prefix) and the one package of ours allowed to import it. */
    static final Map<String, String> LIBRARY_OWNERS = Map.of(
            "com.pi4j", "booth.hal.pi4j",
            "com.datastax.oss.driver", "booth.daemon.cassandra",
            "org.apache.kafka", "booth.daemon.kafka",
            "com.googlecode.lanterna", "booth.display.terminal",
            "com.fasterxml.jackson", "booth.daemon.control",
            "picocli", "booth.daemon.control");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("\\b(?:booth|com|org|picocli)(?:\\.\\w+)+");

    @Test
    void everySourceFileKeepsToItsLayer() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Layer layer : LAYERS) {
            Path root = Path.of(layer.root());
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    violations.addAll(check(layer, file.toString(), Files.readString(file)));
                }
            }
        }
        assertTrue(files > 0, "no sources found: run from the repository root");
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckCatchesEachKindOfViolation() {
        Layer hal = LAYERS.get(0);
        String source = """
                package booth.hal.lcd;
                import booth.display.Screen;              // a layer above
                import com.pi4j.context.Context;          // Pi4J outside booth.hal.pi4j
                /* booth.daemon.Ignored in a comment is fine */
                class X { String s = "booth.daemon.AlsoFine"; booth.daemon.Wired w; }
                """;
        List<String> v = check(hal, "X.java", source);
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.get(0).contains("booth.display.Screen"), v.toString());
        assertTrue(v.get(1).contains("com.pi4j.context.Context") && v.get(1).contains("booth.hal.pi4j"), v.toString());
        assertTrue(v.get(2).contains("booth.daemon.Wired"), v.toString());
        assertEquals(List.of("X.java: package booth.display must be in display/src/main/java, not hal/src/main/java"),
                check(hal, "X.java", "package booth.display;\nclass X {}"));
        assertEquals(List.of(), check(new Layer("hal/src/main/java", "booth.hal", List.of()), "Y.java",
                "package booth.hal.pi4j;\nimport com.pi4j.context.Context;\nclass Y {}"));
    }

    static List<String> check(Layer layer, String file, String source) {
        List<String> out = new ArrayList<>();
        String code = stripCommentsAndStrings(source);
        Matcher pm = PACKAGE.matcher(code);
        String pkg = pm.find() ? pm.group(1) : "";
        if (!(pkg.equals(layer.pkg()) || pkg.startsWith(layer.pkg() + "."))) {
            String home = LAYERS.stream().filter(l -> pkg.equals(l.pkg()) || pkg.startsWith(l.pkg() + "."))
                    .map(Layer::root).findFirst().orElse("a source root of its own");
            out.add(file + ": package " + pkg + " must be in " + home + ", not " + layer.root());
            return out;
        }
        Matcher m = NAME.matcher(code.substring(pm.end()));
        while (m.find()) {
            String name = m.group();
            for (String forbidden : layer.forbidden()) {
                if (name.startsWith(forbidden + ".") || name.equals(forbidden)) {
                    out.add(file + ": " + layer.pkg() + " must not use " + name);
                }
            }
            LIBRARY_OWNERS.forEach((library, owner) -> {
                if (name.startsWith(library + ".") && !(pkg.equals(owner) || pkg.startsWith(owner + "."))) {
                    out.add(file + ": " + name + " may only be used in " + owner + ", not in " + pkg);
                }
            });
        }
        return out;
    }

    /** Blanks out comments and string/char literals so that only code is checked. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                b.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                b.append("\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i++);
                while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                b.append(quote).append(quote);
            } else {
                b.append(s.charAt(i++));
            }
        }
        return b.toString();
    }
}
