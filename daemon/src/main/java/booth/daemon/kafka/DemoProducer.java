package booth.daemon.kafka;

import booth.model.AckLog;
import booth.model.Acks;
import booth.model.CircleRecord;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import booth.protocol.CircleJson;
import booth.protocol.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;

/**
 * The Kafka demo's producer: one record at a time to this client's topic, at the visitor's acks
 * (one producer per acks, made on first use), each numbered by the {@link AckLog} and vouching
 * for the acknowledgements heard so far. Everything it does that may wait (making a producer,
 * waiting for the topic, the producer's own wait for metadata) runs on its thread
 * ("kafka-demo-producer"): {@link #produce} only hands the record over.
 */
final class DemoProducer implements AutoCloseable {
    private final String client;
    private final String topic;
    private final String bootstrap;
    private final TopicGate gate;
    private final Clock clock;
    private final AckLog ackLog;
    /**
     * How long a record waits for its topic: as long as the producer itself waits for a topic's
     * metadata (max.block.ms), so a record is never held longer than a send could block.
     */
    private final Duration topicWait;
    /** Owned by the producer's thread (and by close(), once that thread has ended). */
    private final Map<Acks, KafkaProducer<String, String>> producers = new EnumMap<>(Acks.class);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafka-demo-producer");
        t.setDaemon(true);
        return t;
    });

    DemoProducer(String client, String topic, String bootstrap, TopicGate gate, Clock clock) {
        this.client = client;
        this.topic = topic;
        this.bootstrap = bootstrap;
        this.gate = gate;
        this.clock = clock;
        this.ackLog = new AckLog(client, clock.millis());
        this.topicWait = Duration.ofMillis(Long.parseLong(KafkaClients.demoProducer(client, bootstrap, Acks.ALL)
                .getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG)));
    }

    /**
     * Hands the next record at {@code acks} over and returns at once; the outcome completes, never
     * exceptionally, within about two seconds (the wait for the topic, then the delivery
     * time-out). One record at a time.
     */
    CompletionStage<ProduceOutcome> produce(Acks acks) {
        Instant at = clock.instant();
        long handed = System.nanoTime();
        CompletableFuture<ProduceOutcome> done = new CompletableFuture<>();
        try {
            thread.execute(() -> send(acks, at, handed, done));
        } catch (RejectedExecutionException e) {
            // closed: the record is numbered and reported like any other that could not be sent
            CircleRecord record = ackLog.next(acks, at.toEpochMilli());
            done.complete(outcome(null, record, at, acks, System.nanoTime() - handed, null, e));
        }
        return done;
    }

    /** On the producer's thread. */
    private void send(Acks acks, Instant at, long handed, CompletableFuture<ProduceOutcome> done) {
        CircleRecord record = ackLog.next(acks, at.toEpochMilli());
        try {
            if (!gate.await(topicWait)) {
                // Not sent, and said so: a record sent before the topic exists would create it with
                // the brokers' defaults. It fails with the reason the topic is not there (the
                // set-up's last failure, by the same table as any record's), or as a time-out
                // while the set-up's first attempt still waits for the brokers.
                Duration waited = Duration.ofNanos(System.nanoTime() - handed);
                ProduceFailure why = gate.problem().map(e -> ProduceFailures.classify(e, waited))
                        .orElseGet(() -> new ProduceFailure.Timeout(waited, topic + " not created yet: no broker answered"));
                done.complete(failed(record, at, acks, Optional.empty(), waited, why));
                return;
            }
            KafkaProducer<String, String> p = producer(acks);
            p.send(new ProducerRecord<>(topic, client, CircleJson.encode(record)), (metadata, error) -> answer(p, record,
                    at, acks, handed, metadata, error, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.complete(outcome(null, record, at, acks, System.nanoTime() - handed, null, e));
        } catch (RuntimeException e) {
            done.complete(outcome(null, record, at, acks, System.nanoTime() - handed, null, e));
        }
    }

    /** On the producer's I/O thread: the answer is made on ours. */
    private void answer(KafkaProducer<String, String> p, CircleRecord record, Instant at, Acks acks, long handed,
                        RecordMetadata metadata, Exception error, CompletableFuture<ProduceOutcome> done) {
        try {
            // the leader is looked up in the producer's metadata, which must not be done on its I/O thread
            thread.execute(() -> done.complete(outcome(p, record, at, acks, System.nanoTime() - handed, metadata, error)));
        } catch (RejectedExecutionException closing) {
            done.complete(outcome(null, record, at, acks, System.nanoTime() - handed, metadata, error));
        }
    }

    private KafkaProducer<String, String> producer(Acks acks) {
        return producers.computeIfAbsent(acks, a -> new KafkaProducer<>(KafkaClients.demoProducer(client, bootstrap, a)));
    }

    /** What became of {@code record}; {@code p} null when the leader cannot be asked. */
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
        return failed(record, at, acks, leader, latency, ProduceFailures.classify(error, latency));
    }

    private ProduceOutcome failed(CircleRecord record, Instant at, Acks acks, Optional<Integer> leader, Duration latency,
                                  ProduceFailure why) {
        return new ProduceOutcome(record.seq(), at, acks, topic, leader, 0, -1, latency, Optional.of(why));
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

    /** Ends the thread (a record waiting for its topic is let finish), then closes the producers. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producers.values().forEach(p -> p.close(Duration.ofSeconds(1)));
    }
}
