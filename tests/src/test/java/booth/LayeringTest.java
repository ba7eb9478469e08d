package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which, checked on every source file of every room, tests included, so
 * it cannot rot. The Maven modules already keep a room from using a room it does not depend on;
 * this keeps the walls inside a room (the daemon's subpackages, hal's API below its drivers)
 * and the outside libraries with their owners.
 *
 * <p>Forbidden by default: a part may use itself and exactly the parts listed in its
 * {@code mayUse}; an outside library is used only by the packages that own it. Every name
 * counts: single-type, static and wildcard imports, and qualified names in code. A pattern
 * ending in {@code .**} covers a package and its subpackages; one without covers that package
 * only. Test code may use what its package may, plus the test libraries; the cross-module tests
 * (the {@code tests} room) may use every room of ours, and the libraries a test needs to look
 * at the real thing from outside.
 */
class LayeringTest {
    /** Packages (a pattern), the room (Maven module) their main sources live in, and the parts they may use. */
    record Part(String packages, String room, List<String> mayUse) {
    }

    /** The room of the cross-module tests: its sources are tests of every room. */
    static final String TESTS = "tests";

    /** Every allowed edge. The most specific pattern matching a file's package is its part. */
    static final List<Part> PARTS = List.of(
            // the values every layer talks in: nothing of ours
            new Part("booth.model.**", "model", List.of()),
            // the contracts: wire codecs, configuration machinery, Kafka transport, exit codes
            new Part("booth.protocol.**", "protocol", List.of("booth.model.**", "booth.protocol.**")),
            // hardware: its API package knows nothing else; the drivers below it use the API and each other;
            // the bus recorder writes the protocol's recording line
            new Part("booth.hal", "hal", List.of()),
            new Part("booth.hal.**", "hal", List.of("booth.hal.**")),
            new Part("booth.hal.record", "hal", List.of("booth.hal.**", "booth.protocol")),
            new Part("booth.hal.tools", "hal", List.of("booth.hal.**", "booth.protocol.command")),
            // screens: the model and hal's API, never a driver
            new Part("booth.display.**", "display", List.of("booth.model.**", "booth.hal", "booth.display.**")),
            // the daemon's inner walls
            new Part("booth.daemon.config", "daemon", List.of("booth.model.**", "booth.hal", "booth.protocol.config",
                    "booth.protocol.kafka")),
            new Part("booth.daemon.ui", "daemon", List.of("booth.model.**", "booth.hal", "booth.display")),
            new Part("booth.daemon.cassandra", "daemon", List.of("booth.model.**", "booth.daemon.config")),
            new Part("booth.daemon.health", "daemon", List.of("booth.model.**")),
            // the messages to systemd (readiness, the watchdog): nothing of ours
            new Part("booth.daemon.systemd", "daemon", List.of()),
            new Part("booth.daemon.kafka", "daemon", List.of("booth.model.**", "booth.daemon.config", "booth.daemon.health",
                    "booth.protocol", "booth.protocol.kafka")),
            // democtl and the socket's server: the protocol's control codecs, the ui's state and events
            new Part("booth.daemon.control", "daemon", List.of("booth.model.**", "booth.protocol.**", "booth.daemon.kafka",
                    "booth.daemon.ui", "booth.daemon.config")),
            new Part("booth.daemon", "daemon", List.of("booth.model.**", "booth.protocol.**", "booth.hal.**",
                    "booth.display.**", "booth.daemon.**")),
            // the booth screen: events through the protocol, rows drawn as the plate draws them
            new Part("booth.screen", "screen", List.of("booth.model.**", "booth.hal", "booth.display",
                    "booth.protocol.**")),
            // rehearsal and bring-up tools (not in the client Pi's jar): never the daemon's insides
            new Part("booth.cluster", "demo-scripts", List.of("booth.model.**", "booth.protocol.**")),
            new Part("booth.bench", "demo-scripts", List.of("booth.model.**", "booth.protocol.**", "booth.hal.**",
                    "booth.cluster")),
            // the chaos soak drives daemons through the control protocol and reads their lines through
            // the protocol's decoders, but judges with its own model: never the daemon's classification;
            // what the LCD held it reads from the daemon's bus recording through hal's virtual chips
            new Part("booth.chaos", "demo-scripts", List.of("booth.model.**", "booth.protocol.**", "booth.cluster",
                    "booth.hal.**", "booth.chaos.kafka", "booth.screen")),
            // the chaos soak's Kafka: the run's topics, the poison a hostile producer writes (real
            // lines edited past what any encoder of ours makes) and the judge of the screen's state
            new Part("booth.chaos.kafka", "demo-scripts", List.of("booth.model.**", "booth.protocol.**")),
            // the list of every command of the booth (the tests and the man pages read it): it names them all
            new Part("booth.tools", "demo-scripts", List.of("booth.protocol.command", "booth.daemon", "booth.daemon.control",
                    "booth.screen", "booth.cluster", "booth.chaos", "booth.bench")),
            // the cross-module tests' own packages: the harness (cluster, brokers, browser, headless
            // boxes), the whole-repository checks, the package, the unit file, the bring-up runbook,
            // the client Pi's platform emulated (its devices' model)
            new Part("booth.testing", TESTS, List.of("booth.**")),
            new Part("booth", TESTS, List.of("booth.**")),
            new Part("booth.packaging", TESTS, List.of("booth.**")),
            new Part("booth.systemd", TESTS, List.of("booth.**")),
            new Part("booth.bringup", TESTS, List.of("booth.**")),
            new Part("booth.pi", TESTS, List.of("booth.**")));

