package booth.daemon.kafka;

import booth.daemon.config.BoothConfig;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka demo of one box: one record per tick to this client's topic at the visitor's acks
 * ({@link DemoProducer}), the partition's leader and in-sync replicas twice a second, after the
 * topic's creation ({@link PartitionDescriber}), and the circle: every record of the followed
 * topics, judged ({@link CircleFollower}). Each part has a thread of its own and reports through
 * the {@link Listener}; neither {@link #start} nor {@link #produce} waits for a broker, so the
 * write loop that calls them keeps its pace whatever the brokers do.
 */
public final class KafkaDemo implements AutoCloseable {
    /** Where the demo's findings go; called on the demo's own threads, must return at once. */
    public interface Listener {
        /** The partition of this client's topic as last described. */
        void view(PartitionView view);

        /** The circle's counts, after every batch of records consumed. */
        void circle(CircleCounts counts);

        /** The circle's consumer failed and starts again in {@code restartIn}; its next counts say it runs again. */
        default void circleStopped(Duration restartIn) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KafkaDemo.class);

    private final String topic;
    private final String bootstrap;
    private final DemoProducer producer;
    private final PartitionDescriber describer;
    private final CircleFollower circle;

    /** Makes the parts; starts no thread and reaches no broker. */
    public KafkaDemo(String client, BoothConfig.KafkaDemo config, Listener listener, Clock clock) {
        this.topic = config.topic(client);
        this.bootstrap = config.bootstrapServers();
        TopicGate gate = new TopicGate();
        this.producer = new DemoProducer(client, topic, bootstrap, gate, clock);
        this.describer = new PartitionDescriber(client, config, gate, listener::view);
        this.circle = new CircleFollower(client, config, clock, new CircleFollower.Reports() {
            @Override
            public void counts(CircleCounts counts) {
                listener.circle(counts);
            }

            @Override
            public void stopped(Duration restartIn) {
                listener.circleStopped(restartIn);
            }
        });
    }

    /** This client's demo topic. */
    public String topic() {
        return topic;
    }

    /**
     * Starts the parts' threads and returns at once: the set-up (the admin client, the topic's
     * creation, the first describe) is the describer's first run, on its thread.
     */
    public void start() {
        describer.start();
        circle.start();
        log.info("Kafka demo: producing to {} at {}, following {}", topic, bootstrap, circle.topics());
    }

    /**
     * Hands the next record at {@code acks} to the producer's thread and returns at once; the
     * outcome completes within about two seconds, never exceptionally. One record at a time.
     */
    public CompletionStage<ProduceOutcome> produce(Acks acks) {
        return producer.produce(acks);
    }

    @Override
    public void close() {
        describer.close();
        circle.close();
        producer.close();
    }
}
