package booth.protocol.kafka;

import booth.model.Acks;
import booth.protocol.OutsideLine;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every Kafka client the booth makes, and the defaults they share, in one place: the daemon's
 * event producer, the Kafka demo's producer, admin and circle, the booth screen's stream and
 * democtl's watcher. Values are the JSON lines of {@code booth.protocol}, as strings.
 */
public final class KafkaClients {
    /** The events' broker and topics, as the daemon, democtl and the booth screen default to them. */
    public static final String DEFAULT_BROKERS = "127.0.3.1:9092";
    public static final String DEFAULT_OUTCOME_TOPIC = "booth.outcomes";
    public static final String DEFAULT_HEALTH_TOPIC = "booth.health";
    public static final String DEFAULT_CLUSTER_TOPIC = "booth.cluster";
    /** The Kafka demo's trio and its topics' prefix. */
    public static final String DEFAULT_DEMO_BROKERS = "127.0.3.1:9092,127.0.3.2:9092,127.0.3.3:9092";
    public static final String DEFAULT_DEMO_TOPIC_PREFIX = "booth.demo.";

    /**
     * The largest message (a record batch, as the broker stores it) the booth's topics take:
     * their {@code max.message.bytes}, set where each is created, and the brokers' default
     * ({@code message.max.bytes}) for those the daemon's producer creates. The booth's longest
     * event is about 8 kB; Kafka's default, about 1 MB, let forty writes fill a screen's heap.
     */
    public static final int MAX_MESSAGE_BYTES = OutsideLine.LINE;
    /**
     * The most a consumer fetches from one partition in one request, and from all together:
     * bounds what a flood of messages at {@link #MAX_MESSAGE_BYTES} can hold in a booth screen's
     * or a Pi's heap at once (Kafka's defaults are 1 MB and 50 MB).
     */
    static final int FETCH_PARTITION_BYTES = 2 * MAX_MESSAGE_BYTES;
    static final int FETCH_BYTES = 8 * MAX_MESSAGE_BYTES;
    /** The most records one poll hands over (Kafka's default, 500). */
    static final int POLL_RECORDS = 200;

    private KafkaClients() {
    }

    /** What a topic of the booth sets where it is created: its largest message. */
    public static Map<String, String> topicConfig() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
    }

    /**
     * What every Kafka client of the booth sets: the brokers, a name, and connection waits of a
     * second or two (the defaults take tens of seconds before another broker is tried). No client
     * telemetry (KIP-714, which no booth broker collects): the Pi jar leaves out Kafka's shaded
     * protobuf and OpenTelemetry classes, and a client with it on fails to construct there.
     */
    public static Properties network(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "100");
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "1000");
        p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "2000");
        p.put(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG, "false");
        return p;
    }

    /**
     * Settings for a booth: every event acknowledged by all in-sync replicas, exactly once per
     * producer session; a small buffer; short waits everywhere, so a dead broker costs seconds,
     * not the default tens of seconds before another broker is tried.
     */
    public static Properties eventProducer(String client, String bootstrap) {
        Properties p = network(bootstrap, "booth-" + client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(1024 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)); // what the topics take
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /**
     * Settings for a demo record: an answer within a second (the delivery time-out), a new
     * leader tried within a few seconds (metadata refreshed on the first error, short backoffs),
     * and few retries, so that a refusal reaches the screen in Kafka's own words
     * (NotEnoughReplicas) instead of being retried until the time-out hides it. Idempotence with
     * acks=all (Kafka requires acks=all for it).
     */
    public static Properties demoProducer(String client, String bootstrap, Acks acks) {
        Properties p = network(bootstrap, "booth-demo-" + client + "-acks-" + acks.wireName());
        p.put(ProducerConfig.ACKS_CONFIG, acks.wireName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks == Acks.ALL));
        p.put(ProducerConfig.RETRIES_CONFIG, "2");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "800");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "1000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        p.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /**
     * The Kafka demo's describer: a silent broker is given up after 500 ms and left alone for
     * seconds (see the Kafka demo's describer for the measurements behind these waits).
     */
    public static Properties demoAdmin(String client, String bootstrap) {
        Properties a = network(bootstrap, "booth-demo-admin-" + client);
        a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "500");
        a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        a.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        a.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "3000");
        a.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        return a;
    }

    /**
     * What a booth watcher sets: the booth's network waits, no consumer group and so nothing
     * committed, answers within 5 s, fetches bounded, values as the JSON strings the clients
     * wrote.
     */
    public static Properties watcher(String bootstrap, String clientId) {
        Properties p = network(bootstrap, clientId);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(FETCH_PARTITION_BYTES));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(FETCH_BYTES));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(POLL_RECORDS));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    /**
     * The booth screen's consumer: a watcher that starts at the latest events, never creates a
     * topic and hands events over as they come.
     */
    public static Properties stream(String bootstrap, String clientId) {
        Properties p = watcher(bootstrap, clientId);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"); // waits for events, not for full batches
        return p;
    }

    /**
     * The Kafka demo's circle: the demo topics from now on, with requests given up after 1.5 s
     * instead of 5 s, so a new leader is fetched from within about two seconds of the election.
     */
    public static Properties circle(String bootstrap, String client) {
        Properties p = stream(bootstrap, "booth-circle-" + client);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        return p;
    }
}
