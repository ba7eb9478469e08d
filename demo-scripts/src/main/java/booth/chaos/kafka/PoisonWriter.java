package booth.chaos.kafka;

import booth.protocol.kafka.KafkaClients;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A hostile producer on the booth network: writes {@link PoisonLines} to the events topics, each
 * made from a real event of the booth, and reads back the real events it starts from. Every
 * write waits for the brokers' acknowledgement, so once a method returns the poison is on the
 * topic, ahead of whatever the boxes write next.
 */
public final class PoisonWriter implements AutoCloseable {
    /** How long a write or a look at a topic may take before the poison is given up. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** How far back from a partition's end the last event of a client is looked for. */
    private static final int LOOK_BACK = 200;

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    public PoisonWriter(String bootstrap) {
        this.bootstrap = bootstrap;
        // the booth's own event settings: the poison is what another client on its network could send
        this.producer = new KafkaProducer<>(KafkaClients.eventProducer("poison", bootstrap));
    }

    /**
     * The {@link PoisonLines#events events poison}, made from {@code client}'s last outcome on
     * {@code outcomeTopic}, written to {@code outcomeTopic} and {@code clusterTopic}.
     *
     * @throws IOException when there is no outcome of {@code client} to start from, or a write is not acknowledged
     */
    public void events(String outcomeTopic, String clusterTopic, String client) throws IOException {
        String real = lastValue(outcomeTopic, client)
                .orElseThrow(() -> new IOException("no outcome of " + client + " on " + outcomeTopic + " to make the poison from"));
        for (PoisonLines.EventLine line : PoisonLines.events(client, real)) {
            write(line.outcome() ? outcomeTopic : clusterTopic, line.key(), line.value());
        }
    }

    /** Writes one line, acknowledged by every in-sync replica. */
    public void write(String topic, String key, String value) throws IOException {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IOException("poison not written to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted writing the poison to " + topic, e);
        }
    }

    /**
     * The last value keyed {@code key} among the last records of each partition of {@code topic}
     * (any key when {@code key} is null); empty when there is none within {@link #WAIT}.
     */
    public Optional<String> lastValue(String topic, String key) throws IOException {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(KafkaClients.watcher(bootstrap, "poison-look"))) {
            List<TopicPartition> parts = c.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> ends = c.endOffsets(parts, WAIT);
            c.assign(parts);
            parts.forEach(p -> c.seek(p, Math.max(0, ends.get(p) - LOOK_BACK)));
            ConsumerRecord<String, String> last = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(p -> c.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if ((key == null || key.equals(r.key())) && (last == null || r.timestamp() >= last.timestamp())) {
                        last = r;
                    }
                }
            }
            return Optional.ofNullable(last).map(ConsumerRecord::value);
        } catch (KafkaException e) {
            // a broker that does not answer in time (Kafka's TimeoutException is one): the poison is not run, the run goes on
            throw new IOException("cannot read " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
