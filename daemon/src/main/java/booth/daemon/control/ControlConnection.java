package booth.daemon.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One client of the control socket. Its "control-client" thread reads and writes it; the
 * reaper reads the times to find idle and stuck clients; the ui thread offers outcomes to its
 * tail queue.
 */
final class ControlConnection {
    final SocketChannel channel;
    /** Who is connected, for the audit: the peer's user and group (SO_PEERCRED), else the socket. */
    final String peer;
    /** The peer's user name (SO_PEERCRED), for the places each user may hold; empty when the kernel cannot say. */
    final String user;
    /** When the last complete line arrived (nanoTime), or the connection, before the first: idleness counts lines, not bytes. */
    volatile long lastLine = System.nanoTime();
    /** When the current write began (nanoTime), 0 when none is under way. */
    volatile long writingSince;
    /** The tail lines waiting to be sent ({@code {"v":1,"outcome":...}}), once the client asked to tail. */
    volatile BlockingQueue<String> tail;

    private ControlConnection(SocketChannel channel, String peer, String user) {
        this.channel = channel;
        this.peer = peer;
        this.user = user;
    }

    /** A connection named as the kernel vouches for it: "user alice (group booth) on /run/booth/control.sock". */
    static ControlConnection of(SocketChannel channel, Path socket) {
        try {
            UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new ControlConnection(channel, "user " + p.user().getName() + " (group " + p.group().getName() + ") on "
                    + socket, p.user().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return new ControlConnection(channel, "a client of " + socket, "");
        }
    }

    /** Writes a whole line; false when the client is gone. The reaper ends a write stuck too long. */
    boolean send(String line) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(line);
        writingSince = System.nanoTime();
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            writingSince = 0;
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
