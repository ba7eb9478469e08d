package booth.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** booth-screen's command line and its exit statuses, without Kafka. */
class BoothScreenCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = BoothScreenCommand.PROGRAM.run(args, new PrintStream(o, true), new PrintStream(e, true));
        return new Run(status, o.toString(), e.toString());
    }

    @Test
    void helpAndUsage() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: booth-screen [-hV] [--config=FILE]"), help.out());
        Run bad = run("--colour");
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("booth-screen: Unknown option: '--colour'"), bad.err());
        assertEquals(2, run("--config").status());
    }

    @Test
    void aBadConfigurationIs78NamingTheKey() throws Exception {
        Path conf = dir.resolve("screen.conf");
        Files.writeString(conf, "screen { histroy = 1m }");
        Run r = run("--config", conf.toString());
        assertEquals(78, r.status());
        assertEquals("booth-screen: configuration: screen.histroy: unknown key (did you mean screen.history?)\n", r.err());
        assertEquals(78, run("--config", dir.resolve("missing.conf").toString()).status());
    }

    @Test
    void anAddressInUseIs69() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path conf = dir.resolve("screen.conf");
            Files.writeString(conf, "screen.listen = \"127.0.0.1:" + taken.getLocalPort() + "\"");
            Run r = run("--config", conf.toString());
            assertEquals(69, r.status());
            assertTrue(r.err().contains("cannot serve at 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }
}
