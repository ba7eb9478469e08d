package booth.daemon.kafka;

import booth.daemon.config.BoothConfig;
import booth.daemon.health.HealthProbe;
import booth.model.ClockSync;
import booth.model.ClusterView;
import booth.protocol.ClusterJson;
import booth.protocol.HealthJson;
import booth.protocol.Wire;
import booth.protocol.kafka.KafkaClients;
import booth.protocol.kafka.UntilMade;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's events to Kafka: outcomes and health, keyed by the client's name. The daemon
 * hands events over through a bounded queue and never waits: a thread of its own calls
 * {@code send()} (which blocks up to {@code max.block.ms} while no broker answers), and every
 * event is counted once as delivered (acknowledged by acks=all) or dropped (queue full, or not
 * acknowledged within the delivery time-out). Every event lost is counted as dropped; the
 * count can exceed the loss by the few events in flight when a broker went silent, which it
 * may have written without being able to acknowledge (no client can tell). The daemon's one
 * package that knows kafka-clients.
 */
public final class KafkaEvents implements BoothEvents {
    /** Events waiting for the sender: about eight minutes of outcomes. */
    static final int QUEUE = 500;

    private static final Logger log = LoggerFactory.getLogger(KafkaEvents.class);

    private record Event(String topic, String value, boolean outcome) {
    }

    private final String client;
    private final BoothConfig.Kafka kafka;
    /**
     * Made on the sender thread, not at construction: Kafka refuses to make a client while none
     * of the brokers' names resolves, and the booth's DNS may come up after the box. Null until then.
     */
    private volatile KafkaProducer<String, String> producer;
    /** Counted down by {@link #close()}: ends the sender's wait between attempts to make the producer. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong outcomesPublished = new AtomicLong();
    private final AtomicLong outcomesDelivered = new AtomicLong();
    private final AtomicLong outcomesDropped = new AtomicLong();
    private final Thread sender;
    private final ScheduledExecutorService health;
    private volatile boolean open = true;
    /** Whether events are failing now: one log line when it starts, one when it ends. */
    private final AtomicBoolean failing = new AtomicBoolean();
    /** When the producer last received any response from a broker (sampled by the sender thread). */
    private volatile Instant lastAnswer = Instant.now();
    private double responsesSeen;
    private org.apache.kafka.common.Metric responses;
    private org.apache.kafka.common.Metric connections;
    private Supplier<Optional<ClusterView>> clusterView;
    /** The view last published and when (the "kafka-health" thread's own). */
    private ClusterView viewSent;
    private long viewSentNanos;

    /** The clock's state as last read, for the health event. */
    private final Supplier<ClockSync> clock;

    /** Sets up the sender; the producer is made by it, and nothing is sent until {@link #start()}. */
    public KafkaEvents(String client, BoothConfig.Kafka kafka, Supplier<ClockSync> clock) {
        this.client = client;
        this.kafka = kafka;
        this.clock = clock;
        this.sender = new Thread(this::send, "kafka-sender");
        this.sender.setDaemon(true);
        this.health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-health");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the sender thread and the health events. */
    @Override
    public void start() {
        sender.start();
        long every = kafka.healthInterval().toMillis();
        health.scheduleAtFixedRate(this::publishHealth, every, every, TimeUnit.MILLISECONDS);
        if (clusterView != null) {
            health.scheduleWithFixedDelay(this::publishClusterView, 0, 500, TimeUnit.MILLISECONDS);
        }
        log.info("publishing events to Kafka at {}: {}, {} and {}", kafka.bootstrapServers(), kafka.outcomeTopic(),
                kafka.healthTopic(), kafka.clusterTopic());
    }

    @Override
    public void clusterView(Supplier<Optional<ClusterView>> view) {
        this.clusterView = view;
    }

    private void publishClusterView() {
        try {
            ClusterView now = clusterView.get().filter(v -> !v.nodes().isEmpty()).orElse(null);
            long t = System.nanoTime();
            if (now == null || now.equals(viewSent) && t - viewSentNanos < CLUSTER_EVERY.toNanos()) {
                return;
            }
            viewSent = now;
            viewSentNanos = t;
            offer(new Event(kafka.clusterTopic(), Wire.line(ClusterJson.of(client, Instant.now(), now)), false));
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: say it, and keep the schedule
            log.warn("could not read the driver's view of the cluster: {}", e.toString());
        }
    }

    private void publishHealth() {
        Counts c = counts();
        offer(new Event(kafka.healthTopic(), Wire.line(HealthJson.of(client, Instant.now(), HealthProbe.read(clock.get()),
                c.published(), c.delivered(), c.dropped())), false));
    }



    @Override
    public void outcome(String eventJson) {
        offer(new Event(kafka.outcomeTopic(), eventJson, true));
    }

    private void offer(Event e) {
        published.incrementAndGet();
        if (e.outcome()) {
            outcomesPublished.incrementAndGet();
        }
        if (!open || !queue.offer(e)) {
            drop(e);
        }
    }

    /** On the sender thread: the producer, once Kafka makes it; false when the box closed first. */
    private boolean makeProducer() {
        producer = UntilMade.<KafkaProducer<String, String>>make(
                () -> new KafkaProducer<>(KafkaClients.eventProducer(client, kafka.bootstrapServers())),
                "the event producer (booth.kafka.bootstrap-servers " + kafka.bootstrapServers() + ")",
                "events wait (" + QUEUE + " at most), then are dropped and counted", closing, log::warn, log::info).orElse(null);
        return producer != null;
    }

    private void send() {
        if (!makeProducer()) {
            return;
        }
        awaitMetadata();
        while (open || !queue.isEmpty()) {
            Event e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                return;
            }
            noteResponses();
            if (e == null) {
                continue;
            }
            try {
                producer.send(new ProducerRecord<>(e.topic(), client, e.value().strip()), (metadata, error) -> {
                    if (error == null) {
                        if (delivered.incrementAndGet() == 1) {
                            log.info("Kafka: the first event is delivered"); // staff (and the chaos soak) know Kafka takes them
                        }
                        if (e.outcome()) {
                            outcomesDelivered.incrementAndGet();
                        }
                        if (failing.compareAndSet(true, false)) {
                            log.info("Kafka delivers events again ({} dropped so far)", dropped.get());
                        }
                    } else {
                        if (failing.compareAndSet(false, true)) {
                            log.warn("Kafka is not delivering events: {}; dropping and counting them",
                                    why(error, kafka.bootstrapServers(), lastAnswer, connected(), Instant.now()));
                        }
                        drop(e);
                    }
                });
            } catch (RuntimeException error) {
                // send() gave up within max.block.ms (no metadata), or the producer is closed
                if (failing.compareAndSet(false, true)) {
                    log.warn("Kafka is not taking events: {}; dropping and counting them",
                            why(error, kafka.bootstrapServers(), lastAnswer, connected(), Instant.now()));
                }
                drop(e);
            }
        }
    }

