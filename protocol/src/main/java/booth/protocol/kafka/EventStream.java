package booth.protocol.kafka;

import booth.protocol.Rejection;
import booth.protocol.Rejections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;

/**
 * The booth's events as a screen reads them: every partition of the given topics, without a
 * consumer group (a screen commits nothing and never takes partitions from another), starting
 * at the events of the last {@code history}. A topic that does not exist yet (no client has
 * written to it) is looked for again on every poll; the screen never creates one. While no
 * broker answers, polls return nothing; the consumer reconnects by itself. A record batch it
 * cannot read (compressed with a codec the Pi jar leaves out, or corrupt) is counted as a
 * {@link Rejection#UNDECODABLE_BATCH} and stepped past ({@link BatchSkips}), never polled again
 * and again. One thread only.
 */
public final class EventStream implements AutoCloseable {
    /**
     * One event: its topic, its JSON as the client wrote it, and when the client sent it (the
     * record's timestamp, the client's clock).
     */
    public record Event(String topic, String value, Instant sent) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Set<String> missing;
    private final List<TopicPartition> assigned = new ArrayList<>();
    private final Duration history;
    private final Rejections rejections;
    private final BatchSkips<TopicPartition> skips = new BatchSkips<>();
    private long stepsPast;
    private long lookedNanos;

    /** The booth screen's stream; what it cannot read is counted in {@code rejections}. */
    public EventStream(String bootstrap, List<String> topics, Duration history, Rejections rejections) {
        this(KafkaClients.stream(bootstrap, "booth-screen"), topics, history, rejections);
    }

    private EventStream(Properties settings, List<String> topics, Duration history, Rejections rejections) {
        this.consumer = new KafkaConsumer<>(settings);
        this.missing = new LinkedHashSet<>(topics);
        this.history = history;
        this.rejections = rejections;
    }

    /**
     * The Kafka demo's circle: the demo topics from now on, with requests given up after 1.5 s
     * instead of 5 s, so a new leader is fetched from within about two seconds of the election.
     */
    public static EventStream circle(String bootstrap, String client, List<String> topics, Rejections rejections) {
        return new EventStream(KafkaClients.circle(bootstrap, client), topics, Duration.ZERO, rejections);
    }

    /** A watcher's stream ({@code democtl tail --from-kafka}): every partition from now on. */
    static EventStream watch(String bootstrap, List<String> topics, Rejections rejections) {
        return new EventStream(KafkaClients.watcher(bootstrap, "booth-watch"), topics, Duration.ZERO, rejections);
    }


    /**
     * How often it has stepped past a batch it could not read. Kafka tells neither where a batch
     * ends nor how many records it holds, so a step may also pass over records after it: a reader
     * that judges what is missing (the circle) must take those as unseen, not as lost.
     */
    public long stepsPast() {
        return stepsPast;
    }

    /** Topics not found yet (no client has written to them, or no broker answered). */
    public Set<String> missingTopics() {
        return Set.copyOf(missing);
    }

    /**
     * The events that arrived, waiting at most about {@code wait}; none while no broker answers.
     * Never throws for a broker that is down or slow.
     */
    public List<Event> poll(Duration wait) {
        if (!missing.isEmpty() && System.nanoTime() - lookedNanos > Duration.ofSeconds(1).toNanos()) {
            lookForTopics();
        }
        List<Event> out = new ArrayList<>();
        if (assigned.isEmpty()) {
            sleep(wait);
            return out;
        }
        try {
            take(consumer.poll(wait), out);
        } catch (OffsetOutOfRangeException e) {
            consumer.seekToEnd(assigned); // the history was deleted under us: go on from now
        } catch (KafkaException e) {
            if (e instanceof org.apache.kafka.common.errors.InterruptException) {
                Thread.currentThread().interrupt();
            } else {
                unreadable(e);
            }
            // anything else passes with the broker; the caller's clock shows the silence
        } catch (LinkageError e) {
            unreadableUnnamed(e, out);
        }
        return out;
    }

