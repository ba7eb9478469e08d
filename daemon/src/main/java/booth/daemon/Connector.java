package booth.daemon;

import booth.daemon.cassandra.DemoCluster;
import booth.daemon.config.BoothConfig;
import booth.daemon.ui.UiEvent;
import booth.hal.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "connector" thread: opens the driver's session (it keeps trying while the cluster is
 * down, telling the ui how long every second), creates the keyspace and table if missing, and
 * hands the ready cluster over once. It never gives up; {@link #close()} ends it and closes a
 * session that was still being opened.
 */
final class Connector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connector.class);

    private final BoothConfig config;
    private final Map<String, String> names;
    private final Ticker ticker;
    private final Consumer<UiEvent> post;
    private final Consumer<DemoCluster> ready;
    private final Thread thread;
    private volatile boolean running = true;
    /** The session being opened or opened: closed by {@link #close()} whatever its state. */
    private volatile CompletableFuture<DemoCluster> session;

    /**
     * @param ready gets the connected cluster with its schema ready, on the connector thread
     */
    Connector(BoothConfig config, Map<String, String> names, Ticker ticker, Consumer<UiEvent> post,
              Consumer<DemoCluster> ready) {
        this.config = config;
        this.names = Map.copyOf(names);
        this.ticker = ticker;
        this.post = post;
        this.ready = ready;
        this.thread = new Thread(this::run, "connector");
        thread.setDaemon(true);
    }

    /** Starts connecting, once: later calls (the demo switched back to Cassandra) do nothing. */
    synchronized void start() {
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    private void run() {
        long began = ticker.nanoTime();
        log.info("connecting to {} (local DC {})", config.contactPoints(), config.localDc());
        DemoCluster cluster = null;
        try {
            while (running && cluster == null) {
                session = DemoCluster.connect(config, names).toCompletableFuture();
                cluster = await(session, began);
            }
            while (running) {
                try {
                    cluster.prepare().toCompletableFuture().get();
                    break;
                } catch (ExecutionException e) {
                    log.warn("cannot create the demo keyspace or table yet: {}; retrying", e.getCause().getMessage());
                    post.accept(new UiEvent.Connecting(Duration.ofNanos(ticker.nanoTime() - began)));
                    Thread.sleep(1000); // the retry pace, not a wait for another thread
                }
            }
        } catch (InterruptedException e) {
            return;
        }
        if (!running) {
            return;
        }
        log.info("connected; writing every {} ms", config.writeInterval().toMillis());
        post.accept(new UiEvent.Connected());
        ready.accept(cluster);
    }

    /** The session once open, telling the ui every second; null when it failed (after a pause to retry). */
    private DemoCluster await(CompletableFuture<DemoCluster> opening, long began) throws InterruptedException {
        while (running) {
            try {
                return opening.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillTrying) {
                post.accept(new UiEvent.Connecting(Duration.ofNanos(ticker.nanoTime() - began)));
            } catch (ExecutionException e) {
                log.warn("cannot open a session: {}; retrying", e.getCause().getMessage());
                Thread.sleep(1000); // the retry pace
                return null;
            }
        }
        return null;
    }

    /** Ends the thread and closes the session, also one still being opened (when it opens). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            if (thread.isAlive()) {
                thread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<DemoCluster> s = session;
        if (s != null) {
            s.thenAccept(DemoCluster::close);
        }
    }
}