    /** Outside library (package prefix) and the packages of ours allowed to import it. */
    static final Map<String, List<String>> LIBRARY_OWNERS = Map.ofEntries(
            Map.entry("com.pi4j", List.of("booth.hal.pi4j")),
            Map.entry("com.datastax.oss.driver", List.of("booth.daemon.cassandra", "booth.cluster")),
            Map.entry("com.codahale.metrics", List.of("booth.daemon.cassandra")), // the driver's metrics
            // the configuration machinery; the daemon's loader also hands its driver block on
            Map.entry("com.typesafe.config", List.of("booth.protocol.config", "booth.daemon.config")),
            Map.entry("org.apache.kafka", List.of("booth.protocol.kafka", "booth.daemon.kafka", "booth.chaos.kafka")),
            Map.entry("com.googlecode.lanterna", List.of("booth.display.terminal")),
            // the C library's datagram socket for sd_notify
            Map.entry("com.sun.jna", List.of("booth.daemon.systemd")),
            // the one JSON mapper of the wire format; the chaos soak's poison edits real lines with it
            Map.entry("com.fasterxml.jackson", List.of("booth.protocol.**", "booth.chaos.kafka")),
            // the JDK's HTTP server: the booth screen's page and event stream
            Map.entry("com.sun.net.httpserver", List.of("booth.screen")),
            // every command's line: picocli's annotations sit on each command
            Map.entry("picocli", List.of("booth.protocol.command", "booth.daemon", "booth.daemon.control",
                    "booth.hal.tools", "booth.screen", "booth.cluster", "booth.chaos", "booth.bench")),
            // the launcher asks a node's JMX for its gossip view
            Map.entry("javax.management", List.of("booth.cluster")),
            Map.entry("org.slf4j", List.of("booth.**")));

    /** What any test may use besides its package's parts. */
    static final List<String> TEST_LIBRARIES = List.of("org.junit", "org.mockito",
            "ch.qos.logback", // tests read what was logged
            "com.fasterxml.jackson"); // golden tests read the wire as any client would, not through the decoder they check