    private void take(Iterable<ConsumerRecord<String, String>> records, List<Event> out) {
        for (ConsumerRecord<String, String> r : records) {
            skips.read(new TopicPartition(r.topic(), r.partition()));
            if (r.value() != null) {
                out.add(new Event(r.topic(), r.value(), Instant.ofEpochMilli(r.timestamp())));
            }
        }
    }

    /**
     * A batch Kafka could not hand over: its consumer says so in a KafkaException naming the
     * partition ("... fetching the next record from booth.outcomes-0. If needed, please seek past
     * the record ...": a codec missing from the class path, as in the Pi jar, or a corrupt
     * batch) and throws it on every poll until the consumer is moved past it.
     */
    private void unreadable(KafkaException e) {
        String said = String.valueOf(e.getMessage());
        for (TopicPartition tp : assigned) {
            if (said.contains("from " + tp + ".")) {
                stepPast(tp, e);
                return;
            }
        }
    }

    /**
     * A batch compressed with a codec whose classes are missing (zstd, as in the Pi jar): Kafka
     * 4.3's consumer throws the class's NoClassDefFoundError bare, naming no partition, on every
     * poll until moved past it (PoisonIT found it). The partition is found by polling each
     * assigned partition alone, the others paused; records the others hand over meanwhile are kept.
     */
    private void unreadableUnnamed(LinkageError e, List<Event> out) {
        for (TopicPartition tp : List.copyOf(assigned)) {
            List<TopicPartition> others = assigned.stream().filter(p -> !p.equals(tp)).toList();
            try {
                consumer.pause(others);
                take(consumer.poll(Duration.ZERO), out);
            } catch (org.apache.kafka.common.errors.InterruptException i) {
                Thread.currentThread().interrupt();
                return;
            } catch (KafkaException | LinkageError again) {
                stepPast(tp, again);
                return;
            } finally {
                consumer.resume(others);
            }
        }
    }

    /** Counts the batch at {@code tp}'s position (once per batch) and seeks past it ({@link BatchSkips}). */
    private void stepPast(TopicPartition tp, Throwable e) {
        try {
            long at = consumer.position(tp, Duration.ofSeconds(1));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(1)).getOrDefault(tp, at + 1);
            BatchSkips.Skip skip = skips.failedAt(tp, at, end);
            if (skip.newBatch()) {
                rejections.reject(Rejection.UNDECODABLE_BATCH, tp + " at offset " + at + ": " + root(e));
            }
            consumer.seek(tp, skip.offset());
            stepsPast++;
        } catch (KafkaException brokerGone) {
            // no answer about the partition now: the next poll fails on the batch again and tries again
        }
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private void lookForTopics() {
        lookedNanos = System.nanoTime();
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : List.copyOf(missing)) {
            List<PartitionInfo> info;
            try {
                info = consumer.partitionsFor(topic, Duration.ofMillis(500));
            } catch (RuntimeException e) {
                info = List.of(); // not there yet, or no broker answering: next poll looks again
            }
            if (info != null && !info.isEmpty()) {
                missing.remove(topic);
                info.forEach(i -> found.add(new TopicPartition(i.topic(), i.partition())));
            }
        }
        if (found.isEmpty()) {
            return;
        }
        assigned.addAll(found);
        consumer.assign(assigned);
        long since = Instant.now().minus(history).toEpochMilli();
        Map<TopicPartition, Long> at = new HashMap<>();
        found.forEach(tp -> at.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets;
        try {
            offsets = consumer.offsetsForTimes(at, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            offsets = Map.of();
        }
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : found) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                toEnd.add(tp); // nothing that recent: from now on
            } else {
                consumer.seek(tp, o.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // nothing to consume yet: the poll's wait, without a consumer call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts a poll in progress from another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
