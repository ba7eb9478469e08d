package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import booth.testing.Polling;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * democtl against a daemon that has stopped answering: a real daemon process (the Pi jar,
 * headless, no cluster: it keeps connecting, which is enough to answer) stopped with SIGSTOP, as
 * a wedged daemon looks from outside (its socket still accepts connections into the kernel's
 * backlog, and nothing answers). democtl used to hang for ever; it must exit 69 within 10 s, and
 * work again once the daemon goes on.
 */
class WedgedDaemonIT {
    private record Run(int exit, String err, long ms) {
    }

    private static Run democtl(Path socket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long began = System.nanoTime();
        int exit = Democtl.run(new String[] {"--socket", socket.toString(), "status"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream());
        return new Run(exit, err.toString(StandardCharsets.UTF_8), (System.nanoTime() - began) / 1_000_000);
    }

    @Test
    void democtlExits69WithinTenSecondsAgainstAStoppedDaemon() throws Exception {
        Path jar = Path.of("target/booth.jar").toAbsolutePath();
        assumeTrue(Files.isReadable(jar), "the jar is built before the integration tests");
        Path dir = Files.createTempDirectory("wedged");
        Path socket = dir.resolve("control.sock");
        Path config = dir.resolve("booth.conf");
        Files.writeString(config, """
                booth {
                  client-name = wedged
                  local-dc = DC1
                  contact-points = ["127.0.9.9:9042"]
                  replication { DC1 = 1 }
                  mode = headless
                  control-socket = "%s"
                }
                """.formatted(socket));
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-cp", jar.toString(), "booth.daemon.BoothDaemon", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            Polling.until("the daemon answers", Duration.ofSeconds(60), () -> Files.exists(socket) && democtl(socket).exit() == 0);
            new ProcessBuilder("kill", "-STOP", Long.toString(daemon.pid())).inheritIO().start().waitFor();
            Run wedged = democtl(socket);
            assertEquals(69, wedged.exit(), wedged.err());
            assertTrue(wedged.ms() < 10_000, wedged.ms() + " ms");
            assertTrue(wedged.err().contains("did not answer status within 5 s: it may be stuck"), wedged.err());
            System.out.println("democtl against a stopped daemon: exit " + wedged.exit() + " after " + wedged.ms() + " ms");
            new ProcessBuilder("kill", "-CONT", Long.toString(daemon.pid())).inheritIO().start().waitFor();
            Polling.until("the daemon answers again", Duration.ofSeconds(20), () -> democtl(socket).exit() == 0);
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(daemon.pid())).inheritIO().start().waitFor();
            daemon.destroy();
            if (!daemon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
