package booth.screen;

import booth.model.Topology;
import booth.protocol.Rejections;
import booth.protocol.kafka.EventStream;
import booth.protocol.kafka.UntilMade;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * booth-screen: the whole booth on a TV. Reads the clients' outcome, health and cluster events
 * from Kafka and serves the page that draws them (see the README, "The booth screen"). One
 * thread consumes and owns the state; the HTTP threads only send what it last published.
 */
public final class BoothScreenService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BoothScreenService.class);

    private final ScreenConfig config;
    private final BoothScreen screen;
    private final Rejections rejections;
    /**
     * Made on the consumer thread, not at construction: Kafka refuses to make a client while none
     * of the brokers' names resolves, and the booth's DNS may come up after the TV. Null until then.
     */
    private volatile EventStream stream;
    private final ScreenServer server;
    private final Thread consumer;
    /** Counted down by {@link #close()}: ends the consumer's wait between attempts to make the stream. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;

    public BoothScreenService(ScreenConfig config, Optional<Topology> topology) throws IOException {
        this.config = config;
        this.rejections = new Rejections("booth screen", log::warn, System::nanoTime);
        this.screen = new BoothScreen(config.silentAfter(), topology, ZoneId.systemDefault(), rejections);
        this.server = new ScreenServer(config.listen());
        this.consumer = new Thread(this::consume, "screen-consumer");
    }

    public void start() {
        server.start();
        consumer.start();
    }

    /** Where the page is, for example {@code http://127.0.0.1:8080/}. */
    public String url() {
        return "http://" + server.address().getHostString() + ":" + server.address().getPort() + "/";
    }

    private void consume() {
        Map<String, BoothScreen.Source> sources = Map.of(config.outcomeTopic(), BoothScreen.Source.OUTCOME,
                config.healthTopic(), BoothScreen.Source.HEALTH, config.clusterTopic(), BoothScreen.Source.CLUSTER);
        Instant started = Instant.now();
        server.publish(screen.snapshot(started, Set.copyOf(config.topics()))); // silent until the stream is made
        stream = UntilMade.make(() -> new EventStream(config.bootstrapServers(), config.topics(), config.history(), rejections),
                "the screen's consumer (screen.kafka.bootstrap-servers " + config.bootstrapServers() + ")",
                "the page shows every topic as missing", closing, log::warn, log::info).orElse(null);
        while (running && stream != null) {
            try {
                List<EventStream.Event> events = stream.poll(Duration.ofMillis(250));
                for (EventStream.Event e : events) {
                    // the history read at start counts as of when it was sent, never as live; a refusal is
                    // counted and said (once per kind a minute) by the screen's rejections
                    if (e.sent().isBefore(started)) {
                        screen.replay(sources.get(e.topic()), e.value(), e.sent());
                    } else {
                        screen.accept(sources.get(e.topic()), e.value(), Instant.now());
                    }
                }
                server.publish(screen.snapshot(Instant.now(), stream.missingTopics()));
            } catch (RuntimeException e) {
                // the screen must go on showing the silence rather than stop
                log.error("screen state not updated: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        closing.countDown();
        EventStream s = stream;
        if (s != null) {
            s.wakeup();
        }
        try {
            consumer.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        if (stream != null) {
            stream.close();
        }
    }
}
