package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.LocalCluster;
import booth.hal.Backlight;
import booth.hal.PlateView;
import booth.model.Level;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Headless client boxes (the real plate driver on the virtual plate) against the real CI
 * cluster: what a visitor would see on the LCD as racks lose power and get it back.
 */
@ExtendWith(CassandraClusterExtension.class)
class ClientBoxIT {
    private final CassandraCluster it;
    private final List<ClientBox> boxes = new ArrayList<>();

    ClientBoxIT(CassandraCluster it) {
        this.it = it;
    }

    @AfterEach
    void stopBoxes() {
        boxes.forEach(ClientBox::close);
        for (ClientBox box : boxes) {
            assertEquals(List.of(), box.panel().virtualPlate().orElseThrow().mistakes(), "the virtual plate saw protocol mistakes");
        }
    }

    private ClientBox box(String name, String level, String contactPoints) throws Exception {
        ClientBox box = TestBoxes.start(it, name, level, "contact-points = [" + contactPoints + "]");
        boxes.add(box);
        return box;
    }

    private static PlateView view(ClientBox box) {
        return box.panel().virtualPlate().orElseThrow().view();
    }

    private static void awaitScreen(ClientBox box, String what, Duration limit, java.util.function.Predicate<PlateView> p) {
        Polling.until(what + " (screen now: " + view(box).text() + " " + view(box).backlight() + ")", limit,
                () -> p.test(view(box)));
    }

    /** The box's prediction for {@code level} says {@code words} within 30 s (the driver's view follows a freeze in seconds). */
    private static void awaitPrediction(ClientBox box, Level level, String words) {
        Polling.until("the prediction for " + level + ": " + words, Duration.ofSeconds(30),
                () -> box.state().cassandra().replicas().map(v -> v.predict(level).words()).orElse("").equals(words));
    }

    private static boolean greenViaDc1(PlateView v) {
        return v.backlight() == Backlight.GREEN && v.bottom().startsWith("DC1 r") && v.bottom().endsWith("ms");
    }