    /**
     * At start, the first events wait up to {@link #WARM_UP} for the brokers' word on the topics,
     * rather than each send giving up after {@code max.block.ms} (0.5 s): a daemon started on a
     * busy machine (a chaos run's restart, five nodes and a broker on two cores) dropped its first
     * three events so, with the broker healthy. The events wait in the queue meanwhile.
     */
    private void awaitMetadata() {
        long deadline = System.nanoTime() + WARM_UP.toNanos();
        for (String topic : List.of(kafka.outcomeTopic(), kafka.healthTopic(), kafka.clusterTopic())) {
            while (open && System.nanoTime() < deadline) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                    // each try waits max.block.ms for the metadata: again, until the warm-up is over
                } catch (RuntimeException other) {
                    return; // closed, or the topic refused: the sends say so, in Kafka's words
                }
            }
        }
    }

    /** How long the first events may wait for the brokers' metadata, at start. */
    static final Duration WARM_UP = Duration.ofSeconds(5);

    /** Notes when the producer's count of broker responses last moved. */
    private void noteResponses() {
        if (responses == null) {
            responses = producerMetric("response-total");
            connections = producerMetric("connection-count");
        }
        if (responses != null && responses.metricValue() instanceof Double n && n > responsesSeen) {
            responsesSeen = n;
            lastAnswer = Instant.now();
        }
    }

    private org.apache.kafka.common.Metric producerMetric(String name) {
        return producer.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals(name) && m.getKey().group().equals("producer-metrics"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Whether the producer holds any connection to a broker now (a killed broker's is closed at once). */
    private boolean connected() {
        return connections == null || !(connections.metricValue() instanceof Double n) || n > 0;
    }

    /** A broker silent this long is "not answering", whatever Kafka's own message says. */
    static final Duration SILENT = Duration.ofSeconds(2);
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneId.systemDefault());

    /**
     * What staff should read: a time-out while no broker answers (no connection left, or nothing
     * heard for a while: a frozen broker keeps its connections) is said as that, with the address
     * and since when (Kafka's own words, "Topic ... not present in metadata", send people looking
     * for a missing topic); anything else in Kafka's words.
     */
    static String why(Throwable error, String bootstrap, Instant lastAnswer, boolean connected, Instant now) {
        if (error instanceof org.apache.kafka.common.errors.TimeoutException
                && (!connected || Duration.between(lastAnswer, now).compareTo(SILENT) >= 0)) {
            return "no broker has answered at " + bootstrap + " since " + CLOCK.format(lastAnswer);
        }
        return error.getMessage();
    }

    private void drop(Event e) {
        dropped.incrementAndGet();
        if (e.outcome()) {
            outcomesDropped.incrementAndGet();
        }
    }

    @Override
    public Counts counts() {
        return new Counts(published.get(), delivered.get(), dropped.get(), queue.size(), outcomesPublished.get(),
                outcomesDelivered.get(), outcomesDropped.get());
    }

    @Override
    public void close() {
        health.shutdownNow();
        open = false;
        closing.countDown();
        try {
            sender.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        KafkaProducer<String, String> made = producer;
        if (made != null) {
            made.close(Duration.ofSeconds(3)); // what is still in flight completes or fails (counted)
        }
        Event left;
        while ((left = queue.poll()) != null) {
            drop(left);
        }
        log.info("Kafka events: {} published, {} delivered, {} dropped", published.get(), delivered.get(), dropped.get());
    }
}
