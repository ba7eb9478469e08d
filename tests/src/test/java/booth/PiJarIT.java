package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar that goes to a client Pi is exactly the daemon room's closure: the classes of the
 * rooms the daemon depends on (as their poms say), no more, no fewer; the tools jar holds every
 * room. Runs after {@code package}: it reads the built jars and the rooms' compiled classes.
 */
class PiJarIT {
    static final Path PI_JAR = Path.of("target/booth.jar");
    static final Path TOOLS_JAR = Path.of("target/booth-tools.jar");
    private static final Pattern BOOTH_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>booth</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    /** Our packages in a jar: those of its classes under booth/. */
    static Set<String> ourPackages(Path jar) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (JarEntry e : f.stream().toList()) {
                String name = e.getName();
                if (name.startsWith("booth/") && name.endsWith(".class")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
        }
        return packages;
    }

    /** The packages a room compiles (its main classes). */
    static Set<String> packagesOf(String room) throws IOException {
        Path classes = Path.of(room, "target", "classes");
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> paths = Files.walk(classes)) {
            paths.filter(p -> p.toString().endsWith(".class"))
                    .forEach(p -> packages.add(classes.relativize(p.getParent()).toString().replace('/', '.')));
        }
        return packages;
    }

    /** {@code room} and every room it needs at run time, following the poms (test scope left out). */
    static Set<String> closure(String room) throws IOException {
        Set<String> rooms = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(room));
        while (!todo.isEmpty()) {
            String r = todo.remove(0);
            if (rooms.add(r)) {
                Matcher m = BOOTH_DEPENDENCY.matcher(Files.readString(Path.of(r, "pom.xml")));
                while (m.find()) {
                    if (!m.group(2).contains("<scope>test</scope>")) {
                        todo.add(m.group(1));
                    }
                }
            }
        }
        return rooms;
    }

    @Test
    void thePiJarIsExactlyTheDaemonsClosure() throws IOException {
        Set<String> rooms = closure("daemon");
        assertEquals(Set.of("daemon", "model", "protocol", "hal", "display"), rooms,
                "the daemon's rooms changed: say in docs/package.md why the Pi needs the new one");
        Set<String> expected = new TreeSet<>();
        for (String room : rooms) {
            expected.addAll(packagesOf(room));
        }
        Set<String> packages = ourPackages(PI_JAR);
        System.out.println("booth.jar: " + Files.size(PI_JAR) + " bytes; rooms " + rooms + "; our packages: " + packages);
        assertEquals(expected, packages);
        for (String entry : List.of("booth.daemon.BoothDaemon", "booth.daemon.control.Democtl", "booth.hal.tools.PlateCheck")) {
            assertTrue(packages.contains(entry.substring(0, entry.lastIndexOf('.'))), entry + " is not in the Pi jar");
        }
    }

    @Test
    void theToolsJarHoldsEveryRoom() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (String room : LayeringTest.rooms()) {
            if (!room.equals(LayeringTest.TESTS)) {
                expected.addAll(packagesOf(room));
            }
        }
        assertEquals(expected, ourPackages(TOOLS_JAR));
        System.out.println("booth-tools.jar: " + Files.size(TOOLS_JAR) + " bytes, booth.jar: " + Files.size(PI_JAR) + " bytes");
    }
}