    @Test
    void aFrozenRackTurnsAllRedWithItsNumbersWhileLocalQuorumStaysGreen() throws Exception {
        String dc1 = "\"127.0.1.1:9042\", \"127.0.1.2:9042\"";
        ClientBox quorum = box("lq", "LOCAL_QUORUM", dc1);
        // the ALL box invites the next visitor after 2 s without a key: until the rack is cut
        java.io.ByteArrayOutputStream allOutcomes = new java.io.ByteArrayOutputStream();
        ClientBox all = TestBoxes.start(it, "all", "ALL", "contact-points = [" + dc1 + "], invite-after = 2s", allOutcomes);
        boxes.add(all);
        ClientBox one = box("one", "ONE", dc1);
        for (ClientBox b : List.of(quorum, all, one)) {
            awaitScreen(b, "a green write via DC1", Duration.ofSeconds(60), ClientBoxIT::greenViaDc1);
        }
        awaitScreen(all, "the invitation between visitors, in the success's green", Duration.ofSeconds(30),
                v -> v.bottom().equals(booth.display.Frames.INVITATION) && v.backlight() == Backlight.GREEN);
        assertEquals("W:LOCAL_QUORUM", view(quorum).top().substring(0, 14));
        assertEquals("W:ALL         ", view(all).top().substring(0, 14));
        // the prediction page's words, from each driver's view: DC1 holds one replica per rack
        awaitPrediction(quorum, Level.LOCAL_QUORUM, "survives 1 rack");
        awaitPrediction(all, Level.ALL, "needs all 5");

        it.cluster().estop("DC1:r3", LocalCluster.EStop.FREEZE);
        awaitScreen(all, "ALL turns red", Duration.ofSeconds(30), v -> v.backlight() == Backlight.RED);
        assertTrue(view(all).bottom().matches("(Timeout \\d/5 acks|Unavail 4/5 up|No answer .*|at DC1 r[12] n1) *"),
                view(all).bottom());
        awaitScreen(all, "ALL shows Unavailable, 4 of the 5 replicas up", Duration.ofSeconds(90),
                v -> v.bottom().equals("Unavail 4/5 up  ") && v.backlight() == Backlight.RED);
        // as predicted: ALL needed every replica; LOCAL_QUORUM survived the rack, and now either
        // other DC1 rack would take its quorum
        awaitPrediction(all, Level.ALL, "fails: 4 of 5 up");
        awaitPrediction(quorum, Level.LOCAL_QUORUM, "2 racks fatal");
        for (ClientBox b : List.of(quorum, one)) {
            awaitScreen(b, "LOCAL_QUORUM and ONE green through a live coordinator", Duration.ofSeconds(15),
                    v -> greenViaDc1(v) && !v.bottom().startsWith("DC1 r3"));
        }

        it.cluster().restore("DC1:r3", Duration.ofMinutes(2));
        awaitScreen(all, "ALL green again, nothing restarted", Duration.ofSeconds(60), ClientBoxIT::greenViaDc1);
        awaitPrediction(quorum, Level.LOCAL_QUORUM, "survives 1 rack");
        assertNotEquals(0, all.state().cassandra().writes().stats().count(booth.model.OutcomeKind.UNAVAILABLE));
        assertEquals(0, quorum.state().cassandra().writes().stats().count(booth.model.OutcomeKind.UNAVAILABLE));
        invitationOverSuccessesOnly(allOutcomes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The outcome lines' screens (the LCD as each outcome left it): the invitation under some
     * successes, and every failure, the first one of the cut included, shown in red with its own
     * row: it gave way within the write that failed.
     */
    private static void invitationOverSuccessesOnly(String lines) {
        int invited = 0;
        int failed = 0;
        for (String line : lines.split("\n")) {
            booth.protocol.OutcomeLine o = booth.protocol.OutcomeJson.decode(line);
            boolean invitation = o.shown().bottom().equals(booth.display.Frames.INVITATION);
            if (o.succeeded()) {
                invited += invitation ? 1 : 0;
            } else {
                failed++;
                assertTrue(!invitation && o.shown().backlight().equals("RED"), "a failure shown as it is: " + line);
            }
        }
        assertTrue(invited > 0, "some outcome carried the invitation to the TV");
        assertTrue(failed > 0, "the cut failed writes at ALL");
    }

    @Test
    void aClusterUnreachableAtStartUpShowsConnectingThenWrites() throws Exception {
        it.cluster().estop("DC1:r1", LocalCluster.EStop.KILL);
        ClientBox box = box("late", "LOCAL_QUORUM", "\"127.0.1.1:9042\"");
        awaitScreen(box, "the connecting screen", Duration.ofSeconds(30),
                v -> v.top().startsWith("Connecting") && v.bottom().startsWith("DC1 127.0.1.1") && v.backlight() == Backlight.YELLOW);
        awaitScreen(box, "the connecting clock", Duration.ofSeconds(30), v -> v.top().matches("Connecting \\d+s *"));
        assertTrue(box.state().cassandra().writes().stats().succeeded() == 0);

        it.cluster().restore("DC1:r1", Duration.ofMinutes(2));
        awaitScreen(box, "writes once the cluster is there", Duration.ofSeconds(60), ClientBoxIT::greenViaDc1);
    }

    /**
     * Two boxes on one cluster: staff reset one with truncate, again and again, while the other
     * writes. The other's read-backs never say MISSING, and every row it wrote is still there:
     * a truncate deletes only its own box's earlier runs (TRUNCATE emptied the shared table).
     */
    @Test
    void aResetWithTruncateOfOneBoxNeverTouchesAnothersRows() throws Exception {
        java.nio.file.Path stream = java.nio.file.Files.createTempFile("booth-it-reader", ".jsonl");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(stream)) {
            ClientBox reader = TestBoxes.start(it, "reader", "LOCAL_QUORUM", "read-level = LOCAL_QUORUM", out);
            boxes.add(reader);
            box("resetter", "LOCAL_QUORUM", "\"127.0.1.1:9042\", \"127.0.1.2:9042\"");
            Polling.until("the reader writes", Duration.ofSeconds(60), () -> TestBoxes.writes(reader) >= 3);
            java.nio.file.Path socket = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "booth-it-resetter.sock");
            for (int i = 0; i < 5; i++) {
                try (booth.protocol.control.ControlClient c = booth.protocol.control.ControlClient.connect(socket)) {
                    assertEquals(new booth.protocol.control.ControlAnswer.ResetDone(true),
                            c.call(new booth.protocol.control.ControlRequest.Reset(true)));
                }
                long before = TestBoxes.writes(reader);
                Polling.until("the reader writes on", Duration.ofSeconds(30), () -> TestBoxes.writes(reader) >= before + 2);
            }
            reader.close();
            boxes.remove(reader);
            List<booth.protocol.OutcomeJson.WriteLine> lines = java.nio.file.Files.readAllLines(stream).stream()
                    .map(booth.protocol.OutcomeJson::decode).toList();
            assertTrue(lines.size() >= 13, lines.size() + " outcomes");
            for (booth.protocol.OutcomeJson.WriteLine l : lines) {
                assertEquals("current", l.readBack().kind(), "the reader's read-back: " + l);
            }
            String run = lines.get(0).run().orElseThrow();
            long rows = it.session().execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                    "SELECT count(*) FROM booth_demo.writes WHERE client = 'reader' AND run = ?", run)
                    .setConsistencyLevel(com.datastax.oss.driver.api.core.DefaultConsistencyLevel.ALL)).one().getLong(0);
            assertEquals(lines.stream().filter(l -> l.succeeded()).count(), rows, "every row the reader wrote is still there");
        } finally {
            java.nio.file.Files.deleteIfExists(stream);
        }
    }
}
