package booth.daemon.control;

import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.model.Level;
import booth.model.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket (see {@link ControlProtocol}). It can never hold up the write loop
 * or the display: requests only read the published state or queue events. Each connection has
 * a thread of its own (at most {@link #MAX_CONNECTIONS}); a line over {@link ControlProtocol#MAX_LINE}
 * bytes, a client idle for a minute, or one that stops reading what it asked to tail, is
 * disconnected. Malformed requests get an error response and the connection stays open.
 */
public final class ControlServer implements AutoCloseable {
    public static final int MAX_CONNECTIONS = 8;
    static final Duration IDLE = Duration.ofSeconds(60);
    static final Duration WRITE_STUCK = Duration.ofSeconds(10);
    static final int TAIL_QUEUE = 100;

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final DaemonControl daemon;
    private final ServerSocketChannel server;
    private final Map<Connection, Boolean> connections = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private final Thread reaper;
    private volatile boolean open = true;

    private final class Connection {
        final SocketChannel channel;
        volatile long lastRead = System.nanoTime();
        volatile long writingSince;
        volatile BlockingQueue<String> tail;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Binds the socket at {@code path} with mode 0660 (and group {@code group} when not empty),
     * replacing a stale socket file.
     *
     * @throws IOException the path is taken by a live daemon, or cannot be bound
     */
    public ControlServer(Path path, String group, DaemonControl daemon) throws IOException {
        this.path = path;
        this.daemon = daemon;
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

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("another daemon answers on " + path);
        } catch (IOException refused) {
            if (refused.getMessage() != null && refused.getMessage().startsWith("another daemon")) {
                throw refused;
            }
            Files.delete(path); // nobody listens: left over from a daemon that died
        }
    }

    /** Hands an outcome line to every tail subscriber; never blocks (a lagging one is cut off). */
    public void publish(String outcomeJson) {
        for (Connection c : connections.keySet()) {
            BlockingQueue<String> q = c.tail;
            if (q != null && !q.offer(outcomeJson)) {
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
            Connection c = new Connection(channel);
            if (connections.size() >= MAX_CONNECTIONS) {
                send(c, ControlProtocol.line(ControlProtocol.error("busy: " + MAX_CONNECTIONS + " clients connected")));
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
            for (Connection c : connections.keySet()) {
                boolean idle = c.tail == null && now - c.lastRead > IDLE.toNanos();
                boolean stuck = c.writingSince != 0 && now - c.writingSince > WRITE_STUCK.toNanos();
                if (idle || stuck) {
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

    private void serve(Connection c) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(ControlProtocol.MAX_LINE + 1);
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            while (open) {
                chunk.clear();
                int n = c.channel.read(chunk);
                if (n < 0) {
                    return;
                }
                c.lastRead = System.nanoTime();
                chunk.flip();
                while (chunk.hasRemaining()) {
                    byte b = chunk.get();
                    if (b == '\n') {
                        buffer.flip();
                        String line = StandardCharsets.UTF_8.decode(buffer).toString().strip();
                        buffer.clear();
                        if (!line.isEmpty() && !handle(c, line)) {
                            return;
                        }
                    } else if (buffer.hasRemaining()) {
                        buffer.put(b);
                    } else {
                        send(c, ControlProtocol.line(ControlProtocol.error(
                                "request longer than " + ControlProtocol.MAX_LINE + " bytes")));
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

    /** Answers one request line; false when the connection is to end (after a tail). */
    private boolean handle(Connection c, String line) throws IOException {
        JsonNode request;
        try {
            request = ControlProtocol.parse(line);
        } catch (IllegalArgumentException e) {
            return send(c, ControlProtocol.line(ControlProtocol.error(e.getMessage())));
        }
        if (request.path("v").asInt(-1) != ControlProtocol.VERSION) {
            return send(c, ControlProtocol.line(ControlProtocol.error(
                    "unsupported protocol version " + request.path("v") + " (this daemon speaks " + ControlProtocol.VERSION + ")")));
        }
        String cmd = request.path("cmd").asText("");
        if (cmd.equals("tail")) {
            tail(c);
            return false;
        }
        ObjectNode response;
        try {
            response = answer(cmd, request);
        } catch (RuntimeException e) {
            log.warn("control: {} failed", cmd, e);
            response = ControlProtocol.error(cmd + " failed: " + e.getMessage());
        }
        return send(c, ControlProtocol.line(response));
    }

    ObjectNode answer(String cmd, JsonNode request) {
        switch (cmd) {
            case "status":
                return status();
            case "set-level": {
                String what = request.path("what").asText("");
                String name = request.path("level").asText("");
                if (!what.equals("write") && !what.equals("read")) {
                    return ControlProtocol.error("set-level needs \"what\": \"write\" or \"read\"");
                }
                var levels = what.equals("write") ? Level.WRITE_LEVELS : Level.READ_LEVELS;
                var level = Level.parse(name).filter(levels::contains);
                if (level.isEmpty()) {
                    return ControlProtocol.error("unknown " + what + " level '" + name + "'; valid: " + Level.names(levels));
                }
                daemon.post(new UiEvent.SetLevel(what.equals("write"), level.get()));
                ObjectNode ok = ControlProtocol.ok();
                ok.put(what + "_level", level.get().name());
                return ok;
            }
            case "pause":
            case "resume":
                daemon.post(new UiEvent.Paused(cmd.equals("pause")));
                return ControlProtocol.ok().put("paused", cmd.equals("pause"));
            case "reset": {
                if (request.path("truncate").asBoolean(false)) {
                    try {
                        daemon.truncate().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        return ControlProtocol.error("truncate did not finish within 30 s");
                    } catch (Exception e) {
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        return ControlProtocol.error("truncate failed: " + cause.getMessage());
                    }
                }
                daemon.post(new UiEvent.ResetDemo());
                return ControlProtocol.ok().put("truncated", request.path("truncate").asBoolean(false));
            }
            case "restart-display":
                daemon.post(new UiEvent.RestartDisplay());
                return ControlProtocol.ok();
            case "topology": {
                ObjectNode ok = ControlProtocol.ok();
                ArrayNode nodes = ok.putArray("nodes");
                for (var n : daemon.topology()) {
                    ObjectNode o = nodes.addObject();
                    o.put("dc", n.dc());
                    o.put("rack", n.rack());
                    o.put("address", n.address());
                    o.put("name", n.name());
                    o.put("state", n.state());
                    o.put("open_connections", n.openConnections());
                }
                return ok;
            }
            default:
                return ControlProtocol.error("unknown command '" + cmd
                        + "'; commands: status, set-level, pause, resume, reset, restart-display, topology, tail");
        }
    }

    private ObjectNode status() {
        UiState s = daemon.state();
        ObjectNode ok = ControlProtocol.ok();
        ObjectNode st = ok.putObject("status");
        st.put("client", daemon.clientName());
        st.put("local_dc", daemon.localDc());
        st.put("write_level", s.writeLevel().name());
        st.put("read_level", s.readLevel().name());
        st.put("read_back", s.readBack());
        st.put("paused", s.paused());
        st.put("connection", s.connected() ? "connected" : "connecting");
        st.put("connecting_s", s.connecting().toSeconds());
        st.put("plate_present", daemon.platePresent());
        st.put("uptime_s", daemon.uptime().toSeconds());
        ObjectNode counters = st.putObject("counters");
        for (OutcomeKind kind : OutcomeKind.values()) {
            counters.put(kind.wireName(), s.stats().count(kind));
        }
        counters.put("skipped_ticks", s.stats().skipped());
        ObjectNode latency = st.putObject("latency_ms");
        var p50 = s.stats().percentile(50);
        var p99 = s.stats().percentile(99);
        if (p50 == null) {
            latency.putNull("p50");
            latency.putNull("p99");
        } else {
            latency.put("p50", p50.toNanos() / 1e6);
            latency.put("p99", p99.toNanos() / 1e6);
        }
        st.put("dropped_outcomes", daemon.droppedOutcomes());
        ObjectNode kafka = st.putObject("kafka");
        var counts = daemon.eventCounts();
        kafka.put("enabled", counts.isPresent());
        counts.ifPresent(c -> {
            kafka.put("published", c.published());
            kafka.put("delivered", c.delivered());
            kafka.put("dropped", c.dropped());
            kafka.put("queued", c.queued());
        });
        var last = daemon.lastOutcomeJson();
        if (last.isPresent()) {
            st.set("last", ControlProtocol.parse(last.get()));
        } else {
            st.putNull("last");
        }
        return ok;
    }

    private void tail(Connection c) throws IOException {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(TAIL_QUEUE);
        c.tail = q;
        if (!send(c, ControlProtocol.line(ControlProtocol.ok().put("tail", true)))) {
            return;
        }
        while (open && c.channel.isOpen()) {
            String outcome;
            try {
                outcome = q.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (outcome != null && !send(c, "{\"v\":" + ControlProtocol.VERSION + ",\"outcome\":" + outcome.strip() + "}\n")) {
                return;
            }
        }
    }

    /** Writes a whole line; false when the client is gone. The reaper ends a write stuck too long. */
    private boolean send(Connection c, String line) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(line);
        c.writingSince = System.nanoTime();
        try {
            while (b.hasRemaining()) {
                c.channel.write(b);
            }
            return true;
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            c.writingSince = 0;
        }
    }

    private void closeQuietly(Connection c) {
        connections.remove(c);
        try {
            c.channel.close();
        } catch (IOException e) {
            // already gone
        }
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
