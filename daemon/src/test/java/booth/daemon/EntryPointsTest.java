package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import booth.daemon.control.ControlServer;
import booth.daemon.control.DaemonControl;
import booth.daemon.ui.CassandraState;
import booth.daemon.ui.UiState;
import booth.model.Level;
import booth.protocol.command.ExitCode;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit statuses the launch scripts and systemd rely on. */
class EntryPointsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return BoothDaemon.PROGRAM.run(args, o, e);
    }

    @Test
    void daemonHelpVersionAndBadArguments() {
        assertEquals(ExitCode.OK.code(), run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: booth-daemon [-hV] [--check-config] [--config=FILE]"));
        assertEquals(ExitCode.OK.code(), run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("booth-daemon development"));
        assertEquals(ExitCode.USAGE.code(), run("--frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("booth-daemon: Unknown option: '--frobnicate'"));
    }

    /**
     * Tried as a new user would: a second daemon with the same control socket ran without staff
     * control beside the first. It must refuse, naming the other, before it touches the plate.
     */
    @Test
    void aSocketHeldByAnotherLiveDaemonIsRefusedWith73NamingIt(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("control.sock");
        DaemonControl other = mock(DaemonControl.class);
        when(other.state()).thenReturn(UiState.initial(booth.model.Demo.CASSANDRA,
                new CassandraState.Levels(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true), booth.model.Acks.ALL, 0));
        when(other.clientName()).thenReturn("rpiclient7");
        when(other.localDc()).thenReturn("DC1");
        when(other.uptime()).thenReturn(Duration.ofSeconds(35));
        when(other.connecting()).thenReturn(Duration.ZERO);
        when(other.eventCounts()).thenReturn(Optional.empty());
        when(other.lastOutcomeJson()).thenReturn(Optional.empty());
        when(other.lanes()).thenReturn(booth.protocol.control.DaemonStatus.Lanes.NONE);
        Path config = dir.resolve("booth.conf");
        Files.writeString(config, """
                booth {
                  client-name = laptop1
                  local-dc = DC1
                  contact-points = ["127.0.1.1:9042"]
                  replication { DC1 = 3, DC2 = 2 }
                  mode = headless
                  control-socket = "%s"
                }
                """.formatted(socket));
        try (ControlServer first = new ControlServer(socket, "", other)) {
            first.start();
            // a generous bound: a daemon that runs beside the first instead of refusing never returns
            int status = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> run("--config", config.toString()));
            assertEquals(ExitCode.CANTCREAT.code(), status);
        }
        assertEquals("booth-daemon: rpiclient7 (pid " + ProcessHandle.current().pid() + ", up 35 s) already answers on "
                + socket + ": stop it first (one daemon per box; democtl --socket " + socket + " status shows it)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing started: no outcome, no screen");
    }

    /** A socket file nobody answers on is what a killed daemon leaves: no obstacle. */
    @Test
    void aLeftOverSocketFileIsNoObstacle(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("control.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        ControlServer.checkFree(socket); // does not throw
    }

    @Test
    void aMissingConfigurationFileExitsWith78NamingIt() {
        assertEquals(ExitCode.CONFIG.code(), run("--config", "/nonexistent/booth.conf"));
        assertEquals("booth-daemon: configuration: /nonexistent/booth.conf: no such file\n", err.toString(StandardCharsets.UTF_8));
    }

    private static Path config(Path dir, String extra) throws java.io.IOException {
        Path file = dir.resolve("booth.conf");
        Files.writeString(file, """
                booth {
                  client-name = rpiclient1
                  local-dc = DC1
                  contact-points = ["cassandra-1.invalid:9042", "10.0.1.21:9042"]
                  replication { DC1 = 3, DC2 = 3 }
                  mode = hardware
                  control-socket = "%s"
                %s}
                """.formatted(dir.resolve("control.sock"), extra));
        return file;
    }

    /**
     * --check-config touches nothing: in hardware mode on a machine without the plate the daemon
     * would exit 1 opening it, and the contact point's name does not resolve (names are looked up
     * when used, not at load).
     */
    @Test
    void checkConfigSaysOkWithoutOpeningAnything(@TempDir Path dir) throws Exception {
        Path file = config(dir, "");
        assertEquals(ExitCode.OK.code(), run("--check-config", "--config", file.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals("configuration OK: " + file + " (client rpiclient1, local DC DC1, contact points [cassandra-1.invalid:9042, "
                + "10.0.1.21:9042], mode hardware, Kafka events off, Kafka demo brokers "
                + "127.0.3.1:9092,127.0.3.2:9092,127.0.3.3:9092)\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("control.sock")), "no control socket made");
    }

    /** Issue 24: a bad broker list was "cannot open the plate", exit 1, restarted every 2 s for ever. */
    @Test
    void aBadBrokerListExits78NamingTheKeyTheEntryAndTheLine(@TempDir Path dir) throws Exception {
        Path file = config(dir, "  kafka { enabled = true, bootstrap-servers = \"rpikafka1,rpikafka2:9092\" }\n");
        String expected = "booth-daemon: configuration: booth.kafka.bootstrap-servers: 'rpikafka1' is not host:port (no port); "
                + "expected host:port, the host a name or an IPv4 address, the port a number from 1 to 65535, for example "
                + "127.0.3.1:9092 (" + file + " line 8)\n";
        assertEquals(ExitCode.CONFIG.code(), run("--check-config", "--config", file.toString()));
        assertEquals(expected, err.toString(StandardCharsets.UTF_8));
        err.reset();
        // the daemon itself refuses it the same way, at load, before the plate (a generous bound: it must not run)
        assertEquals(ExitCode.CONFIG.code(), (int) assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> run("--config", file.toString())));
        assertEquals(expected, err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    /** What failed inside a library is named, not only the library's outer words. */
    @Test
    void aFailureIsSaidWithItsCauses() {
        assertEquals("Failed to construct kafka producer: No resolvable bootstrap urls given in bootstrap.servers",
                BoothDaemon.because(new IllegalStateException("Failed to construct kafka producer",
                        new IllegalArgumentException("No resolvable bootstrap urls given in bootstrap.servers"))));
    }
}
