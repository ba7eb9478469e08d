package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import booth.daemon.ClientBox;
import booth.model.Level;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** democtl against a running daemon (headless, virtual plate) on the real CI cluster. */
@ExtendWith(CassandraClusterExtension.class)
class DemoctlIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CassandraCluster it;
    private Path dir;
    private Path socket;
    private ClientBox box;

    DemoctlIT(CassandraCluster it) {
        this.it = it;
    }

    private ClientBox start(Path socketPath, String group) throws Exception {
        ClientBox b = TestBoxes.start(it, "ctl", "LOCAL_QUORUM",
                "control-socket = \"" + socketPath + "\"\ncontrol-socket-group = \"" + group + "\"");
        Polling.until("the control socket exists", Duration.ofSeconds(10), () -> Files.exists(socketPath));
        return b;
    }

    @BeforeEach
    void daemon() throws Exception {
        // world-traversable, so that only the socket's own mode decides who may connect
        dir = Files.createTempDirectory("democtl");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        socket = dir.resolve("control.sock");
        box = start(socket, "");
        Polling.until("the daemon writes", Duration.ofSeconds(60), () -> box.state().cassandra().writes().stats().succeeded() > 0);
    }

    @AfterEach
    void stop() throws IOException {
        box.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run democtlWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--socket";
        all[1] = socket.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = Democtl.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run democtl(String... args) {
        return democtlWithInput("", args);
    }

    @Test
    void statusHumanAndJson() throws Exception {
        Run human = democtl("status");
        assertEquals(0, human.exit(), human.err());
        assertTrue(human.out().contains("client       ctl (local DC DC1)"), human.out());
        assertTrue(human.out().contains("connection   connected"), human.out());
        assertTrue(human.out().contains("writes       LOCAL_QUORUM"), human.out());
        assertTrue(human.out().matches("(?s).*last write   written, [0-9.]+ ms via DC1 r\\d .*"), human.out());
        assertTrue(human.out().contains("plate        present"), human.out());

        Run json = democtl("status", "--json");
        JsonNode s = JSON.readTree(json.out());
        assertEquals("LOCAL_QUORUM", s.path("write_level").asText());
        assertEquals("connected", s.path("connection").asText());
        assertTrue(s.path("counters").path("written").asLong() > 0);
        assertTrue(s.path("latency_ms").path("p50").isNumber());
        assertEquals("DC1", s.path("last").path("coordinator").path("dc").asText());
        assertEquals(false, s.path("paused").asBoolean());
        assertTrue(s.path("uptime_s").isNumber() && s.path("plate_present").asBoolean());
    }

    @Test
    void levelsShowAndSetCaseInsensitivelyAndUnknownOnesListTheValidOnes() {
        assertEquals(new Run(0, "LOCAL_QUORUM\n", ""), democtl("cl", "write"));
        assertEquals(new Run(0, "write level ALL\n", ""), democtl("cl", "write", "all"));
        Polling.until("the state machine applies it", Duration.ofSeconds(5), () -> box.state().cassandra().levels().write() == Level.ALL);
        Polling.until("a write at ALL is on the screen", Duration.ofSeconds(10),
                () -> box.panel().virtualPlate().orElseThrow().view().top().startsWith("W:ALL"));
        assertEquals(new Run(0, "read level QUORUM\n", ""), democtl("cl", "read", "Quorum"));
        Run bad = democtl("cl", "write", "STRONG");
        assertEquals(2, bad.exit());
        assertEquals("democtl: unknown write level 'STRONG'; valid: ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY\n", bad.err());
        assertEquals(2, democtl("cl", "read", "ANY").exit());
        assertEquals(2, democtl("cl", "sideways").exit());
    }

    @Test
    void pauseResumeResetAndRestartDisplay() {
        democtl("cl", "write", "ONE");
        assertEquals(new Run(0, "paused\n", ""), democtl("pause"));
        Polling.until("paused", Duration.ofSeconds(5), () -> box.state().staff().paused());
        long written = box.state().cassandra().writes().stats().succeeded();
        Polling.until("the screen says PAUSED", Duration.ofSeconds(5),
                () -> box.panel().virtualPlate().orElseThrow().view().bottom().startsWith("PAUSED by staff"));
        assertTrue(box.state().cassandra().writes().stats().succeeded() <= written + 1, "at most the write in flight completes");
        assertEquals(new Run(0, "resumed\n", ""), democtl("resume"));
        Polling.until("writing again", Duration.ofSeconds(10), () -> box.state().cassandra().writes().stats().succeeded() > written + 1);

        assertEquals(new Run(0, "demo reset\n", ""), democtl("reset"));
        Polling.until("default level back", Duration.ofSeconds(5), () -> box.state().cassandra().levels().write() == Level.LOCAL_QUORUM);

        Run refused = democtlWithInput("", "reset", "--truncate");
        assertEquals(2, refused.exit(), "no terminal to confirm on: refused");
        assertEquals(new Run(0, "Delete this box's earlier writes from the cluster? [y/N] not reset\n", ""),
                democtlWithInput("n\n", "reset", "--truncate"));
        // the first run and the one the plain reset started: both written to by now
        Polling.until("two runs in the table", Duration.ofSeconds(10), () -> runs().size() >= 2);
        assertEquals(new Run(0, "demo reset, earlier runs deleted\n", ""), democtl("reset", "--truncate", "--yes"));
        assertTrue(runs().size() <= 1, "only the run the reset started is left (written to, or not yet): " + runs());

        assertEquals(new Run(0, "display restarted\n", ""), democtl("restart-display"));
        Polling.until("the plate re-initialised and drawn", Duration.ofSeconds(10),
                () -> box.panel().plate().present() && box.panel().virtualPlate().orElseThrow().view().top().startsWith("W:"));
    }

    /** The runs the demo table holds, of every box. */
    private List<String> runs() {
        return it.session().execute("SELECT client, run FROM booth_demo.writes GROUP BY client, run").all().stream()
                .map(r -> r.getString("client") + "/" + r.getString("run")).toList();
    }

    @Test
    void topologyAndTail() throws Exception {
        Run json = democtl("topology", "--json");
        JsonNode nodes = JSON.readTree(json.out());
        assertEquals(5, nodes.size());
        assertEquals(List.of("DC1:r1", "DC1:r2", "DC1:r3", "DC2:r1", "DC2:r1"),
                java.util.stream.StreamSupport.stream(nodes.spliterator(), false)
                        .map(n -> n.path("dc").asText() + ":" + n.path("rack").asText()).toList());
        assertTrue(nodes.get(0).path("state").asText().equals("up") && nodes.get(0).path("open_connections").asInt() > 0, nodes.toString());
        Run human = democtl("topology");
        assertTrue(human.out().startsWith("DC    RACK  ADDRESS"), human.out());

        Run tail = democtl("tail", "--json", "--count", "2");
        assertEquals(0, tail.exit(), tail.err());
        List<String> lines = tail.out().lines().toList();
        assertEquals(2, lines.size());
        for (String l : lines) {
            JsonNode o = JSON.readTree(l);
            assertEquals("written", o.path("kind").asText());
            assertEquals(2, o.path("screen").size());
            assertEquals("GREEN", o.path("backlight").asText());
        }
        Run tailHuman = democtl("tail", "--count", "1");
        assertTrue(tailHuman.out().matches("\\d\\d:\\d\\d:\\d\\d LOCAL_QUORUM +written .* green\\n"), tailHuman.out());
    }

    @Test
    void badUsageAndAnAbsentDaemon() {
        assertEquals(2, democtl("explode").exit());
        assertEquals(2, democtl().exit());
        assertEquals(0, democtl("--help").exit());
        assertEquals(0, democtl("status", "--help").exit());
        socket = dir.resolve("nobody-here.sock");
        Run absent = democtl("status");
        assertEquals(69, absent.exit());
        assertTrue(absent.err().contains("no control socket at " + socket + ": is the daemon running?"), absent.err());
    }

    /** democtl as the user nobody, outside and then inside the socket's group. */
    @Test
    void onlyTheSocketsGroupMayControlTheDaemon() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run democtl as another user");
        Path jar = Path.of("target/booth.jar").toAbsolutePath();
        assumeTrue(Files.isReadable(jar), "the jar is built before the integration tests");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        Run outsider = asNobody(jar, socket);
        assertEquals(69, outsider.exit(), outsider.err());
        assertTrue(outsider.err().contains("permission denied on " + socket), outsider.err());

        Path groupSocket = dir.resolve("group.sock");
        ClientBox second = start(groupSocket, "nogroup");
        try {
            Run member = asNobody(jar, groupSocket);
            assertEquals(0, member.exit(), member.err());
            assertTrue(member.out().contains("client       ctl"), member.out());
        } finally {
            second.close();
        }
    }

    private static Run asNobody(Path jar, Path sock) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp", jar.toString(),
                "booth.daemon.control.Democtl", "--socket", sock.toString(), "status").start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    /** Thousands of random, malformed and oversized lines: the daemon keeps serving and writing. */
    @Test
    void malformedAndOversizedRequestsLeaveTheDaemonServingAndWriting() throws Exception {
        Random random = new Random(1);
        String[] shapes = {"{", "}", "{\"v\":1}", "{\"v\":2,\"cmd\":\"status\"}", "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":7}",
            "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"sideways\"}", "[1,2,3]", "null", "\"status\"", "{\"v\":1,\"cmd\":\"nope\"}",
            "{\"v\":\"1\",\"cmd\":\"status\"}", "\u0000\u0001\u00ff"};
        long writtenBefore = box.state().cassandra().writes().stats().succeeded();
        int answered = 0;
        for (int conn = 0; conn < 6; conn++) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                OutputStream os = Channels.newOutputStream(ch);
                InputStream is = Channels.newInputStream(ch);
                var reader = new java.io.BufferedReader(new java.io.InputStreamReader(is, StandardCharsets.UTF_8));
                for (int i = 0; i < 500; i++) {
                    String line;
                    if (random.nextInt(4) == 0) {
                        byte[] junk = new byte[random.nextInt(200)];
                        random.nextBytes(junk);
                        line = new String(junk, StandardCharsets.ISO_8859_1).replace('\n', ' ');
                    } else {
                        line = shapes[random.nextInt(shapes.length)];
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    os.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    String response = reader.readLine();
                    JsonNode r = JSON.readTree(response);
                    assertTrue(r.has("ok"), response);
                    answered++;
                }
                // a line longer than the limit ends this connection with an error; the server may
                // close before the whole line is sent, which the writer sees as a broken pipe
                try {
                    os.write(new byte[70_000]);
                    os.write('\n');
                } catch (IOException closedByTheServer) {
                    // expected: the error line is already on its way
                }
                String response = reader.readLine();
                assertTrue(response != null && response.contains("request longer than 65536 bytes"), String.valueOf(response));
            }
        }
        assertTrue(answered > 2000, answered + " answers");
        assertEquals(0, democtl("status").exit(), "still serving");
        assertTrue(box.state().cassandra().levels().write() != null && Level.WRITE_LEVELS.contains(box.state().cassandra().levels().write()));
        Polling.until("still writing", Duration.ofSeconds(10), () -> box.state().cassandra().writes().stats().succeeded() > writtenBefore + 2);
    }
}
