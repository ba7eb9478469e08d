package booth.protocol.control;

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

/** A connection to a daemon's control socket: what democtl and the chaos soak speak through. */
public final class ControlClient implements AutoCloseable {
    /** The daemon cannot be reached; the message says why and what to check. */
    public static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }

    /** The daemon refused the request and did nothing; {@link #reason} is its error, as it said it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Refused(String reason) {
            super("the daemon refused: " + reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
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

    /**
     * Sends one request and reads its answer.
     *
     * @throws Refused     the daemon refused it (and did nothing)
     * @throws IOException the daemon went away, or its answer cannot be read as this version's
     */
    public <A extends ControlAnswer> A call(ControlRequest<A> request) throws IOException, Refused {
        ByteBuffer b = StandardCharsets.UTF_8.encode(RequestJson.encode(request));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the daemon closed the connection without answering");
        }
        ControlAnswer answer;
        try {
            answer = AnswerJson.decode(request, line);
        } catch (IllegalArgumentException e) {
            throw new IOException("the daemon's answer to " + RequestJson.command(request) + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (answer instanceof ControlAnswer.Refusal r) {
            throw new Refused(r.reason());
        }
        @SuppressWarnings("unchecked") // AnswerJson.decode answers a request with its own answer type, or a refusal
        A done = (A) answer;
        return done;
    }

    /**
     * Asks for the live outcomes and hands each, as the outcome stream's line without its newline,
     * to {@code each} until it returns false or the daemon goes away.
     *
     * @throws Refused the daemon refused to tail
     */
    public void tail(Predicate<String> each) throws IOException, Refused {
        call(new ControlRequest.Tail());
        String line;
        while ((line = in.readLine()) != null) {
            String outcome;
            try {
                outcome = AnswerJson.outcome(line);
            } catch (IllegalArgumentException e) {
                throw new IOException("a tail line cannot be read: " + e.getMessage(), e);
            }
            if (!each.test(outcome)) {
                break;
            }
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
