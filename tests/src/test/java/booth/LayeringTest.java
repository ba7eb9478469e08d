package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which, checked on the source so it cannot rot. Forbidden by default:
 * a part may use itself and exactly the parts listed in its {@code mayUse}; an outside library
 * is used only by the package that owns it (or, for logging, by anyone). A pattern ending in
 * {@code .**} covers a package and its subpackages; one without covers that package only
 * (display may use hal's API package {@code booth.hal}, not the drivers below it).
 */
class LayeringTest {
    /** Packages (a pattern), the source root their files live in, and the parts they may use. */
    record Part(String packages, String root, List<String> mayUse) {
    }

    private static final String MODEL = "model/src/main/java";
    private static final String HAL = "hal/src/main/java";
    private static final String DISPLAY = "display/src/main/java";
    private static final String DAEMON = "daemon/src/main/java";
    private static final String SCREEN = "screen/src/main/java";
    private static final String TOOLS = "demo-scripts/src/main/java";

    /** Every allowed edge. The most specific pattern matching a file's package is its part. */
    static final List<Part> PARTS = List.of(
            // the values every layer talks in: nothing of ours
            new Part("booth.model.**", MODEL, List.of()),
            // hardware: its API package knows nothing else; the drivers below it use the API and each other
            new Part("booth.hal", HAL, List.of()),
            new Part("booth.hal.**", HAL, List.of("booth.hal.**")),
            // screens: the model and hal's API, never a driver
            new Part("booth.display.**", DISPLAY, List.of("booth.model.**", "booth.hal", "booth.display.**")),
            // the daemon's inner walls
            new Part("booth.daemon.config", DAEMON, List.of("booth.model.**", "booth.hal")),
            new Part("booth.daemon.ui", DAEMON, List.of("booth.model.**", "booth.hal", "booth.display")),
            new Part("booth.daemon.cassandra", DAEMON, List.of("booth.model.**", "booth.daemon.config")),
            new Part("booth.daemon.wire", DAEMON, List.of("booth.model.**", "booth.hal")),
            new Part("booth.daemon.kafka", DAEMON, List.of("booth.model.**", "booth.daemon.config", "booth.daemon.wire")),
            new Part("booth.daemon.control", DAEMON, List.of("booth.model.**", "booth.daemon.wire", "booth.daemon.kafka",
                    "booth.daemon.ui", "booth.daemon.config")),
            new Part("booth.daemon", DAEMON, List.of("booth.model.**", "booth.hal.**", "booth.display.**", "booth.daemon.**")),
            // the booth screen: the events as the daemon writes them (wire), its configuration
            // and consumer (the daemon's config and kafka packages), rows drawn as the plate draws them
            new Part("booth.screen", SCREEN, List.of("booth.model.**", "booth.hal", "booth.display", "booth.daemon.config",
                    "booth.daemon.kafka", "booth.daemon.wire")),
            // rehearsal and bring-up tools (not in the client Pi's jar): the product may not use them
            new Part("booth.cluster", TOOLS, List.of("booth.model.**", "booth.daemon.cassandra")),
            new Part("booth.bench", TOOLS, List.of("booth.model.**", "booth.hal.**", "booth.cluster")),
            // the chaos soak drives daemons through their control socket and reads their JSON,
            // but judges outcomes with its own model: never the daemon's classification
            new Part("booth.chaos", TOOLS, List.of("booth.model.**", "booth.cluster", "booth.daemon.wire",
                    "booth.daemon.control")));

    /** Outside library (package prefix) and the packages of ours allowed to import it. */
    static final Map<String, List<String>> LIBRARY_OWNERS = Map.of(
            "com.pi4j", List.of("booth.hal.pi4j"),
            "com.datastax.oss.driver", List.of("booth.daemon.cassandra"),
            "com.codahale.metrics", List.of("booth.daemon.cassandra"), // the driver's metrics
            "com.typesafe.config", List.of("booth.daemon.config"),
            "org.apache.kafka", List.of("booth.daemon.kafka"),
            "com.googlecode.lanterna", List.of("booth.display.terminal"),
            // wire has the one ObjectMapper and writes schema version 1; control reads and
            // builds the socket's requests and answers as trees through it
            "com.fasterxml.jackson", List.of("booth.daemon.wire", "booth.daemon.control", "booth.chaos", "booth.screen"),
            // the JDK's HTTP server: the booth screen's page and event stream
            "com.sun.net.httpserver", List.of("booth.screen"),
            "picocli", List.of("booth.daemon.control"),
            "org.slf4j", List.of("booth.**"));

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])(?:booth|com|org|net|io|picocli)(?:\\.\\w+)+");

    @Test
    void everySourceFileKeepsToItsPart() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String root : List.of(MODEL, HAL, DISPLAY, DAEMON, SCREEN, TOOLS)) {
            try (Stream<Path> paths = Files.walk(Path.of(root))) {
                for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    violations.addAll(check(root, file.toString(), Files.readString(file)));
                }
            }
        }
        assertTrue(files > 50, "sources not found: run from the repository root");
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckCatchesEachKindOfViolation() {
        String launcherInDaemon = """
                package booth.daemon;
                import booth.cluster.LocalCluster;          // the rehearsal launcher in the product
                /* booth.cluster.Ignored in a comment is fine */
                class X { String s = "booth.cluster.AlsoFine"; }
                """;
        assertEquals(List.of("X.java: booth.daemon must not use booth.cluster.LocalCluster"),
                check(DAEMON, "X.java", launcherInDaemon));

        String driverInDisplay = """
                package booth.display;
                import booth.hal.PlateFrame;                 // hal's API: allowed
                import booth.hal.plate.PlateDriver;          // a driver: not allowed
                class Y { booth.hal.virtual.VirtualPlate v; }
                """;
        assertEquals(List.of("Y.java: booth.display must not use booth.hal.plate.PlateDriver",
                        "Y.java: booth.display must not use booth.hal.virtual.VirtualPlate"),
                check(DISPLAY, "Y.java", driverInDisplay));

        assertEquals(List.of("Z.java: booth.hal.lcd must not use booth.display.Screens",
                        "Z.java: com.pi4j.context.Context may only be used in [booth.hal.pi4j], not in booth.hal.lcd",
                        "Z.java: io.netty.Unlisted is an outside library no package of ours is allowed"),
                check(HAL, "Z.java", """
                        package booth.hal.lcd;
                        import booth.display.Screens;
                        import com.pi4j.context.Context;
                        class Z { io.netty.Unlisted u; }
                        """));
        assertEquals(List.of("W.java: package booth.display must be in display/src/main/java, not hal/src/main/java"),
                check(HAL, "W.java", "package booth.display;\nclass W {}"));
        assertEquals(List.of("V.java: package booth.elsewhere is in no part of LayeringTest.PARTS"),
                check(DAEMON, "V.java", "package booth.elsewhere;\nclass V {}"));
        assertEquals(List.of(), check(HAL, "U.java", "package booth.hal.pi4j;\nimport com.pi4j.context.Context;\nclass U {}"));
        // the screen's web server stays in the screen; the screen may not reach into the daemon's wiring
        assertEquals(List.of("T.java: com.sun.net.httpserver.HttpServer may only be used in [booth.screen], not in booth.daemon",
                        "T.java: booth.screen must not use booth.daemon.ClientBox"),
                List.of(check(DAEMON, "T.java", "package booth.daemon;\nimport com.sun.net.httpserver.HttpServer;\nclass T {}").get(0),
                        check(SCREEN, "T.java", "package booth.screen;\nimport booth.daemon.ClientBox;\nclass T {}").get(0)));
    }

    static List<String> check(String root, String file, String source) {
        List<String> out = new ArrayList<>();
        String code = stripCommentsAndStrings(source);
        Matcher pm = PACKAGE.matcher(code);
        String pkg = pm.find() ? pm.group(1) : "";
        Optional<Part> found = partOf(pkg);
        if (found.isEmpty()) {
            out.add(file + ": package " + pkg + " is in no part of LayeringTest.PARTS");
            return out;
        }
        Part part = found.get();
        if (!part.root().equals(root)) {
            out.add(file + ": package " + pkg + " must be in " + part.root() + ", not " + root);
            return out;
        }
        Matcher m = NAME.matcher(code.substring(pm.end()));
        while (m.find()) {
            String name = m.group();
            String used = packageOf(name);
            if (used.equals(name)) {
                continue; // no class named: a variable or method (booth.entrySet()), not a type
            }
            if (name.startsWith("booth.")) {
                if (!covers(part.packages(), used) && part.mayUse().stream().noneMatch(p -> covers(p, used))) {
                    out.add(file + ": " + pkg + " must not use " + name);
                }
                continue;
            }
            Optional<Map.Entry<String, List<String>>> library = LIBRARY_OWNERS.entrySet().stream()
                    .filter(e -> name.startsWith(e.getKey() + ".")).findFirst();
            if (library.isEmpty()) {
                out.add(file + ": " + name + " is an outside library no package of ours is allowed");
            } else if (library.get().getValue().stream().noneMatch(owner -> covers(owner.endsWith(".**") ? owner
                    : owner + ".**", pkg))) {
                out.add(file + ": " + name + " may only be used in " + library.get().getValue() + ", not in " + pkg);
            }
        }
        return out;
    }

    /** The most specific part whose pattern covers {@code pkg}. */
    static Optional<Part> partOf(String pkg) {
        return PARTS.stream().filter(p -> covers(p.packages(), pkg))
                .max(Comparator.comparingInt(p -> p.packages().replace(".**", "").length()
                        * 2 + (p.packages().endsWith(".**") ? 0 : 1)));
    }

    /** Whether {@code pattern} ("a.b" exactly, or "a.b.**" with subpackages) covers package {@code pkg}. */
    static boolean covers(String pattern, String pkg) {
        if (pattern.endsWith(".**")) {
            String base = pattern.substring(0, pattern.length() - 3);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        return pkg.equals(pattern);
    }

    /** The package part of a qualified name: the segments before the first capitalised one. */
    static String packageOf(String name) {
        String[] segments = name.split("\\.");
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            if (!s.isEmpty() && Character.isUpperCase(s.charAt(0))) {
                break;
            }
            b.append(b.length() == 0 ? "" : ".").append(s);
        }
        return b.toString();
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
