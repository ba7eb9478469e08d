package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import booth.daemon.ui.CassandraState;
import booth.daemon.ui.UiState;
import booth.model.Level;
import booth.protocol.control.DaemonStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idleness counts complete lines: tried from outside, clients sending one byte every 20 s held
 * their places for ever (idleness was measured per byte) and locked democtl out.
 */
class ControlServerIdleTest {
    private static final Duration IDLE = Duration.ofSeconds(1);

    @Test
    void aByteNowAndThenIsIdleAndALineIsNot(@TempDir Path dir) throws Exception {
        DaemonControl daemon = mock(DaemonControl.class);
        when(daemon.state()).thenReturn(UiState.initial(booth.model.Demo.CASSANDRA,
                new CassandraState.Levels(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true), booth.model.Acks.ALL, 0));
        when(daemon.clientName()).thenReturn("c");
        when(daemon.localDc()).thenReturn("DC1");
        when(daemon.uptime()).thenReturn(Duration.ZERO);
        when(daemon.connecting()).thenReturn(Duration.ZERO);
        when(daemon.eventCounts()).thenReturn(Optional.empty());
        when(daemon.lastOutcomeJson()).thenReturn(Optional.empty());
        when(daemon.lanes()).thenReturn(DaemonStatus.Lanes.NONE);
        Path socket = dir.resolve("control.sock");
        try (ControlServer server = new ControlServer(socket, "", daemon, IDLE);
             SocketChannel trickle = SocketChannel.open(StandardProtocolFamily.UNIX);
             SocketChannel talker = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.start();
            trickle.connect(UnixDomainSocketAddress.of(socket));
            talker.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader talkerIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(talker), StandardCharsets.UTF_8));
            long end = System.nanoTime() + 4 * IDLE.toNanos();
            boolean trickleOpen = true;
            while (System.nanoTime() < end) {
                // a byte of a line that never ends, a fifth of the idle limit apart; the talker's whole lines
                try {
                    trickle.write(ByteBuffer.wrap(new byte[] {'{'}));
                } catch (java.io.IOException closedByTheServer) {
                    trickleOpen = false;
                }
                talker.write(StandardCharsets.UTF_8.encode("{\"v\":1,\"cmd\":\"status\"}\n"));
                assertTrue(talkerIn.readLine().startsWith("{\"v\":1,\"ok\":true"), "the talker is answered");
                Thread.sleep(IDLE.toMillis() / 5); // the client's pace, not a wait for the server
            }
            assertEquals(false, trickleOpen, "a client sending bytes but no line is idle, and cut off");
        }
    }
}
