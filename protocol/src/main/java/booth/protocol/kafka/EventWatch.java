package booth.protocol.kafka;

import booth.protocol.Rejections;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Follows the events of every client of the booth, live: from now on, on every partition of
 * the given topics, without a consumer group (watching from a laptop commits nothing), through
 * an {@link EventStream} (bounded fetches, unreadable batches counted and stepped past).
 */
public final class EventWatch {
    private static final Duration POLL = Duration.ofMillis(500);

    private EventWatch() {
    }

    /**
     * Hands each event's JSON to {@code each} until it returns false, or until its thread is
     * interrupted (the stream's waits return at once then: going on would spin).
     *
     * @param rejections where batches it cannot read are counted
     * @throws IllegalStateException when the topics cannot be found within {@code patience}
     */
    public static void follow(String bootstrap, List<String> topics, Duration patience, Rejections rejections,
                              Predicate<String> each) {
        try (EventStream stream = EventStream.watch(bootstrap, topics, rejections)) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!Thread.currentThread().isInterrupted()) {
                for (EventStream.Event e : stream.poll(POLL)) {
                    if (!each.test(e.value())) {
                        return;
                    }
                }
                if (!stream.missingTopics().isEmpty() && System.nanoTime() > deadline) {
                    throw new IllegalStateException("no topic " + String.join(", ", stream.missingTopics()) + " at "
                            + bootstrap + " (is Kafka up, and has a client with kafka.enabled written yet?)");
                }
            }
        }
    }
}
