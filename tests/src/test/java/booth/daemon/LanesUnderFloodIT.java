package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import booth.chaos.SocketFlood;
import booth.daemon.config.BoothConfig;
import booth.daemon.config.ConfigLoader;
import booth.daemon.control.Democtl;
import booth.daemon.ui.StaffState;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import booth.hal.staff.VirtualStaffLines;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Issue 24's booth floor: a headless box writing to the real cluster while 8 clients flood its
 * control socket and 8 send a byte every 3 s (as the user nobody, a member of the socket's
 * group), its log output a pipe nobody reads for the first 60 s, and staff press the power
 * button for half a second, again and again. Every staff press and release must reach the state
 * machine, no press may power off, the writes keep their pace and every one is streamed and
 * counted, and democtl as root (the place kept for it) answers within 2 s throughout.
 *
 * <p>In process, so that the staff lines can be pressed; the log output is the tests' appender's
 * (standard output) put behind the daemon's {@link LogLane}, as {@code booth-daemon} puts its
 * standard error. The length is {@code -Dflood.seconds} (60 by default; the documented run is 600).
 */
@ExtendWith(CassandraClusterExtension.class)
class LanesUnderFloodIT {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("flood.seconds", 60));
    /** The presses the run makes at least, however long they take (the documented run: 1,000). */
    private static final int PRESSES = Integer.getInteger("flood.presses", 0);
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration PRESS = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CassandraCluster it;

    LanesUnderFloodIT(CassandraCluster it) {
        this.it = it;
    }

    /** The outcome lines as the stream wrote them. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            all.write(b, off, len);
        }

        synchronized List<String> lines() {
            return all.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void nothingThatMattersIsDroppedUnderFloodSlowClientsAndAStalledLog() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: the flooders run as nobody, democtl as root");
        Path dir = Files.createTempDirectory("flood");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("control.sock");
        BoothConfig config = ConfigLoader.parse(TestBoxes.configuration("flood", "LOCAL_QUORUM", "headless", socket.toString(),
                "control-socket-group = nogroup"), "flood");
        Map<String, String> names = new HashMap<>();
        it.topology().nodes().forEach(n -> names.put(n.address().getHostAddress(), n.name()));

        AtomicBoolean nobodyAudited = new AtomicBoolean();
        AppenderBase<ILoggingEvent> audit = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().contains(" by user nobody ")) {
                    nobodyAudited.set(true);
                }
            }
        };
        audit.start();
        Logger auditLog = (Logger) LoggerFactory.getLogger("booth.audit");
        auditLog.addAppender(audit);
        ListAppender<ILoggingEvent> power = new ListAppender<>();
        power.start();
        Logger powerLog = (Logger) LoggerFactory.getLogger(PowerActions.class);
        powerLog.addAppender(power);
        PrintStream out = System.out;
        PrintStream err = System.err;
        Pipe journal = Pipe.open();
        LogLane lane = new LogLane(Channels.newOutputStream(journal.sink()));
        lane.start();
        Lines outcomes = new Lines();
        ClientBox box = null;
        SocketFlood flood = null;
        Thread reader = null;
        try {
            PrintStream stalled = new PrintStream(lane, true, StandardCharsets.UTF_8);
            System.setOut(stalled);
            System.setErr(stalled);
            box = ClientBox.open(config, names, Optional.of(new OutcomeStream(outcomes)), Ticker.SYSTEM, () -> {
                throw new AssertionError("the box asked to exit as unhealthy");
            }, lane::dropped);
            box.start();
            ClientBox b = box;
            Polling.until("the box writes", Duration.ofSeconds(60), () -> b.state().cassandra().writes().stats().succeeded() > 0);
            flood = SocketFlood.start(socket, 8, 8, Duration.ofSeconds(RUN.toSeconds() + PRESSES + 30 + 90), true, 0);
            // nobody has 4 places: the slow clients may hold all of them until the 60 s idle limit
            // cuts them off (a fresh clone's CI run waited 30 s in vain), then a flooder gets in
            Polling.until("the flooders' requests are done (audited as nobody's)", Duration.ofSeconds(90), nobodyAudited::get);
            long began = System.nanoTime(); // the run's length counts from a flood that is in

            VirtualStaffLines staff = box.panel().virtualStaff().orElseThrow();
            int presses = 0;
            long lastDemoctl = 0;
            long slowestDemoctlMs = 0;
            int democtlRuns = 0;
            while (System.nanoTime() - began < RUN.toNanos() || presses < PRESSES) {
                long noticeBefore = b.state().staff().notice().map(StaffState.StaffNotice::until).orElse(0L);
                staff.press(StaffButton.POWER_OFF);
                Polling.until("press " + presses + " reaches the state machine", Duration.ofSeconds(2),
                        () -> b.state().staff().hold().isPresent());
                Thread.sleep(PRESS.toMillis()); // the staff member's half-second press, not a wait for the daemon
                staff.release(StaffButton.POWER_OFF);
                Polling.until("release " + presses + " reaches the state machine", Duration.ofSeconds(2),
                        () -> b.state().staff().hold().isEmpty() && b.state().staff().notice()
                                .filter(n -> n.until() > noticeBefore && n.bottom().startsWith("cancelled")).isPresent());
                presses++;
                if (System.nanoTime() - lastDemoctl > 2_000_000_000L) {
                    lastDemoctl = System.nanoTime();
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    ByteArrayOutputStream e = new ByteArrayOutputStream();
                    int exit = Democtl.run(new String[] {"--socket", socket.toString(), "status", "--json"},
                            new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                            InputStream.nullInputStream());
                    long tookMs = (System.nanoTime() - lastDemoctl) / 1_000_000;
                    assertEquals(0, exit, "democtl as root: " + e.toString(StandardCharsets.UTF_8));
                    slowestDemoctlMs = Math.max(slowestDemoctlMs, tookMs);
                    democtlRuns++;
                }
                if (reader == null && System.nanoTime() - began > STALL.toNanos()) {
                    reader = drain(journal); // the journal is back
                }
            }
            assertTrue(flood.alive(), "the flood ran throughout");
            String flooders = flood.report();
            flood.close();

            // the truth at rest: paused, every outcome counted is streamed, and the other way round
            Democtl.run(new String[] {"--socket", socket.toString(), "pause"}, out, err, InputStream.nullInputStream());
            Polling.until("paused", Duration.ofSeconds(5), () -> b.state().staff().paused());
            Polling.until("every counted outcome streamed", Duration.ofSeconds(10),
                    () -> outcomes.lines().size() == TestBoxes.writes(b));
            List<Instant> times = new ArrayList<>();
            Map<String, Integer> kinds = new java.util.TreeMap<>();
            for (String line : outcomes.lines()) {
                JsonNode o = JSON.readTree(line);
                times.add(Instant.parse(o.path("time").asText()));
                kinds.merge(o.path("kind").asText(), 1, Integer::sum);
            }
            Duration largestGap = Duration.ZERO;
            String aroundGap = "";
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                if (gap.compareTo(largestGap) > 0) {
                    largestGap = gap;
                    aroundGap = "from " + times.get(i - 1) + ", after " + brief(outcomes.lines().get(i - 1)) + "; then "
                            + brief(outcomes.lines().get(i));
                }
            }
            ByteArrayOutputStream statusOut = new ByteArrayOutputStream();
            assertEquals(0, Democtl.run(new String[] {"--socket", socket.toString(), "status", "--json"},
                    new PrintStream(statusOut, true, StandardCharsets.UTF_8), err, InputStream.nullInputStream()));
            JsonNode status = JSON.readTree(statusOut.toString(StandardCharsets.UTF_8));
            JsonNode lanes = status.path("lanes");
            String figures = "flood run of " + RUN.toSeconds() + " s: " + presses + " half-second presses, "
                    + power.list.size() + " power-offs; " + times.size() + " outcomes " + kinds + ", largest gap "
                    + largestGap.toMillis() + " ms (" + aroundGap + "), skipped ticks "
                    + status.path("counters").path("skipped_ticks").asLong() + "; democtl as root " + democtlRuns + " times, slowest " + slowestDemoctlMs
                    + " ms; lanes " + lanes + "; flooders: " + flooders;
            out.println(figures);
            assertEquals(0, power.list.size(), "a half-second press powered off: " + figures);
            assertTrue(largestGap.compareTo(Duration.ofMillis(2500)) < 0, figures);
            assertTrue(slowestDemoctlMs < 2000, figures);
            assertEquals(0, status.path("dropped_outcomes").asLong(-1), "outcome lines dropped: " + figures);
            assertEquals(0, lanes.path("dropped_keys").asLong(-1), figures);
            assertTrue(lane.dropped() > 0, "the stalled log dropped nothing: was it stalled? " + figures);
            assertTrue(lanes.path("dropped_log_lines").asLong() > 0 && lanes.path("dropped_log_lines").asLong() <= lane.dropped(),
                    "the status counts what the log lane dropped: " + figures);
        } finally {
            System.setOut(out);
            System.setErr(err);
            powerLog.detachAppender(power);
            auditLog.detachAppender(audit);
            if (flood != null) {
                flood.close();
            }
            if (box != null) {
                box.close();
            }
            journal.sink().close();
            journal.source().close();
            if (reader != null) {
                reader.join(5000);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What took a write's time: its kind, latency and read-back, from its outcome line. */
    private static String brief(String line) throws java.io.IOException {
        JsonNode o = JSON.readTree(line);
        return o.path("kind").asText() + " in " + o.path("latency_ms").asText() + " ms, read-back "
                + o.path("read_back").path("kind").asText() + " " + o.path("read_back").path("error").path("kind").asText("");
    }

    /** Reads the journal's pipe to its end, on a thread of its own. */
    private static Thread drain(Pipe journal) {
        Thread t = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            try {
                while (journal.source().read(b) >= 0) {
                    b.clear();
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "journal");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
