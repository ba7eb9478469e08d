package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exit statuses the launch scripts and systemd rely on. */
class EntryPointsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void daemonHelpVersionAndBadArguments() {
        assertEquals(BoothDaemon.OK, BoothDaemon.run(new String[] {"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: booth-daemon [-hV] [--config=FILE]"));
        assertEquals(BoothDaemon.OK, BoothDaemon.run(new String[] {"--version"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("booth-daemon development"));
        assertEquals(BoothDaemon.USAGE, BoothDaemon.run(new String[] {"--frobnicate"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("booth-daemon: Unknown option: '--frobnicate'"));
    }

    @Test
    void aMissingConfigurationFileExitsWith78NamingIt() {
        assertEquals(BoothDaemon.CONFIG, BoothDaemon.run(new String[] {"--config", "/nonexistent/booth.conf"}, o, e));
        assertEquals("booth-daemon: configuration: /nonexistent/booth.conf: no such file\n", err.toString(StandardCharsets.UTF_8));
    }


}
