package booth.packaging;

import static booth.testing.Commands.present;
import static booth.testing.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.testing.Commands.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client Pi's Debian package as Debian's tools see it, after {@code package} built it:
 * lintian finds nothing (an override must say why), and packaging/test-deb installs the
 * previous build, upgrades to this one, removes and purges it in a throw-away root; the
 * postinst's configuration check is silent on the shipped file and warns of a broken one. .ci/run
 * installs lintian and mmdebstrap.
 */
class DebianPackageIT {
    @TempDir
    Path dir;

    static Path thePackage() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(p -> p.getFileName().toString().matches("booth-daemon_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one package in target/: " + debs);
            return debs.get(0);
        }
    }

    /** This tree's package built again at {@code version} into {@code dir} (an earlier or a later release). */
    static Path packageAt(String version, Path dir) throws IOException, InterruptedException {
        Ran built = run(Duration.ofSeconds(120), "packaging/build-deb", "target/booth.jar", version, dir.toString());
        assertEquals(0, built.exit(), built.output());
        return dir.resolve("booth-daemon_" + version + "_all.deb");
    }

    static String version(Path deb) {
        String name = deb.getFileName().toString();
        return name.substring("booth-daemon_".length(), name.length() - "_all.deb".length());
    }

    @Test
    void lintianFindsNothing() throws Exception {
        present("lintian", "lintian");
        Path deb = thePackage();
        Ran r = run(Duration.ofSeconds(300), "lintian", "--pedantic", "--info", "--fail-on", "error,warning,info,pedantic",
                deb.toString());
        List<String> tags = r.output().lines().filter(l -> l.matches("^[EWIPX]: .*")).toList();
        assertEquals(List.of(), tags, "lintian's tags on " + deb + " (override one only with a reason)");
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void installsUpgradesFromThePreviousBuildAndPurgesCleanly() throws Exception {
        present("mmdebstrap", "mmdebstrap");
        Path deb = thePackage();
        // The previous build: this tree's package at a lower version, as the last release would be.
        String previous = version(deb) + "~prev";
        Path old = packageAt(previous, dir);

        Ran r = run(Duration.ofSeconds(600), "packaging/test-deb", old.toString(), deb.toString());
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        List<String> failed = r.output().lines().filter(l -> l.startsWith("not ok")).toList();
        assertEquals(List.of(), failed);
        for (String step : List.of("ok - " + previous + ": files and modes", "ok - " + version(deb) + ": files and modes",
                "ok - upgrade: the edited /etc/booth/booth.conf kept", "ok - reinstalled: quiet, same result",
                "ok - postinst: the shipped configuration passes --check-config quietly; a broken one is warned of loudly, and installs",
                "ok - remove: disabled, program and archive gone, configuration kept", "ok - purge: no file left behind")) {
            assertTrue(r.output().lines().anyMatch(step::equals), "missing step '" + step + "' in:\n" + r.output());
        }
    }

    /**
     * The class list the package's archive is made from names our classes as they are: one
     * renamed or removed since the training run is missing from the archive (start-up pays for
     * it), and this says to train again.
     */
    @Test
    void theClassListNamesOurClassesAsTheJarHasThem() throws IOException {
        Set<String> inJar = new TreeSet<>();
        try (JarFile jar = new JarFile("target/booth.jar")) {
            jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .forEach(n -> inJar.add(n.substring(0, n.length() - ".class".length())));
        }
        List<String> ours = Files.readAllLines(Path.of("daemon/conf/booth.classlist")).stream()
                .filter(l -> l.startsWith("booth/")).map(l -> l.split(" ")[0]).toList();
        assertTrue(ours.size() > 50, "the class list names our classes: " + ours.size());
        List<String> missing = new ArrayList<>(ours.stream().filter(c -> !inJar.contains(c)).toList());
        assertEquals(List.of(), missing, "classes in daemon/conf/booth.classlist that booth.jar no longer has: run "
                + "demo-scripts/daemon-benchmark --minutes 1 --class-list daemon/conf/booth.classlist");
    }
}
