package booth.protocol.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Level;
import booth.protocol.control.ControlRequest.LevelOf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's end of the socket against a scripted daemon: what it sends, how it reads each kind of answer. */
class ControlClientTest {
    @TempDir
    Path dir;

    /**
     * A daemon that reads one request line and writes {@code lines} back, then closes.
     *
     * @return the request line it read
     */
    private CompletableFuture<String> daemon(Path socket, String... lines) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel c = server.accept()) {
                String request = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8))
                        .readLine();
                try {
                    for (String l : lines) {
                        c.write(StandardCharsets.UTF_8.encode(l));
                    }
                } catch (IOException clientGone) {
                    // a client that has what it wanted hangs up (tail stops after two): not the test's failure
                }
                return request;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRequestGetsItsOwnAnswerType() throws Exception {
        Path socket = dir.resolve("a.sock");
        CompletableFuture<String> sent = daemon(socket, "{\"v\":1,\"ok\":true,\"write_level\":\"ALL\"}\n");
        try (ControlClient c = ControlClient.connect(socket)) {
            ControlAnswer.LevelSet set = c.call(new ControlRequest.SetLevel(LevelOf.WRITE, Level.ALL));
            assertEquals(new ControlAnswer.LevelSet(LevelOf.WRITE, Level.ALL), set);
        }
        assertEquals("{\"v\":1,\"cmd\":\"set-level\",\"what\":\"write\",\"level\":\"ALL\"}", sent.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aRefusalIsRefusedWithTheDaemonsReason() throws Exception {
        Path socket = dir.resolve("r.sock");
        daemon(socket, "{\"v\":1,\"ok\":false,\"error\":\"truncate failed: no quorum\"}\n");
        try (ControlClient c = ControlClient.connect(socket)) {
            ControlClient.Refused e = assertThrows(ControlClient.Refused.class, () -> c.call(new ControlRequest.Reset(true)));
            assertEquals("truncate failed: no quorum", e.reason());
        }
    }

    @Test
    void anUnreadableAnswerOrNoneIsAnIoError() throws Exception {
        Path socket = dir.resolve("u.sock");
        daemon(socket, "{\"v\":1,\"ok\":true}\n");
        try (ControlClient c = ControlClient.connect(socket)) {
            assertEquals("the daemon's answer to pause cannot be read: paused is missing",
                    assertThrows(IOException.class, () -> c.call(new ControlRequest.Pause())).getMessage());
        }
        Path silent = dir.resolve("s.sock");
        daemon(silent);
        try (ControlClient c = ControlClient.connect(silent)) {
            assertEquals("the daemon closed the connection without answering",
                    assertThrows(IOException.class, () -> c.call(new ControlRequest.Status())).getMessage());
        }
    }

    @Test
    void tailHandsEachOutcomeLineUntilToldToStop() throws Exception {
        Path socket = dir.resolve("t.sock");
        CompletableFuture<String> sent = daemon(socket, "{\"v\":1,\"ok\":true,\"tail\":true}\n",
                "{\"v\":1,\"outcome\":{\"v\":1,\"seq\":1}}\n", "{\"v\":1,\"outcome\":{\"v\":1,\"seq\":2}}\n",
                "{\"v\":1,\"outcome\":{\"v\":1,\"seq\":3}}\n");
        List<String> seen = new ArrayList<>();
        try (ControlClient c = ControlClient.connect(socket)) {
            c.tail(o -> seen.add(o) && seen.size() < 2);
        }
        assertEquals(List.of("{\"v\":1,\"seq\":1}", "{\"v\":1,\"seq\":2}"), seen);
        assertEquals("{\"v\":1,\"cmd\":\"tail\"}", sent.get(10, TimeUnit.SECONDS));
    }

    @Test
    void noSocketIsUnreachableSayingWhatToCheck() {
        Path none = dir.resolve("none.sock");
        String message = assertThrows(ControlClient.Unreachable.class, () -> ControlClient.connect(none)).getMessage();
        assertTrue(message.startsWith("no control socket at " + none + ": is the daemon running?"), message);
    }

    /**
     * A daemon that never takes the connection (its socket bound, nobody accepting: the kernel
     * completes the connection from its backlog, as for a stopped daemon): democtl hung for ever.
     */
    @Test
    void aDaemonThatNeverAnswersIsAnIoErrorWithinTheAnswerLimit() throws Exception {
        Path socket = dir.resolve("w.sock");
        try (ServerSocketChannel wedged = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            wedged.bind(UnixDomainSocketAddress.of(socket));
            long began = System.nanoTime();
            try (ControlClient c = ControlClient.connect(socket)) {
                IOException e = assertThrows(IOException.class, () -> c.call(new ControlRequest.Status()));
                assertEquals("the daemon did not answer status within 5 s: it may be stuck; check systemctl status "
                        + "booth-daemon and journalctl -u booth-daemon", e.getMessage());
            }
            long tookMs = (System.nanoTime() - began) / 1_000_000;
            assertTrue(tookMs >= 4_900 && tookMs < 9_000, tookMs + " ms");
        }
        assertEquals(ControlClient.TRUNCATE_ANSWER_LIMIT, ControlClient.limitFor(new ControlRequest.Reset(true)));
        assertEquals(ControlClient.ANSWER_LIMIT, ControlClient.limitFor(new ControlRequest.Reset(false)));
    }

    @Test
    void aBusyAnswerIsBusyNotARefusal() throws Exception {
        Path socket = dir.resolve("b.sock");
        daemon(socket, "{\"v\":1,\"ok\":false,\"error\":\"busy: 8 clients connected\"}\n");
        try (ControlClient c = ControlClient.connect(socket)) {
            assertEquals("the daemon answered busy: 8 clients connected",
                    assertThrows(ControlClient.Busy.class, () -> c.call(new ControlRequest.Pause())).getMessage());
        }
    }
}
