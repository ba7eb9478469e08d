package booth.daemon.kafka;

import booth.daemon.config.BoothConfig;
import booth.model.Circle;
import booth.model.CircleCounts;
import booth.protocol.CircleJson;
import booth.protocol.kafka.EventStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka demo's circle, on a thread of its own ("kafka-circle"): consumes the followed topics
 * from now on and judges every record with {@link Circle}, reporting the counts whenever they
 * change.
 */
final class CircleFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CircleFollower.class);
    /** How long one poll waits for records: also how soon the thread sees that it must stop. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final String client;
    private final BoothConfig.KafkaDemo config;
    private final Clock clock;
    private final Consumer<CircleCounts> counts;
    private final Thread thread;
    private volatile boolean open = true;

    /** @param counts where the counts go, on the circle's thread: must return at once */
    CircleFollower(String client, BoothConfig.KafkaDemo config, Clock clock, Consumer<CircleCounts> counts) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.counts = counts;
        this.thread = new Thread(this::follow, "kafka-circle");
        thread.setDaemon(true);
    }

    /** The topics followed. */
    List<String> topics() {
        return config.circle().stream().map(config::topic).toList();
    }

    void start() {
        thread.start();
    }

    private void follow() {
        Circle circle = new Circle(client, config.lateAfter());
        try (EventStream stream = EventStream.circle(config.bootstrapServers(), client, topics())) {
            CircleCounts reported = null;
            while (open) {
                for (EventStream.Event e : stream.poll(POLL)) {
                    long now = clock.millis();
                    CircleJson.decode(e.value()).ifPresent(r -> circle.consumed(r, now));
                }
                CircleCounts c = circle.counts();
                if (!c.equals(reported)) {
                    counts.accept(c);
                    reported = c;
                }
            }
        } catch (RuntimeException e) {
            if (open) {
                log.error("Kafka demo: the circle stopped: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
