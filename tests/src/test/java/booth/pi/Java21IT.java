package booth.pi;

import static booth.testing.Commands.present;
import static booth.testing.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.Observed;
import booth.testing.CassandraClusterExtension;
import booth.testing.Commands.Ran;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booth on Java 21, the JDK of today's Raspberry Pi OS (Debian 13 has no Java 17): in a
 * throw-away Debian 13 amd64 root with its openjdk-21 and Maven (packaging/pi-root --jdk; this
 * machine's own processor, nothing emulated), this tree's unit tests pass (Maven offline, on this
 * machine's Maven repository), and the daemon built there runs headless against the CI cluster
 * (which stays on Java 17: Cassandra 5.0 runs on 11 and 17), writes, and stops on SIGTERM.
 */
@ExtendWith(CassandraClusterExtension.class) // the daemon's cluster, started and reset by the extension
class Java21IT {
    @TempDir
    Path dir;

    @Test
    void theUnitTestsAndTheHeadlessDaemonOnJava21() throws Exception {
        present("mmdebstrap", "mmdebstrap");
        Path root = Files.createDirectory(dir.resolve("root"));
        try {
            Ran unpacked = run(Duration.ofMinutes(15), "packaging/pi-root", "unpack", "--jdk", "trixie", "amd64", root.toString());
            assertEquals(0, unpacked.exit(), unpacked.output());
            unitTests(root);
            headlessDaemon(root);
        } finally {
            // the root's symbolic links point out of the temporary directory, which JUnit warns of, each
            run(Duration.ofMinutes(2), "rm", "-rf", root.toString());
        }
    }

    /** This tree, as git has it (committed or not, ignored files left out: no target/), built and unit-tested. */
    private static void unitTests(Path root) throws Exception {
        Ran copied = run(Duration.ofMinutes(2), "bash", "-c", "mkdir \"$1/src\" && git ls-files -z --cached --others "
                + "--exclude-standard | tar --null -T - -cf - | tar -C \"$1/src\" -xf -", "-", root.toString());
        assertEquals(0, copied.exit(), copied.output());
        String repository = System.getProperty("booth.maven-repository", System.getProperty("user.home") + "/.m2/repository");
        Ran tested = run(Duration.ofMinutes(20), "packaging/pi-root", "run", "--bind", repository + ":/root/.m2/repository",
                "amd64", root.toString(), "--", "bash", "-c", "cd /src && java -version 2>&1 | head -1 && mvn -o -B verify -DskipITs");
        List<String> lines = tested.output().lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        System.out.println(lines.get(0) + "\n...\n" + tail);
        assertEquals(0, tested.exit(), "the unit tests on Java 21, the build's end:\n" + tail);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("openjdk version \"21")), "Java 21 ran them: " + lines.get(0));
    }

    /** The daemon built in the root, headless against the CI cluster: it writes, and SIGTERM stops it. */
    private void headlessDaemon(Path root) throws Exception {
        Files.writeString(root.resolve("run/booth.conf"),
                TestBoxes.configuration("java21", "LOCAL_QUORUM", "headless", "/run/booth.sock", ""));
        Path log = dir.resolve("daemon.log");
        Process daemon = new ProcessBuilder("packaging/pi-root", "run", "--host-network", "amd64", root.toString(), "--",
                "java", "-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/src/target/booth.jar",
                "--config", "/run/booth.conf", "--outcomes", "/run/outcomes.jsonl")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Set<ProcessHandle> all = new HashSet<>(); // polled each 100 ms: each process once
        try {
            Path outcomes = root.resolve("run/outcomes.jsonl");
            Polling.until("five writes of the daemon on Java 21 (its log: " + log + ")", Duration.ofMinutes(2),
                    () -> {
                        all.addAll(daemon.descendants().toList());
                        return written(outcomes) >= 5;
                    });
            daemon.destroy();
            assertTrue(daemon.waitFor(1, TimeUnit.MINUTES), "stopped within a minute of SIGTERM");
            assertEquals(143, daemon.exitValue(), "the status after SIGTERM (the unit's SuccessExitStatus):\n"
                    + Files.readString(log));
        } finally {
            all.forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
    }

    private static long written(Path outcomes) {
        try {
            return !Files.exists(outcomes) ? 0 : Files.readAllLines(outcomes).stream().filter(l -> l.endsWith("}"))
                    .map(l -> Observed.parse("java21", l)).filter(o -> o.kind().equals("written")).count();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
