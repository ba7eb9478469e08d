package booth.daemon.control;

import booth.protocol.control.AnswerJson;
import booth.protocol.control.BadRequest;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlClient;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import booth.protocol.control.RequestJson;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's transport (the protocol is {@code booth.protocol.control}'s; the
 * commands are {@link ControlCommands}). Threads: "control-accept" takes connections, one "control-client"
 * thread per connection reads its lines and writes its answers, "control-reaper" closes idle
 * and stuck ones; {@link #publish} is called on the ui thread. It can never hold up the write loop
 * or the display: requests only read the published state or hand changes to the ui thread
 * (waiting {@link ControlCommands#REQUEST_LIMIT} at most). Each connection has a thread of its
 * own; who may connect is {@link Admission}'s (8 places, the last kept for root, 4 per user). A
 * line over {@link RequestJson#MAX_LINE} bytes, a client that sends no complete line for a
 * minute (a byte now and then does not count), or one that stops reading what it asked to tail,
 * is disconnected. Malformed requests get an error response and the connection stays open.
 */
public final class ControlServer implements AutoCloseable {
    public static final int MAX_CONNECTIONS = Admission.PLACES;
    static final Duration IDLE = Duration.ofSeconds(60);
    static final Duration WRITE_STUCK = Duration.ofSeconds(10);
    static final int TAIL_QUEUE = 100;

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final Duration idle;
    private final ControlCommands commands;
    private final ServerSocketChannel server;
    private final Map<ControlConnection, Boolean> connections = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private final Thread reaper;
    private volatile boolean open = true;

    /**
     * Binds the socket at {@code path} with mode 0660 (and group {@code group} when not empty),
     * replacing a stale socket file.
     *
     * @throws IOException the path is taken by a live daemon, or cannot be bound
     */
    public ControlServer(Path path, String group, DaemonControl daemon) throws IOException {
        this(path, group, daemon, IDLE);
    }

    /** @param idle how long a client may send no complete line (tests shorten it) */
    ControlServer(Path path, String group, DaemonControl daemon, Duration idle) throws IOException {
        this.path = path;
        this.idle = idle;
        this.commands = new ControlCommands(daemon);
        Files.createDirectories(path.toAbsolutePath().getParent());
        removeStale(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        if (!group.isEmpty()) {
            GroupPrincipal g = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(g);
        }
        acceptor = new Thread(this::accept, "control-accept");
        acceptor.setDaemon(true);
        reaper = new Thread(this::reap, "control-reaper");
        reaper.setDaemon(true);
    }

    public void start() {
        acceptor.start();
        reaper.start();
        log.info("control socket at {}", path);
    }

    /** The socket is held by another live daemon: this one must not start (its message names the other). */
    public static final class Taken extends IOException {
        private static final long serialVersionUID = 1L;

        Taken(String message) {
            super(message);
        }
    }

    /**
     * Refuses a socket another live daemon answers on, naming it (client, process, uptime) as its
     * status says; a socket file nobody answers on is left over and is no obstacle.
     */
    public static void checkFree(Path path) throws Taken {
        if (!Files.exists(path)) {
            return;
        }
        try (ControlClient other = ControlClient.connect(path)) {
            String who;
            try {
                DaemonStatus.Box box = other.call(new ControlRequest.Status()).status().box();
                who = box.client() + " (pid " + box.pid() + ", up " + box.uptimeS() + " s)";
            } catch (IOException | ControlClient.Refused | RuntimeException unreadable) {
                who = "another daemon";
            }
            throw new Taken(who + " already answers on " + path + ": stop it first (one daemon per box; "
                    + "democtl --socket " + path + " status shows it)");
        } catch (ControlClient.Unreachable e) {
            if (e.getMessage().startsWith("permission denied")) {
                throw new Taken("another daemon's socket is at " + path + " and this user may not reach it: " + e.getMessage());
            }
            // nobody listens: left over from a daemon that died
        }
    }

    private static void removeStale(Path path) throws IOException {
        checkFree(path);
        Files.deleteIfExists(path);
    }

    /**
     * Hands an outcome line to every tail subscriber; never blocks (a lagging one is cut off).
     * The tail line is made once, and only when somebody tails.
     */
    public void publish(String outcomeJson) {
        String line = null;
        for (ControlConnection c : connections.keySet()) {
            BlockingQueue<String> q = c.tail;
            if (q == null) {
                continue;
            }
            if (line == null) {
                line = AnswerJson.tailLine(outcomeJson);
            }
            if (!q.offer(line)) {
                log.info("control: a tail client is not reading; disconnecting it");
                closeQuietly(c);
            }
        }
    }

    private void accept() {
        while (open) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (open) {
                    log.warn("control socket accept failed: {}", e.getMessage());
                }
                return;
            }
            ControlConnection c = ControlConnection.of(channel, path);
            Optional<String> busy = Admission.refusal(c.user,
                    connections.keySet().stream().map(k -> k.user).toList());
            if (busy.isPresent()) {
                c.send(AnswerJson.encode(new ControlAnswer.Refusal(busy.get())));
                closeQuietly(c);
                continue;
            }
            connections.put(c, true);
            Thread t = new Thread(() -> serve(c), "control-client");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Closes connections that have been idle too long or cannot be written to. */
    private void reap() {
        while (open) {
            long now = System.nanoTime();
            for (ControlConnection c : connections.keySet()) {
                boolean quiet = c.tail == null && now - c.lastLine > idle.toNanos();
                boolean stuck = c.writingSince != 0 && now - c.writingSince > WRITE_STUCK.toNanos();
                if (quiet || stuck) {
                    closeQuietly(c);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(ControlConnection c) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(RequestJson.MAX_LINE + 1);
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            while (open) {
                chunk.clear();
                int n = c.channel.read(chunk);
                if (n < 0) {
                    return;
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    byte b = chunk.get();
                    if (b == '\n') {
                        c.lastLine = System.nanoTime();
                        buffer.flip();
                        String line = StandardCharsets.UTF_8.decode(buffer).toString().strip();
                        buffer.clear();
                        if (!handle(c, line)) {
                            return;
                        }
                    } else if (buffer.hasRemaining()) {
                        buffer.put(b);
                    } else {
                        c.send(AnswerJson.encode(new ControlAnswer.Refusal(
                                "request longer than " + RequestJson.MAX_LINE + " bytes")));
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // client went away, or was disconnected by the reaper
        } finally {
            closeQuietly(c);
        }
    }

    /** Answers one request line, blank or broken ones too; false when the connection is to end (after a tail). */
    private boolean handle(ControlConnection c, String line) throws IOException {
        String answer;
        try {
            ControlRequest<?> request = RequestJson.decode(line);
            if (request instanceof ControlRequest.Tail) {
                tail(c);
                return false;
            }
            answer = AnswerJson.encode(commands.answer(request, c.peer));
        } catch (BadRequest | IllegalArgumentException e) {
            answer = AnswerJson.encode(new ControlAnswer.Refusal(e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("control: a request failed: {}", line, e);
            answer = AnswerJson.encode(new ControlAnswer.Refusal("the request failed: " + e));
        }
        return c.send(answer);
    }

    private void tail(ControlConnection c) throws IOException {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(TAIL_QUEUE);
        c.tail = q;
        if (!c.send(AnswerJson.encode(new ControlAnswer.Tailing()))) {
            return;
        }
        while (open && c.channel.isOpen()) {
            String outcome;
            try {
                outcome = q.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (outcome != null && !c.send(outcome)) {
                return;
            }
        }
    }

    private void closeQuietly(ControlConnection c) {
        connections.remove(c);
        c.close();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        connections.keySet().forEach(this::closeQuietly);
        acceptor.interrupt();
        reaper.interrupt();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", path, e.getMessage());
        }
    }
}
