package booth.protocol.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A connection to a daemon's control socket: what democtl and the chaos soak speak through.
 * Every step has a deadline ({@link #CONNECT_LIMIT} to connect, {@link #ANSWER_LIMIT} for an
 * answer, {@link #TRUNCATE_ANSWER_LIMIT} for a reset that empties the table), so that a daemon
 * that stopped answering makes its clients fail in seconds instead of hanging.
 */
public final class ControlClient implements AutoCloseable {
    public static final Duration CONNECT_LIMIT = Duration.ofSeconds(3);
    public static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);
    /** The daemon waits 30 s for Cassandra to empty the table; its answer may take that long. */
    public static final Duration TRUNCATE_ANSWER_LIMIT = Duration.ofSeconds(35);

    /** The daemon answered {@code busy}: nothing was done, and trying again later may succeed. */
    public static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(String reason) {
            super("the daemon answered " + reason);
        }
    }

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

    private final LineChannel channel;

    private ControlClient(LineChannel channel) {
        this.channel = channel;
    }

    public static ControlClient connect(Path socket) throws Unreachable {
        if (!Files.exists(socket)) {
            throw new Unreachable("no control socket at " + socket + ": is the daemon running? "
                    + "(systemctl status booth-daemon; another path can be given with --socket or BOOTH_CONTROL_SOCKET)");
        }
        try {
            return new ControlClient(LineChannel.connect(socket, CONNECT_LIMIT));
        } catch (LineChannel.TimedOut e) {
            throw new Unreachable("the daemon does not take connections on " + socket + " within "
                    + CONNECT_LIMIT.toSeconds() + " s: it may be stuck; check systemctl status booth-daemon and journalctl -u booth-daemon");
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

    /** How long the answer to {@code request} may take. */
    static Duration limitFor(ControlRequest<?> request) {
        return request instanceof ControlRequest.Reset r && r.truncate() ? TRUNCATE_ANSWER_LIMIT : ANSWER_LIMIT;
    }

    /**
     * Sends one request and reads its answer, within {@link #limitFor} it.
     *
     * @throws Refused     the daemon refused it (and did nothing)
     * @throws Busy        the daemon answered busy (and did nothing)
     * @throws IOException the daemon went away or did not answer in time, or its answer cannot be read as this version's
     */
    public <A extends ControlAnswer> A call(ControlRequest<A> request) throws IOException, Refused {
        Duration limit = limitFor(request);
        long deadline = System.nanoTime() + limit.toNanos();
        String line;
        try {
            channel.write(RequestJson.encode(request), deadline);
            line = channel.readLine(deadline);
        } catch (LineChannel.TimedOut e) {
            throw new IOException("the daemon did not answer " + RequestJson.command(request) + " within "
                    + limit.toSeconds() + " s: it may be stuck; check systemctl status booth-daemon and journalctl -u booth-daemon", e);
        }
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
        if (answer instanceof ControlAnswer.Refusal r && r.reason().startsWith("busy:")) {
            throw new Busy(r.reason());
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
        while ((line = channel.readLine(Long.MAX_VALUE)) != null) {
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
        channel.close();
    }
}
