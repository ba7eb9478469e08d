package booth.screen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The page, its two assets and the booth's state, served by the JDK's own HTTP server (no
 * library: four fixed paths and one event stream need none): {@code /} the page,
 * {@code /screen.css}, {@code /screen.js}, {@code /state} the state as JSON, and
 * {@code /events} the state pushed as Server-Sent Events whenever it changes (at least every
 * second: the silences count up). At most {@link #STREAMS} pages at once, each on a thread of
 * its own; another gets 503.
 */
final class ScreenServer implements AutoCloseable {
    static final int STREAMS = 8;

    private record Asset(String type, byte[] body) {
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final Map<String, Asset> assets;
    private final AtomicInteger streams = new AtomicInteger();
    private final Object changed = new Object();
    private volatile String state = "{}";
    private long version;
    private volatile boolean open = true;

    /** @throws IOException the address cannot be bound (taken, or not this machine's) */
    ScreenServer(InetSocketAddress listen) throws IOException {
        assets = Map.of(
                "/", asset("index.html", "text/html; charset=utf-8"),
                "/index.html", asset("index.html", "text/html; charset=utf-8"),
                "/screen.css", asset("screen.css", "text/css; charset=utf-8"),
                "/screen.js", asset("screen.js", "text/javascript; charset=utf-8"));
        http = HttpServer.create(listen, 16);
        threads = Executors.newFixedThreadPool(STREAMS + 4, r -> {
            Thread t = new Thread(r, "screen-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = ScreenServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks booth/screen/" + name);
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        http.start();
    }

    /** The address it listens on (the port chosen when 0 was asked for). */
    InetSocketAddress address() {
        return http.getAddress();
    }

    /** The state every page shows from now on; the same state again is not pushed again. */
    void publish(String json) {
        if (json.equals(state)) {
            return; // the consumer publishes after every poll; most polls change nothing a page shows
        }
        state = json;
        synchronized (changed) {
            version++;
            changed.notifyAll();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
                send(x, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/events")) {
                stream(x);
            } else if (path.equals("/state")) {
                send(x, 200, "application/json", state.getBytes(StandardCharsets.UTF_8));
            } else if (assets.containsKey(path)) {
                Asset a = assets.get(path);
                send(x, 200, a.type(), a.body());
            } else {
                send(x, 404, "text/plain", ("no " + path + " here; the booth screen is at /\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            x.getResponseBody().write(body);
        }
    }

    /** Server-Sent Events: the state on connect, then on every change; returns when the page goes. */
    private void stream(HttpExchange x) throws IOException {
        if (streams.incrementAndGet() > STREAMS) {
            streams.decrementAndGet();
            send(x, 503, "text/plain", ("already " + STREAMS + " pages open on this screen service\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            long seen = -1;
            while (open) {
                String now;
                synchronized (changed) {
                    if (version == seen) {
                        changed.wait(1000);
                    }
                    seen = version;
                    now = state;
                }
                out.write(("data: " + now + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the page was closed or reloaded
        } finally {
            streams.decrementAndGet();
        }
    }

    @Override
    public void close() {
        open = false;
        synchronized (changed) {
            changed.notifyAll();
        }
        http.stop(0);
        threads.shutdownNow();
    }
}
