package booth.protocol.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the events of every client of the booth, live: from now on, on every partition of
 * the given topics, without a consumer group (watching from a laptop commits nothing).
 */
public final class EventWatch {
    private EventWatch() {
    }

    /**
     * Hands each event's JSON to {@code each} until it returns false.
     *
     * @throws IllegalStateException when the topics cannot be found within {@code patience}
     */
    public static void follow(String bootstrap, List<String> topics, Duration patience, Predicate<String> each) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaClients.watcher(bootstrap, "booth-watch"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            long deadline = System.nanoTime() + patience.toNanos();
            for (String topic : topics) {
                List<PartitionInfo> info = List.of();
                while (info.isEmpty()) {
                    try {
                        info = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                    } catch (RuntimeException e) {
                        info = List.of();
                    }
                    if (info.isEmpty() && System.nanoTime() > deadline) {
                        throw new IllegalStateException("no topic " + topic + " at " + bootstrap
                                + " (is Kafka up, and has a client with kafka.enabled written yet?)");
                    }
                }
                info.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!each.test(r.value())) {
                        return;
                    }
                }
            }
        }
    }
}
