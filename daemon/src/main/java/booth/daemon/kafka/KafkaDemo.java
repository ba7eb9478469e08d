package booth.daemon.kafka;

import booth.protocol.kafka.EventStream;
import booth.protocol.kafka.KafkaClients;

import booth.daemon.config.BoothConfig;
import booth.protocol.CircleJson;
import booth.model.AckLog;
import booth.model.Acks;
import booth.model.Circle;
import booth.model.CircleCounts;
import booth.model.CircleRecord;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka demo of one box: one record per tick to this client's topic at the visitor's acks,
 * the partition's leader and in-sync replicas twice a second, and the circle (every record of
 * the followed topics, judged by {@link Circle}). Each part has a thread of its own and reports
 * through the {@link Listener}; {@link #produce} never waits longer than the producer's
 * {@code max.block.ms} (on the caller's thread, the write loop's, never the ui's).
 */
public final class KafkaDemo implements AutoCloseable {
    /** Where the demo's findings go; called on the demo's own threads, must return at once. */
    public interface Listener {
        /** The partition of this client's topic as last described. */
        void view(PartitionView view);

        /** The circle's counts, after every batch of records consumed. */
        void circle(CircleCounts counts);
    }

    private static final Logger log = LoggerFactory.getLogger(KafkaDemo.class);
    /** How often the partition is described. */
    static final Duration DESCRIBE_EVERY = Duration.ofMillis(500);

    private final String client;
    private final BoothConfig.KafkaDemo config;
    private final Listener listener;
    private final Clock clock;
    private final String topic;
    private final AckLog ackLog;
    private final Map<Acks, KafkaProducer<String, String>> producers = new EnumMap<>(Acks.class);
    private final ExecutorService answers = Executors.newSingleThreadExecutor(r -> daemonThread(r, "kafka-demo-answers"));
    private final ScheduledExecutorService describer = Executors.newSingleThreadScheduledExecutor(
            r -> daemonThread(r, "kafka-demo-isr"));
    private final Thread circleThread;
    /** The describer's (and, before it runs, start()'s): made afresh after a describe fails. */
    private Admin admin;
    private volatile boolean open = true;
    private volatile boolean topicReady;
    /** The last problem the describer logged, so it is logged once, not twice a second. */
    private String describeProblem = "";

    public KafkaDemo(String client, BoothConfig.KafkaDemo config, Listener listener, Clock clock) {
        this.client = client;
        this.config = config;
        this.listener = listener;
        this.clock = clock;
        this.topic = config.topic(client);
        this.ackLog = new AckLog(client, clock.millis());
        this.admin = newAdmin();
        this.circleThread = new Thread(this::followCircle, "kafka-circle");
        this.circleThread.setDaemon(true);
    }

    /**
     * The admin client for the describer. A frozen or powerless broker keeps its connections
     * open (the kernel accepts them) and never answers, and the client picks brokers at random:
     * with two of three cut, describes with Kafka's waits failed for ten seconds and more
     * (measured). A live broker answers a describe in milliseconds, so a request unanswered for
     * 500 ms is given up and its broker left alone for seconds (the reconnect backoff); the call
     * tries the others within its 3 s, and a client whose describe went unanswered is replaced: its
     * connections and metadata can stay stuck on the silent brokers (measured: 10 s and more
     * without an answer when it was kept through two failures).
     */
    private Admin newAdmin() {
        return Admin.create(KafkaClients.demoAdmin(client, config.bootstrapServers()));
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** This client's demo topic. */
    public String topic() {
        return topic;
    }

    /**
     * Creates the topic if it is missing (waiting 3 s at most: the first record must not create
     * it with the brokers' defaults instead), then describes the partition and follows the circle.
     */
    public void start() {
        try {
            createTopic();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn("Kafka demo: cannot create {} yet ({}); trying again every {} ms", topic,
                    e.getMessage(), DESCRIBE_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        describer.scheduleWithFixedDelay(this::describe, 0, DESCRIBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        circleThread.start();
        log.info("Kafka demo: producing to {} at {}, following {}", topic, config.bootstrapServers(),
                config.circle().stream().map(config::topic).toList());
    }


    private KafkaProducer<String, String> producer(Acks acks) {
        return producers.computeIfAbsent(acks, a -> new KafkaProducer<>(KafkaClients.demoProducer(client, config.bootstrapServers(), a)));
    }

    /**
     * Produces the next record at {@code acks}; the outcome completes within about a second
     * (the delivery time-out), never exceptionally. Called by one thread, one record at a time.
     */
    public CompletionStage<ProduceOutcome> produce(Acks acks) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        CircleRecord record = ackLog.next(acks, at.toEpochMilli());
        CompletableFuture<ProduceOutcome> done = new CompletableFuture<>();
        try {
            KafkaProducer<String, String> p = producer(acks);
            p.send(new ProducerRecord<>(topic, client, CircleJson.encode(record)), (metadata, error) ->
                    // the answer is made on a thread of ours: the leader is looked up in the
                    // producer's metadata, which must not be done on its I/O thread
                    answers.execute(() -> done.complete(outcome(p, record, at, acks, System.nanoTime() - started, metadata, error))));
        } catch (RuntimeException e) {
            done.complete(outcome(null, record, at, acks, System.nanoTime() - started, null, e));
        }
        return done;
    }

    private ProduceOutcome outcome(KafkaProducer<String, String> p, CircleRecord record, Instant at, Acks acks, long nanos,
                                   RecordMetadata metadata, Exception error) {
        Optional<Integer> leader = p == null ? Optional.empty() : leader(p);
        Duration latency = Duration.ofNanos(nanos);
        if (error == null) {
            if (acks != Acks.ZERO) {
                ackLog.acknowledged(record.seq());
            }
            long offset = metadata.hasOffset() ? metadata.offset() : -1;
            return new ProduceOutcome(record.seq(), at, acks, topic, leader, metadata.partition(), offset, latency,
                    Optional.empty());
        }
        return new ProduceOutcome(record.seq(), at, acks, topic, leader, 0, -1, latency, Optional.of(failure(error, latency)));
    }

    /** The partition's leader as the producer last learnt it, without waiting. */
    private Optional<Integer> leader(KafkaProducer<String, String> p) {
        try {
            List<PartitionInfo> parts = p.partitionsFor(topic);
            return parts.isEmpty() || parts.get(0).leader() == null || parts.get(0).leader().isEmpty()
                    ? Optional.empty() : Optional.of(parts.get(0).leader().id());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Kafka's error as one of the demo's failure kinds. */
    static ProduceFailure failure(Throwable error, Duration after) {
        Throwable e = error instanceof java.util.concurrent.ExecutionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof NotEnoughReplicasAfterAppendException) {
            return new ProduceFailure.NotEnoughReplicas(true);
        } else if (e instanceof NotEnoughReplicasException) {
            return new ProduceFailure.NotEnoughReplicas(false);
        } else if (e instanceof TimeoutException) {
            return new ProduceFailure.Timeout(after, String.valueOf(e.getMessage()));
        } else if (e instanceof InvalidMetadataException) {
            // NotLeaderOrFollower, LeaderNotAvailable, UnknownTopicOrPartition...: no leader to write to now
            return new ProduceFailure.NoLeader(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new ProduceFailure.Other(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }

    /** Describes this client's partition (creating the topic while it is missing) and reports it. */
    private void describe() {
        try {
            if (!topicReady) {
                createTopic();
            }
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(4, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo p = d.partitions().get(0);
            listener.view(new PartitionView(topic, p.partition(), Optional.ofNullable(p.leader()).filter(n -> !n.isEmpty()).map(Node::id),
                    ids(p.replicas()), ids(p.isr()), ids(p.elr()), config.minInsync()));
            problem("");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                replaceAdmin(); // no broker answered; an answer (no such topic, a refusal) keeps the client
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                topicReady = false;
            }
            problem(e.getCause() == null ? e.toString() : e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            replaceAdmin();
            problem("no broker answered at " + config.bootstrapServers() + " within 4 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say it, and keep the schedule
            problem(e.toString());
        }
    }

    private void replaceAdmin() {
        admin.close(Duration.ZERO);
        admin = newAdmin();
    }

    private void createTopic() throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        NewTopic t = new NewTopic(topic, 1, (short) config.replicationFactor())
                .configs(Map.of("min.insync.replicas", Integer.toString(config.minInsync()),
                        "unclean.leader.election.enable", "false"));
        try {
            admin.createTopics(List.of(t)).all().get(3, TimeUnit.SECONDS);
            log.info("Kafka demo: created {} (replication factor {}, min.insync.replicas {})", topic,
                    config.replicationFactor(), config.minInsync());
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new java.util.concurrent.ExecutionException("cannot create " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        topicReady = true;
    }

    private void problem(String now) {
        if (!now.equals(describeProblem)) {
            if (now.isEmpty()) {
                log.info("Kafka demo: {} described again", topic);
            } else {
                log.warn("Kafka demo: cannot describe {}: {}", topic, now);
            }
            describeProblem = now;
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /** The circle's thread: consumes the followed topics from now on and judges every record. */
    private void followCircle() {
        Circle circle = new Circle(client, config.lateAfter());
        List<String> topics = config.circle().stream().map(config::topic).toList();
        try (EventStream stream = EventStream.circle(config.bootstrapServers(), client, topics)) {
            CircleCounts reported = null;
            while (open) {
                for (EventStream.Event e : stream.poll(Duration.ofMillis(200))) {
                    long now = clock.millis();
                    CircleJson.decode(e.value()).ifPresent(r -> circle.consumed(r, now));
                }
                CircleCounts c = circle.counts();
                if (!c.equals(reported)) {
                    listener.circle(c);
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
        describer.shutdownNow();
        try {
            circleThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producers.values().forEach(p -> p.close(Duration.ofSeconds(1)));
        answers.shutdown();
        admin.close(Duration.ofSeconds(1));
    }
}
