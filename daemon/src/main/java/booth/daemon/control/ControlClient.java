package booth.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.function.Predicate;

/** A connection to the daemon's control socket: what democtl speaks through. */
public final class ControlClient implements AutoCloseable {
    /** The daemon cannot be reached; the message says why and what to check. */
    public static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    private final SocketChannel channel;
    private final BufferedReader in;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    public static ControlClient connect(Path socket) throws Unreachable {
        if (!Files.exists(socket)) {
            throw new Unreachable("no control socket at " + socket + ": is the daemon running? "
                    + "(systemctl status booth-daemon; another path can be given with --socket or BOOTH_CONTROL_SOCKET)");
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new ControlClient(channel);
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Permission denied")) {
                String group = groupOf(socket);
                throw new Unreachable("permission denied on " + socket + ": only members of the socket's group ("
                        + group + ") may control the daemon (check with: ls -l " + socket + "; id -nG; to add a staff "
                        + "user: sudo usermod -aG " + group + " USER, then log in again)");
            }
            throw new Unreachable("the daemon does not answer on " + socket + " (" + reason
                    + "): check systemctl status booth-daemon and journalctl -u booth-daemon");
        }
    }

    /** The group owning the socket, as ls -l shows it; "booth" (the package's) when it cannot be read. */
    private static String groupOf(Path socket) {
        try {
            return Files.readAttributes(socket, PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "booth";
        }
    }

    /** Sends one request and returns the response line. */
    public JsonNode call(ObjectNode request) throws IOException {
        send(request);
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the daemon closed the connection without answering");
        }
        return ControlProtocol.parse(line);
    }

    /**
     * Asks for the live outcomes and hands each to {@code each} until it returns false or the
     * daemon goes away.
     *
     * @return the daemon's answer to the tail request (ok, or an error)
     */
    public JsonNode tail(Predicate<JsonNode> each) throws IOException {
        JsonNode answer = call(ControlProtocol.request("tail"));
        if (!answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String line;
        while ((line = in.readLine()) != null) {
            if (!each.test(ControlProtocol.parse(line).path("outcome"))) {
                break;
            }
        }
        return answer;
    }

    private void send(ObjectNode request) throws IOException {
        ByteBuffer b = StandardCharsets.UTF_8.encode(ControlProtocol.line(request));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
