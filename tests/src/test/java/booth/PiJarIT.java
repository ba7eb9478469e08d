package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar that goes to a client Pi holds the product and nothing of the rehearsal and bring-up
 * tools; the tools jar holds both. Runs after {@code package}: it reads the built jars.
 */
class PiJarIT {
    static final Set<String> PRODUCT = Set.of("booth.model", "booth.hal", "booth.display", "booth.daemon", "booth.screen");
    static final Set<String> TOOLS = Set.of("booth.cluster", "booth.bench", "booth.chaos");

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

    static boolean within(String pkg, Set<String> roots) {
        return roots.stream().anyMatch(r -> pkg.equals(r) || pkg.startsWith(r + "."));
    }

    @Test
    void thePiJarHoldsTheProductAndNoTool() throws IOException {
        Path pi = Path.of("target/booth.jar");
        Set<String> packages = ourPackages(pi);
        System.out.println("booth.jar: " + Files.size(pi) + " bytes; our packages: " + packages);
        List<String> tools = packages.stream().filter(p -> within(p, TOOLS)).toList();
        assertEquals(List.of(), tools, "rehearsal or bring-up tools in the client Pi's jar");
        List<String> unknown = packages.stream().filter(p -> !within(p, PRODUCT)).toList();
        assertEquals(List.of(), unknown, "packages of ours that are neither product nor tool");
        for (String needed : List.of("booth.model", "booth.hal", "booth.hal.pi4j", "booth.display",
                "booth.display.terminal", "booth.daemon", "booth.daemon.control", "booth.daemon.cassandra",
                "booth.daemon.kafka", "booth.daemon.wire", "booth.daemon.config", "booth.daemon.ui", "booth.screen")) {
            assertTrue(packages.contains(needed), needed + " missing from the Pi jar: " + packages);
        }
    }

    @Test
    void theToolsJarHoldsTheToolsAndIsTheLarger() throws IOException {
        Path tools = Path.of("target/booth-tools.jar");
        Set<String> packages = ourPackages(tools);
        assertTrue(packages.containsAll(TOOLS), "tools missing: " + packages);
        assertTrue(packages.containsAll(PRODUCT), "product missing: " + packages);
        long pi = Files.size(Path.of("target/booth.jar"));
        System.out.println("booth-tools.jar: " + Files.size(tools) + " bytes, booth.jar: " + pi + " bytes");
        assertTrue(pi < Files.size(tools), "the Pi jar is smaller than the tools jar");
    }
}
