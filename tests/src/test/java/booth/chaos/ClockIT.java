package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.ClockSync;
import booth.model.DemoSchema;
import booth.model.Level;
import booth.model.Topology;
import booth.model.TopologyFile;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client Pi's clock, wrong: the real daemon ({@code target/booth.jar}) writes for a while with
 * the machine's clock, then is restarted under libfaketime 10 minutes behind, then 10 minutes
 * ahead (Debian's {@code faketime}; nothing in the product knows). Every write must still be
 * shown written and read back exactly (read at LOCAL_QUORUM, overlapping the writes' LOCAL_QUORUM),
 * and be in the table as written (checked by the chaos
 * soak's own {@link WrittenRows}, at ALL): with one row per client overwritten by every write,
 * the restart behind lost every write to the row's newer timestamp while the box said "read ✓".
 */
@ExtendWith(CassandraClusterExtension.class)
class ClockIT {
    private static final int WRITES = 8;

    @Test
    void writesStayTrueWithTheClockBehindAndAhead(CassandraCluster it) throws Exception {
        Path repo = Path.of(System.getProperty("booth.repo", System.getProperty("user.dir")));
        Path topologyFile = repo.resolve("demo-scripts/topology/ci.topology");
        Topology topology = TopologyFile.read(topologyFile);
        Topology.Client client = topology.clients().get(0);
        List<Observed> written = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (String clock : List.of("true", "-10m", "+10m")) {
            Optional<String> offset = clock.equals("true") ? Optional.empty() : Optional.of(clock);
            Path dir = repo.resolve("target/clock-it/" + clock);
            Instant before = Instant.now();
            List<Observed> seen;
            ClientProcess.fresh(dir, client);
            try (ClientProcess p = ClientProcess.start(topology, topologyFile, client, repo.resolve("target/booth.jar"),
                    dir, dir, offset, Optional.empty())) {
                // read at LOCAL_QUORUM, which overlaps the writes' LOCAL_QUORUM: only then must a
                // read-back find exactly this write (the chaos default, LOCAL_ONE, may read stale)
                Polling.until("the daemon answers on its socket", Duration.ofMinutes(1), () -> answers(p) || !p.alive());
                p.control(new ControlRequest.SetLevel(ControlRequest.LevelOf.READ, Level.LOCAL_QUORUM));
                Polling.until(WRITES + " writes read back at LOCAL_QUORUM with the clock " + clock, Duration.ofMinutes(2),
                        () -> overlapping(observed(p)).size() >= WRITES || !p.alive());
                seen = observed(p);
                ControlAnswer.StatusReport status = p.control(new ControlRequest.Status());
                // the clock's state is shown whatever it is: this machine may have no time daemon
                assertTrue(List.of(ClockSync.values()).contains(status.status().box().clock()), status.toString());
            }
            assertTrue(overlapping(seen).size() >= WRITES, clock + ": the daemon wrote " + seen.size() + " (see " + dir + ")");
            for (Observed o : seen) {
                assertEquals("written", o.kind(), clock + ": " + o.line());
            }
            for (Observed o : overlapping(seen)) {
                assertEquals("current", o.readBack(), clock + ": read back exactly this write: " + o.line());
            }
            // the daemon really lived at that time: its lines say so
            Duration skew = Duration.between(before, seen.get(0).at());
            assertTrue(clock.equals("-10m") ? skew.compareTo(Duration.ofMinutes(-11)) > 0 && skew.isNegative()
                    : clock.equals("+10m") ? skew.compareTo(Duration.ofMinutes(9)) > 0 : skew.abs().toMinutes() < 2,
                    clock + ": the first write's time is " + skew + " from the test's");
            runs.add(seen.get(0).run());
            written.addAll(seen);
        }
        Topology.Node seed = it.topology().nodes().get(0);
        List<TruthChecker.Lie> lies = WrittenRows.check(new InetSocketAddress(seed.address(), 9042), seed.dc(),
                DemoSchema.DEFAULT_KEYSPACE, written);
        assertEquals(List.of(), lies, "every write shown written is in the table as written");
        assertEquals(3, runs.stream().distinct().count(), "every start is a run of its own: " + runs);
    }

    /** The outcomes read back at LOCAL_QUORUM. */
    private static List<Observed> overlapping(List<Observed> seen) {
        return seen.stream().filter(o -> o.readLevel().equals(Level.LOCAL_QUORUM.name())).toList();
    }

    private static boolean answers(ClientProcess p) {
        try {
            p.control(new ControlRequest.Status());
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Every outcome line written so far, parsed. */
    private static List<Observed> observed(ClientProcess p) {
        try {
            return p.outcomeLines().stream().map(l -> Observed.parse(p.name(), l)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