    /**
     * What the cross-module tests may use besides every room: the real thing looked at from
     * outside (a test's own driver session, consumer or JSON reading), owned by the tests room.
     */
    static final List<String> TESTS_LIBRARIES = List.of("com.datastax.oss.driver", "org.apache.kafka",
            "picocli"); // each command's model, which the command line and man page tests walk

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A qualified name in code: lower-case segments, then a type. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])[a-z]\\w*(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*(?:\\.\\w+)*");
    /** The JDK, which every package may use (its HTTP server excepted: see the owners). */
    private static final List<String> JDK = List.of("java.", "jdk.");

    @Test
    void everySourceFileKeepsToItsPart() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String room : rooms()) {
            for (String tree : List.of("main", "test")) {
                Path root = Path.of(room, "src", tree, "java");
                if (!Files.isDirectory(root)) {
                    continue;
                }
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                        files++;
                        violations.addAll(check(room, tree.equals("test"), file.toString(), Files.readString(file)));
                    }
                }
            }
        }
        assertTrue(files > 200, "sources not found: run from the repository root");
        assertEquals(List.of(), violations);
    }

    /** The rooms, as the root pom lists them: the one list. */
    static List<String> rooms() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("pom.xml")));
        List<String> rooms = new ArrayList<>();
        while (m.find()) {
            rooms.add(m.group(1));
        }
        return rooms;
    }

    @Test
    void everyRoomHasAPartAndEveryPartARoom() throws IOException {
        Set<String> partRooms = new LinkedHashSet<>();
        PARTS.forEach(p -> partRooms.add(p.room()));
        assertEquals(new LinkedHashSet<>(rooms()), partRooms);
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
                check("daemon", false, "X.java", launcherInDaemon));

        String driverInDisplay = """
                package booth.display;
                import booth.hal.PlateFrame;                 // hal's API: allowed
                import booth.hal.plate.PlateDriver;          // a driver: not allowed
                class Y { booth.hal.virtual.VirtualPlate v; }
                """;
        assertEquals(List.of("Y.java: booth.display must not use booth.hal.plate.PlateDriver",
                        "Y.java: booth.display must not use booth.hal.virtual.VirtualPlate"),
                check("display", false, "Y.java", driverInDisplay));

        assertEquals(List.of("Z.java: booth.hal.lcd must not use booth.display.Frames",
                        "Z.java: com.pi4j.context.Context may only be used in [booth.hal.pi4j], not in booth.hal.lcd",
                        "Z.java: io.netty.Unlisted is an outside library no package of ours is allowed"),
                check("hal", false, "Z.java", """
                        package booth.hal.lcd;
                        import booth.display.Frames;
                        import com.pi4j.context.Context;
                        class Z { io.netty.Unlisted u; }
                        """));
        assertEquals(List.of("W.java: package booth.display must be in display, not hal"),
                check("hal", false, "W.java", "package booth.display;\nclass W {}"));
        assertEquals(List.of("V.java: package booth.elsewhere is in no part of LayeringTest.PARTS"),
                check("daemon", false, "V.java", "package booth.elsewhere;\nclass V {}"));
        assertEquals(List.of(), check("hal", false, "U.java", "package booth.hal.pi4j;\nimport com.pi4j.context.Context;\nclass U {}"));
        assertEquals(List.of("T.java: com.sun.net.httpserver.HttpServer may only be used in [booth.screen], not in booth.daemon"),
                check("daemon", false, "T.java", "package booth.daemon;\nimport com.sun.net.httpserver.HttpServer;\nclass T {}"));
    }

    /** The two plants: a wildcard import and the screen reaching into the daemon. */
    @Test
    void theCheckCatchesAWildcardImportAndTheScreenUsingTheDaemon() {
        assertEquals(List.of("S.java: booth.screen must not use booth.daemon.config.*"),
                check("screen", false, "S.java", "package booth.screen;\nimport booth.daemon.config.*;\nclass S {}"));
        assertEquals(List.of("S.java: booth.screen must not use booth.daemon.kafka.KafkaEvents"),
                check("screen", false, "S.java", "package booth.screen;\nimport booth.daemon.kafka.KafkaEvents;\nclass S {}"));
        assertEquals(List.of("S.java: booth.screen must not use booth.daemon.ClientBox.start"),
                check("screen", false, "S.java", "package booth.screen;\nimport static booth.daemon.ClientBox.start;\nclass S {}"));
        assertEquals(List.of("S.java: com.fasterxml.jackson.databind.* may only be used in [booth.protocol.**, booth.chaos.kafka], not in booth.screen"),
                check("screen", false, "S.java", "package booth.screen;\nimport com.fasterxml.jackson.databind.*;\nclass S {}"));
    }

    /** Libraries outside the old check's reach, and the test tree. */
    @Test
    void everyLibraryRootAndTheTestTreeAreChecked() {
        assertEquals(List.of("L.java: ch.qos.logback.classic.Logger is an outside library no package of ours is allowed"),
                check("daemon", false, "L.java", "package booth.daemon;\nimport ch.qos.logback.classic.Logger;\nclass L {}"));
        assertEquals(List.of("L.java: javax.swing.JFrame is an outside library no package of ours is allowed"),
                check("display", false, "L.java", "package booth.display;\nclass L { javax.swing.JFrame f; }"));
        // a unit test keeps its package's walls; logback and JUnit are test libraries
        assertEquals(List.of("KT.java: booth.display must not use booth.daemon.ClientBox"),
                check("display", true, "KT.java", """
                        package booth.display;
                        import ch.qos.logback.classic.Logger;
                        import org.junit.jupiter.api.Test;
                        import booth.daemon.ClientBox;
                        class KT {}
                        """));
        // a unit test lives in its package's room or in the tests room
        assertEquals(List.of("MT.java: package booth.model must be in model or tests, not hal"),
                check("hal", true, "MT.java", "package booth.model;\nclass MT {}"));
        // the tests room may use every room and look at Kafka from outside, but no library of its own
        assertEquals(List.of("IT.java: net.bytebuddy.Agent is an outside library no package of ours is allowed"),
                check(TESTS, true, "IT.java", """
                        package booth.daemon.kafka;
                        import booth.cluster.LocalKafka;
                        import org.apache.kafka.clients.consumer.KafkaConsumer;
                        class IT { net.bytebuddy.Agent a; }
                        """));
    }

    static List<String> check(String room, boolean test, String file, String source) {
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
        boolean crossModule = test && room.equals(TESTS);
        if (!part.room().equals(room) && !crossModule) {
            out.add(file + ": package " + pkg + " must be in " + part.room() + (test ? " or " + TESTS : "")
                    + ", not " + room);
            return out;
        }
        for (String name : namesUsed(code.substring(pm.end()))) {
            String used = packageOf(name);
            if (JDK.stream().anyMatch(name::startsWith) || used.isEmpty()) {
                continue;
            }
            if (name.startsWith("booth.")) {
                if (!crossModule && !covers(part.packages(), used)
                        && part.mayUse().stream().noneMatch(p -> covers(p, used))) {
                    out.add(file + ": " + pkg + " must not use " + name);
                }
                continue;
            }
            if (test && TEST_LIBRARIES.stream().anyMatch(l -> name.startsWith(l + "."))
                    || crossModule && TESTS_LIBRARIES.stream().anyMatch(l -> name.startsWith(l + "."))) {
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

    /**
     * Every qualified name the code uses: imports as written (a wildcard import as {@code a.b.*},
     * its package counting as used), then qualified names in the code itself.
     */
    static List<String> namesUsed(String code) {
        List<String> names = new ArrayList<>();
        Matcher im = IMPORT.matcher(code);
        int body = 0;
        while (im.find()) {
            String name = im.group(2);
            if (im.group(3) != null) {
                // import a.b.*: the package a.b; import static a.b.C.*: the class a.b.C
                names.add(Character.isUpperCase(lastSegment(name).charAt(0)) ? name : name + ".*");
            } else {
                names.add(name);
            }
            body = im.end();
        }
        Matcher m = QUALIFIED.matcher(code.substring(body));
        while (m.find()) {
            String name = m.group();
            if (!name.startsWith("this.") && !name.startsWith("super.")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
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

    /**
     * The package part of a qualified name: the segments before the first capitalised one (for
     * {@code a.b.*}, {@code a.b}); empty when the name has no lower-case package in front (a
     * variable's field, {@code booth.entrySet()}).
     */
    static String packageOf(String name) {
        if (name.endsWith(".*")) {
            return name.substring(0, name.length() - 2);
        }
        String[] segments = name.split("\\.");
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            if (!s.isEmpty() && Character.isUpperCase(s.charAt(0))) {
                return b.toString();
            }
            b.append(b.length() == 0 ? "" : ".").append(s);
        }
        return "";
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
