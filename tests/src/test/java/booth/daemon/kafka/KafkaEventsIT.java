package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.LocalKafka;
import booth.daemon.ClientBox;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.KafkaBrokers;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The daemon's events on a real single Kafka broker (KRaft, from Maven Central). */
@ExtendWith(CassandraClusterExtension.class)
class KafkaEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaBrokers brokers;
    private final CassandraCluster it;

    KafkaEventsIT(CassandraCluster it) {
        this.it = it;
    }

    @BeforeAll
    static void broker() throws Exception {
        brokers = KafkaBrokers.start(LocalKafka.Layout.SINGLE);
    }

    @AfterAll
    static void stopBroker() {
        if (brokers != null) {
            brokers.close();
        }
    }

    private ClientBox box(String name, String topicPrefix) throws Exception {
        return TestBoxes.start(it, name, "LOCAL_QUORUM", """
                kafka { enabled = true, bootstrap-servers = "%s", outcome-topic = %s.outcomes,
                        health-topic = %s.health, health-interval = 1s }
                """.formatted(brokers.bootstrapServers(), topicPrefix, topicPrefix));
    }

    /** Every value of {@code topic}, from the beginning, until {@code expected} are in. */
    static List<String> consume(String bootstrap, String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            // anything more than expected would show up now
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(2))) {
                values.add(r.value());
            }
        }
        return values;
    }

    @Test
    void eventsOfARunOfWritesArriveCompleteAndParse() throws Exception {
        ClientBox box = box("kev1", "it1");
        Polling.until("six outcome events delivered", Duration.ofSeconds(90),
                () -> box.eventCounts().orElseThrow().outcomesDelivered() >= 6);
        box.close();
        BoothEvents.Counts counts = box.eventCounts().orElseThrow();
        List<String> outcomes = consume(brokers.bootstrapServers(), "it1.outcomes", counts.outcomesDelivered());
        assertEquals(counts.outcomesDelivered(), outcomes.size());
        for (String value : outcomes) {
            JsonNode e = JSON.readTree(value);
            assertEquals(1, e.path("v").asInt(), value);
            assertEquals("outcome", e.path("type").asText(), value);
            assertEquals("kev1", e.path("client").asText(), value);
            assertTrue(e.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), value);
            assertEquals("LOCAL_QUORUM", e.path("write_level").asText(), value);
            assertEquals("LOCAL_ONE", e.path("read_level").asText(), value);
            assertEquals("written", e.path("kind").asText(), value);
            assertTrue(e.path("latency_ms").isNumber(), value);
            assertEquals("DC1", e.path("coordinator").path("dc").asText(), value);
            assertTrue(e.path("coordinator").path("rack").asText().matches("r\\d"), value);
            assertTrue(e.path("coordinator").path("address").asText().startsWith("127.0.1."), value);
            assertTrue(e.path("error").isNull(), value);
            assertEquals(2, e.path("screen").size(), value);
            assertEquals("GREEN", e.path("backlight").asText(), value);
        }
        List<String> health = consume(brokers.bootstrapServers(), "it1.health", 1);
        assertTrue(!health.isEmpty(), "a health event every second");
        JsonNode h = JSON.readTree(health.get(0));
        assertEquals("health", h.path("type").asText());
        assertEquals("kev1", h.path("client").asText());
        assertEquals(3, h.path("load").size(), h.toString());
        assertTrue(h.path("mem_available_kb").isNumber() && h.path("uptime_s").isNumber(), h.toString());
        assertTrue(h.path("daemon").path("heap_used_bytes").asLong() > 0 && h.path("daemon").path("threads").asInt() > 0);
        assertTrue(h.path("events").has("dropped") && h.path("cpu_temp_c").isValueNode());
    }

    /** The largest gap between two writes while {@code outage} runs, in milliseconds. */
    private static long largestGapDuring(ClientBox box, Runnable outage, Duration watch) {
        long last = TestBoxes.writes(box);
        long lastAt = System.nanoTime();
        long largest = 0;
        outage.run();
        long end = System.nanoTime() + watch.toNanos();
        while (System.nanoTime() < end) {
            long now = TestBoxes.writes(box);
            if (now != last) {
                largest = Math.max(largest, (System.nanoTime() - lastAt) / 1_000_000);
                last = now;
                lastAt = System.nanoTime();
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // sampling the write counter, not waiting for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return largest;
            }
        }
        return Math.max(largest, (System.nanoTime() - lastAt) / 1_000_000);
    }

    @Test
    void aFrozenOrKilledBrokerNeverSlowsTheWritesAndEveryLostEventIsCounted() throws Exception {
        ClientBox box = box("kev2", "it2");
        Polling.until("events delivered", Duration.ofSeconds(90), () -> box.eventCounts().orElseThrow().outcomesDelivered() >= 3);
        System.gc();
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();

        ListAppender<ILoggingEvent> kafkaLog = new ListAppender<>();
        kafkaLog.start();
        Logger eventsLogger = (Logger) LoggerFactory.getLogger(KafkaEvents.class);
        eventsLogger.addAppender(kafkaLog);
        long frozenGap = largestGapDuring(box, () -> estop(false), Duration.ofSeconds(15));
        assertTrue(box.eventCounts().orElseThrow().dropped() > 0, "events that cannot be delivered are dropped and counted");
        restore();
        long deliveredBefore = box.eventCounts().orElseThrow().outcomesDelivered();
        Polling.until("events flow again after the thaw", Duration.ofSeconds(60),
                () -> box.eventCounts().orElseThrow().outcomesDelivered() > deliveredBefore + 2);

        long killedGap = largestGapDuring(box, () -> estop(true), Duration.ofSeconds(10));
        eventsLogger.detachAppender(kafkaLog);
        // What staff read, frozen and killed: the silent broker's address and since when, never
        // Kafka's "Topic ... not present in metadata"; one line as each failure starts.
        List<String> said = kafkaLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Kafka is not")).toList();
        assertEquals(2, said.size(), "one line as each of the two failures starts: " + said);
        for (String line : said) {
            assertTrue(line.matches("Kafka is not (delivering|taking) events: no broker has answered at "
                    + java.util.regex.Pattern.quote(brokers.bootstrapServers()) + " since \\d\\d:\\d\\d:\\d\\d; dropping and counting them"),
                    line);
        }
        restore();
        long deliveredAfterKill = box.eventCounts().orElseThrow().outcomesDelivered();
        Polling.until("events flow again after the relaunch", Duration.ofSeconds(90),
                () -> box.eventCounts().orElseThrow().outcomesDelivered() > deliveredAfterKill + 2);

        System.gc();
        long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("figures: largest gap between writes with the broker frozen %d ms, killed %d ms; heap %+d MiB%n",
                frozenGap, killedGap, (heapAfter - heapBefore) >> 20);
        // the tick is 1 s: a generous bound that still catches a write loop waiting on Kafka (max.block.ms 500, delivery 5 s)
        assertTrue(frozenGap < 2500, "writes stalled " + frozenGap + " ms with the broker frozen");
        assertTrue(killedGap < 2500, "writes stalled " + killedGap + " ms with the broker killed");
        assertTrue(heapAfter - heapBefore < 64L << 20, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MiB");

        box.close();
        BoothEvents.Counts c = box.eventCounts().orElseThrow();
        assertEquals(TestBoxes.writes(box), c.outcomesPublished(), "one event per write");
        assertEquals(c.outcomesPublished(), c.outcomesDelivered() + c.outcomesDropped(), "each delivered or dropped, once");
        List<String> consumed = consume(brokers.bootstrapServers(), "it2.outcomes", c.outcomesDelivered());
        long lost = c.outcomesPublished() - consumed.size();
        // Every event lost is counted as dropped. The count may exceed the loss by the events in
        // flight when the broker went silent: the broker may have written them without being
        // able to acknowledge, and no client can tell (at most 5 in flight per cut, 2 cuts here).
        assertTrue(consumed.size() >= c.outcomesDelivered(), "nothing acknowledged is missing");
        assertTrue(c.outcomesDropped() >= lost, "dropped " + c.outcomesDropped() + " < lost " + lost);
        assertTrue(c.outcomesDropped() - lost <= 10, "dropped " + c.outcomesDropped() + ", lost " + lost);
        assertTrue(lost > 0, "the outages lost events");
    }

    private static void estop(boolean kill) {
        try {
            brokers.kafka().estop(1, kill);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void restore() throws Exception {
        brokers.kafka().restore(1, Duration.ofMinutes(2));
    }
}
