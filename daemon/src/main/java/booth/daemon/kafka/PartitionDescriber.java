package booth.daemon.kafka;

import booth.daemon.config.BoothConfig;
import booth.model.PartitionView;
import booth.protocol.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka demo's set-up and its view of the partition, on a thread of its own
 * ("kafka-demo-isr"): it makes the admin client, creates this client's topic while it is missing
 * (opening the {@link TopicGate} once it is there), and describes the partition's leader and
 * in-sync replicas twice a second. The set-up is its first run: whoever starts the demo never
 * waits for the brokers.
 */
final class PartitionDescriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionDescriber.class);
    /** How often the partition is described (and the topic created while it is missing). */
    static final Duration DESCRIBE_EVERY = Duration.ofMillis(500);
    /** How long the creation of the topic is waited for. */
    private static final Duration CREATE_WAIT = Duration.ofSeconds(3);
    /** How long a describe is waited for. */
    private static final Duration DESCRIBE_WAIT = Duration.ofSeconds(4);

    private final String client;
    private final String topic;
    private final BoothConfig.KafkaDemo config;
    private final TopicGate gate;
    private final Consumer<PartitionView> view;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kafka-demo-isr");
        t.setDaemon(true);
        return t;
    });
    /** Owned by the describer's thread (and by close(), once that thread has ended); made on its first run. */
    private Admin admin;
    /** The last problem logged, so that it is logged once, not twice a second. */
    private String problem = "";

    /**
     * @param view where each description goes, on the describer's thread: must return at once
     */
    PartitionDescriber(String client, BoothConfig.KafkaDemo config, TopicGate gate, Consumer<PartitionView> view) {
        this.client = client;
        this.topic = config.topic(client);
        this.config = config;
        this.gate = gate;
        this.view = view;
    }

    /** Starts the set-up and the describes on the describer's thread; returns at once. */
    void start() {
        thread.scheduleWithFixedDelay(this::run, 0, DESCRIBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The admin client. A frozen or powerless broker keeps its connections open (the kernel
     * accepts them) and never answers, and the client picks brokers at random: with two of three
     * cut, describes with Kafka's waits failed for ten seconds and more (measured). A live broker
     * answers a describe in milliseconds, so a request unanswered for 500 ms is given up and its
     * broker left alone for seconds (the reconnect backoff); the call tries the others within its
     * 3 s, and a client whose describe went unanswered is replaced: its connections and metadata
     * can stay stuck on the silent brokers (measured: 10 s and more without an answer when it was
     * kept through two failures).
     */
    private Admin newAdmin() {
        return Admin.create(KafkaClients.demoAdmin(client, config.bootstrapServers()));
    }

    /** One run: the admin client and the topic while they are missing, then a describe. */
    private void run() {
        try {
            if (admin == null) {
                admin = newAdmin();
            }
            if (gate.isOpen() || createTopic()) {
                describe();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say it, and keep the schedule
            problem(e.toString());
        }
    }

    /**
     * Creates the topic with the demo's replicas, or finds it there, and opens the gate; else
     * closes it with the reason, which a record due meanwhile is reported failed with.
     *
     * @return whether the topic is there
     */
    private boolean createTopic() throws InterruptedException {
        Map<String, String> settings = new HashMap<>(KafkaClients.topicConfig());
        settings.put("min.insync.replicas", Integer.toString(config.minInsync()));
        settings.put("unclean.leader.election.enable", "false");
        NewTopic t = new NewTopic(topic, 1, (short) config.replicationFactor()).configs(settings);
        try {
            admin.createTopics(List.of(t)).all().get(CREATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Kafka demo: created {} (replication factor {}, min.insync.replicas {})", topic,
                    config.replicationFactor(), config.minInsync());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                notCreated(e.getCause(), e.getCause().getMessage());
                return false;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            String why = unanswered(CREATE_WAIT);
            notCreated(new java.util.concurrent.TimeoutException("cannot create " + topic + ": " + why), why);
            return false;
        }
        gate.open();
        return true;
    }

    private void notCreated(Throwable cause, String why) {
        gate.close(cause);
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            replaceAdmin(); // no broker answered; an answer (a refusal) keeps the client
        }
        problem("cannot create " + topic + ": " + why);
    }

    /** Describes this client's partition and reports it. */
    private void describe() throws InterruptedException {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(DESCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            TopicPartitionInfo p = d.partitions().get(0);
            Optional<Integer> leader = Optional.ofNullable(p.leader()).filter(n -> !n.isEmpty()).map(Node::id);
            view.accept(new PartitionView(topic, p.partition(), leader,
                    ids(p.replicas()), ids(p.isr()), ids(p.elr()), config.minInsync()));
            problem("");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                replaceAdmin(); // no broker answered; an answer (no such topic, a refusal) keeps the client
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                gate.close(e.getCause());
            }
            problem("cannot describe " + topic + ": " + (e.getCause() == null ? e : e.getCause().getMessage()));
        } catch (java.util.concurrent.TimeoutException e) {
            replaceAdmin();
            problem("cannot describe " + topic + ": " + unanswered(DESCRIBE_WAIT));
        }
    }

    private String unanswered(Duration within) {
        return "no broker answered at " + config.bootstrapServers() + " within " + within.toSeconds() + " s";
    }

    private void replaceAdmin() {
        admin.close(Duration.ZERO);
        admin = newAdmin();
    }

    /** Logs a problem once, not twice a second; "" when there is none now. */
    private void problem(String now) {
        if (!now.equals(problem)) {
            if (now.isEmpty()) {
                log.info("Kafka demo: {} described again", topic);
            } else {
                log.warn("Kafka demo: {}", now);
            }
            problem = now;
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
