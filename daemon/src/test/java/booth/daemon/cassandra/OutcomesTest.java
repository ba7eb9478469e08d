package booth.daemon.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The outcome classification as a table: one line per case the driver can report. */
class OutcomesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final Node r2 = node("DC1", "r2", "127.0.1.2");
    private final Node r3 = node("DC1", "r3", "127.0.1.3");

    private static Node node(String dc, String rack, String address) {
        Node n = mock(Node.class);
        when(n.getDatacenter()).thenReturn(dc);
        when(n.getRack()).thenReturn(rack);
        when(n.getBroadcastRpcAddress()).thenReturn(Optional.of(new InetSocketAddress(address, 9042)));
        return n;
    }

    private record Case(Throwable error, Failure failure, Node node) {
    }

    @Test
    void everyKindWithItsNumbersAndItsCoordinator() {
        OverloadedException overloaded = new OverloadedException(r2);
        List<Case> table = List.of(
                new Case(new UnavailableException(r2, DefaultConsistencyLevel.ALL, 5, 4),
                        new Failure.Unavailable(Level.ALL, 5, 4), r2),
                new Case(new WriteTimeoutException(r2, DefaultConsistencyLevel.ALL, 4, 5, DefaultWriteType.SIMPLE),
                        new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE"), r2),
                new Case(new ReadTimeoutException(r3, DefaultConsistencyLevel.QUORUM, 1, 2, false),
                        new Failure.ReadTimeout(Level.QUORUM, 1, 2, false), r3),
                new Case(new DriverTimeoutException("Query timed out after PT1S"), new Failure.ClientTimeout(TIMEOUT), null),
                new Case(new NoNodeAvailableException(), new Failure.NoNodeAvailable(), null),
                new Case(overloaded, new Failure.Overloaded(overloaded.getMessage()), r2),
                // several coordinators tried: the error a node gave, not the wrapper
                new Case(AllNodesFailedException.fromErrors(List.of(
                                Map.entry(r3, new ClosedConnectionException("lost")),
                                Map.entry(r2, new UnavailableException(r2, DefaultConsistencyLevel.LOCAL_QUORUM, 2, 1)))),
                        new Failure.Unavailable(Level.LOCAL_QUORUM, 2, 1), r2),
                // a connection that died with the request on it: lost, with the node it came from
                new Case(AllNodesFailedException.fromErrors(List.of(Map.entry(r3, new ClosedConnectionException("lost")))),
                        new Failure.ConnectionLost("ClosedConnectionException"), r3),
                // the request written on a channel that had just closed (Netty's StacklessClosedChannelException,
                // seen in a chaos run as kind 'other', "StacklessClosedC" on the LCD): lost too
                new Case(AllNodesFailedException.fromErrors(List.of(Map.entry(r3, new ClosedChannelException()))),
                        new Failure.ConnectionLost("ClosedChannelException"), r3),
                new Case(AllNodesFailedException.fromErrors(List.of(
                                Map.entry(r2, new NodeUnavailableException(r2)),
                                Map.entry(r3, new HeartbeatException(new InetSocketAddress("127.0.1.3", 9042), "no answer",
                                        new RuntimeException("timed out"))))),
                        new Failure.ConnectionLost("HeartbeatException"), r3),
                // no connection to any node it tried: no coordinator, not a mystery
                new Case(AllNodesFailedException.fromErrors(List.of(Map.entry(r2, new NodeUnavailableException(r2)))),
                        new Failure.NoNodeAvailable(), null),
                new Case(AllNodesFailedException.fromErrors(List.<Map.Entry<Node, Throwable>>of()), new Failure.NoNodeAvailable(), null),
                // completion stages wrap what they carry
                new Case(new CompletionException(new UnavailableException(r2, DefaultConsistencyLevel.ALL, 5, 3)),
                        new Failure.Unavailable(Level.ALL, 5, 3), r2),
                new Case(new IllegalStateException("boom"), new Failure.Other("IllegalStateException", "boom"), null));
        assertClassifies(table);
    }

    private static void assertClassifies(List<Case> table) {
        for (Case c : table) {
            Outcomes.Classified got = Outcomes.classify(c.error(), TIMEOUT);
            assertEquals(c.failure(), got.failure(), c.error().toString());
            assertEquals(Optional.ofNullable(c.node()), got.node(), c.error().toString());
        }
    }

    /** Levels the keypad never offers are reported as themselves, one line per level. */
    @Test
    void serialLevelsAreReportedAsThemselves() {
        List<Case> table = List.of(
                new Case(new UnavailableException(r2, DefaultConsistencyLevel.SERIAL, 3, 2),
                        new Failure.Unavailable(Level.SERIAL, 3, 2), r2),
                new Case(new WriteTimeoutException(r2, DefaultConsistencyLevel.LOCAL_SERIAL, 1, 2, DefaultWriteType.CAS),
                        new Failure.WriteTimeout(Level.LOCAL_SERIAL, 1, 2, "CAS"), r2),
                new Case(new ReadTimeoutException(r3, DefaultConsistencyLevel.SERIAL, 0, 2, false),
                        new Failure.ReadTimeout(Level.SERIAL, 0, 2, false), r3));
        assertClassifies(table);
    }

    /** A successful write's coordinator: what the execution info says, or unknown; never a lost write. */
    @Test
    void aMissingExecutionInfoOrCoordinatorIsAnUnknownCoordinator() {
        ExecutionInfo withCoordinator = mock(ExecutionInfo.class);
        when(withCoordinator.getCoordinator()).thenReturn(r2);
        ExecutionInfo withoutCoordinator = mock(ExecutionInfo.class);
        when(withoutCoordinator.getCoordinator()).thenReturn(null);
        record Line(ExecutionInfo info, Optional<Coordinator> coordinator) {
        }
        for (Line l : List.of(
                new Line(withCoordinator, Optional.of(new Coordinator("DC1", "r2", "127.0.1.2", null))),
                new Line(withoutCoordinator, Optional.empty()),
                new Line(null, Optional.empty()))) {
            assertEquals(l.coordinator(), Outcomes.coordinator(l.info(), Map.of()), String.valueOf(l.info()));
        }
    }

    @Test
    void theCoordinatorIsNamedFromTheTopologyWhenItCan() {
        assertEquals(new Coordinator("DC1", "r2", "127.0.1.2", "rpidc1r2n1"),
                Outcomes.coordinator(r2, Map.of("127.0.1.2", "rpidc1r2n1")));
        assertEquals("DC1 r2 n1", Outcomes.coordinator(r2, Map.of("127.0.1.2", "rpidc1r2n1")).label());
        assertEquals("DC1 r2 .2", Outcomes.coordinator(r2, Map.of()).label());
    }

    @Test
    void aNodeWithoutABroadcastAddressIsNamedByItsEndPoint() {
        Node n = mock(Node.class);
        EndPoint endPoint = mock(EndPoint.class);
        when(n.getDatacenter()).thenReturn("DC2");
        when(n.getRack()).thenReturn("r1");
        when(n.getBroadcastRpcAddress()).thenReturn(Optional.empty());
        when(n.getEndPoint()).thenReturn(endPoint);
        when(endPoint.resolve()).thenReturn(new InetSocketAddress("127.0.2.1", 9042));
        assertEquals(new Coordinator("DC2", "r1", "127.0.2.1", null), Outcomes.coordinator(n, Map.of()));
        // a contact point the driver never reached (the booth does not resolve them at start): its
        // end point prints "127.0.2.1/<unresolved>:9042", and the name was once "<unresolved>",
        // whose label threw in the driver's node-state listener (a chaos run's restarted daemon)
        when(endPoint.resolve()).thenReturn(InetSocketAddress.createUnresolved("127.0.2.1", 9042));
        assertEquals(new Coordinator("DC2", "r1", "127.0.2.1", "rpidc2r1n1"),
                Outcomes.coordinator(n, Map.of("127.0.2.1", "rpidc2r1n1")));
        assertEquals("DC2 r1 .1", Outcomes.coordinator(n, Map.of()).label());
    }

    /** An address without a dot (IPv6, or anything unexpected) is labelled, never thrown at. */
    @Test
    void anAddressWithoutADotIsLabelledAsItIs() {
        assertEquals("DC1 r1 ::1", new Coordinator("DC1", "r1", "::1", null).label());
        assertEquals("DC1 r1 <un", new Coordinator("DC1", "r1", "<unresolved>", null).label());
    }
}
