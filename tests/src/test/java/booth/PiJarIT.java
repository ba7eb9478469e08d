package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

    /**
     * Native libraries a client Pi can load: Linux on 32-bit ARM (armhf), 64-bit ARM and x86-64
     * (a laptop). Each entry is a folder naming one of them, as a library lays its natives out.
     */
    static final List<Pattern> PI_PLATFORMS = List.of(
            Pattern.compile("(^|/)lib/(armhf|aarch64)/"),                  // Pi4J
            Pattern.compile("(^|/)linux-(arm|armel|aarch64|x86-64)/"),     // JNA
            Pattern.compile("(^|/)linux/(arm|aarch64|amd64)/"),            // zstd-jni, lz4-java
            Pattern.compile("(^|/)Linux/(arm|armv6|armv7|aarch64|x86_64)/")); // snappy-java
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib|a|sl)$");

    /** The native libraries among a jar's entries. */
    static List<String> natives(List<String> entries) {
        return entries.stream().filter(e -> NATIVE.matcher(e).matches()).sorted().toList();
    }

    /** Those of {@code natives} for no platform a client Pi runs on. */
    static List<String> foreign(List<String> natives) {
        return natives.stream().filter(n -> PI_PLATFORMS.stream().noneMatch(p -> p.matcher(n).find())).toList();
    }

    @Test
    void thePiJarCarriesNativeLibrariesForThePiOnly() throws IOException {
        List<String> entries;
        try (JarFile f = new JarFile(PI_JAR.toFile())) {
            entries = f.stream().map(JarEntry::getName).toList();
        }
        List<String> natives = natives(entries);
        System.out.println("native libraries in booth.jar:\n  " + String.join("\n  ", natives));
        assertEquals(List.of(), foreign(natives), "native libraries for a platform no client Pi runs on");
        assertTrue(natives.contains("lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so")
                && natives.contains("lib/armhf/pi4j-linuxfs/libpi4j-linuxfs.so"), "Pi4J's natives are the Pi's: " + natives);
        // the check itself, on what the jar held before it was slimmed
        assertEquals(List.of("com/sun/jna/win32-x86-64/jnidispatch.dll", "darwin/libzstd-jni.dylib",
                        "org/xerial/snappy/native/Mac/aarch64/libsnappyjava.dylib"),
                foreign(natives(List.of("com/sun/jna/win32-x86-64/jnidispatch.dll", "com/sun/jna/linux-aarch64/libjnidispatch.so",
                        "darwin/libzstd-jni.dylib", "linux/arm/libzstd-jni-1.5.6-10.so",
                        "org/xerial/snappy/native/Mac/aarch64/libsnappyjava.dylib", "lib/armhf/pi4j-gpiod/libgpiod.so"))));
    }

    /**
     * Every Kafka client the booth makes constructs from the Pi jar alone (it lacks the codecs
     * and Kafka's telemetry classes), in a class loader that sees nothing else; no broker needed.
     */
    @Test
    void everyBoothKafkaClientConstructsFromThePiJarAlone() throws Exception {
        Thread self = Thread.currentThread();
        ClassLoader before = self.getContextClassLoader();
        try (URLClassLoader pi = new URLClassLoader(new URL[] {PI_JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            self.setContextClassLoader(pi); // Kafka loads its configured classes through the context class loader
            Class<?> clients = pi.loadClass("booth.protocol.kafka.KafkaClients");
            Object acksAll = pi.loadClass("booth.model.Acks").getField("ALL").get(null);
            String brokers = "127.0.0.1:1";
            Properties producer = (Properties) clients.getMethod("eventProducer", String.class, String.class)
                    .invoke(null, "pijar", brokers);
            Properties demo = (Properties) clients.getMethod("demoProducer", String.class, String.class, acksAll.getClass())
                    .invoke(null, "pijar", brokers, acksAll);
            Properties admin = (Properties) clients.getMethod("demoAdmin", String.class, String.class).invoke(null, "pijar", brokers);
            Properties consumer = (Properties) clients.getMethod("circle", String.class, String.class).invoke(null, brokers, "pijar");
            for (var made : List.of(Map.entry("org.apache.kafka.clients.producer.KafkaProducer", producer),
                    Map.entry("org.apache.kafka.clients.producer.KafkaProducer", demo),
                    Map.entry("org.apache.kafka.clients.consumer.KafkaConsumer", consumer))) {
                try (AutoCloseable c = (AutoCloseable) pi.loadClass(made.getKey()).getConstructor(Properties.class)
                        .newInstance(made.getValue())) {
                    assertEquals(pi, c.getClass().getClassLoader());
                }
            }
            try (AutoCloseable a = (AutoCloseable) pi.loadClass("org.apache.kafka.clients.admin.Admin")
                    .getMethod("create", Properties.class).invoke(null, admin)) {
                assertEquals(pi, a.getClass().getClassLoader());
            }
        } finally {
            self.setContextClassLoader(before);
        }
    }

    /**
     * The daemon logs to the journal through logback, found by slf4j in the Pi jar alone (a
     * logback-core left out of the jar once left every program on it silent).
     */
    @Test
    void thePiJarLogsThroughLogback() throws Exception {
        try (URLClassLoader pi = new URLClassLoader(new URL[] {PI_JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Object factory = pi.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
            assertEquals("ch.qos.logback.classic.LoggerContext", factory.getClass().getName());
            assertEquals(pi, factory.getClass().getClassLoader());
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
