package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.AckLog;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.protocol.CircleJson;
import booth.protocol.kafka.EventStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The circle's thread against a scripted source, no broker: poison counted and never judged, and
 * a source that fails is opened again after the back-off, the stop reported in between.
 */
class CircleFollowerTest {
    private static final String TOPIC = "booth.demo.b";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(10_050), ZoneOffset.UTC);

    /** What the circle reported, in order: counts, or how long until a restart. */
    private final BlockingQueue<Object> reported = new LinkedBlockingQueue<>();

    private CircleFollower follower(java.util.function.Supplier<CircleFollower.Source> sources) {
        return new CircleFollower("a", Duration.ofSeconds(2), Map.of(TOPIC, "b"), r -> sources.get(), CLOCK,
                new CircleFollower.Reports() {
                    @Override
                    public void counts(CircleCounts counts) {
                        reported.add(counts);
                    }

                    @Override
                    public void stopped(Duration restartIn) {
                        reported.add(restartIn);
                    }
                });
    }

    /** A source that hands {@code values} over once, then nothing; or throws on its first poll. */
    private static CircleFollower.Source source(List<String> values, boolean fails) {
        return new CircleFollower.Source() {
            private boolean handed;

            @Override
            public List<EventStream.Event> poll(Duration wait) {
                if (fails) {
                    throw new IllegalStateException("the consumer broke");
                }
                List<EventStream.Event> out = handed ? List.of()
                        : values.stream().map(v -> new EventStream.Event(TOPIC, v, Instant.EPOCH)).toList();
                handed = true;
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The next report that is not {@code skip}, within a deadline. */
    private Object next() throws InterruptedException {
        Object o = reported.poll(10, TimeUnit.SECONDS);
        assertTrue(o != null, "a report within 10 s");
        return o;
    }

    /** Counts reported until they equal what {@code done} accepts, within a deadline. */
    private CircleCounts countsUntil(java.util.function.Predicate<CircleCounts> done) throws InterruptedException {
        while (true) {
            Object o = next();
            if (o instanceof CircleCounts c && done.test(c)) {
                return c;
            }
        }
    }

    @Test
    void poisonIsCountedAndNeverJudged() throws InterruptedException {
        AckLog b = new AckLog("b", 1000);
        String first = CircleJson.encode(b.next(Acks.ONE, 10_000));
        String second = CircleJson.encode(b.next(Acks.ONE, 10_000));
        List<String> values = List.of(first,
                "{\"v\":1,\"client\":\"b\",\"session\":1000,\"seq\":1000000000000,\"sent\":10000,\"acks\":\"1\",\"acked\":\"ff\"}",
                "{\"v\":1,\"client\":\"c\",\"session\":1000,\"seq\":3,\"sent\":10000,\"acks\":\"1\",\"acked\":\"\"}",
                "not json", "{\"v\":1,\"client\":\"b\u001b[2J\",\"session\":1,\"seq\":1,\"sent\":1,\"acks\":\"1\",\"acked\":\"\"}",
                second);
        try (CircleFollower f = follower(() -> source(values, false))) {
            f.start();
            CircleCounts c = countsUntil(n -> n.rejected() == 4);
            assertEquals(2, c.delivered(), "the box's own two records, the jump between them refused: " + c);
            assertEquals(0, c.lost() + c.missing(), "nothing judged of the poison: " + c);
        }
    }

    /**
     * A stream that stepped past an unreadable batch may have passed over records after it (it
     * cannot tell where the batch ends): the record it passed over is unseen, never lost, though
     * the next one vouches for it (PoisonIT saw it counted lost before the circle restarted there).
     */
    @Test
    void recordsPassedOverWithAnUnreadableBatchAreNotLost() throws InterruptedException {
        AckLog b = new AckLog("b", 1000);
        String first = CircleJson.encode(b.next(Acks.ONE, 10_000));
        b.acknowledged(1);
        b.next(Acks.ONE, 10_000); // passed over with the batch
        b.acknowledged(2);
        String third = CircleJson.encode(b.next(Acks.ONE, 10_000));
        List<List<String>> polls = List.of(List.of(first), List.of(), List.of(third));
        CircleFollower.Source source = new CircleFollower.Source() {
            private int poll;

            @Override
            public List<EventStream.Event> poll(Duration wait) {
                List<String> values = poll < polls.size() ? polls.get(poll) : List.of();
                poll++;
                return values.stream().map(v -> new EventStream.Event(TOPIC, v, Instant.EPOCH)).toList();
            }

            @Override
            public long stepsPast() {
                return poll >= 2 ? 1 : 0; // the second poll stepped past a batch
            }

            @Override
            public void close() {
            }
        };
        try (CircleFollower f = follower(() -> source)) {
            f.start();
            CircleCounts c = countsUntil(n -> n.delivered() == 2);
            assertEquals(0, c.lost(), "the record passed over is unseen, not lost: " + c);
        }
    }

    @Test
    void aFailingConsumerIsStartedAgainAfterTheBackOffAndTheStopReported() throws InterruptedException {
        AtomicInteger opened = new AtomicInteger();
        try (CircleFollower f = follower(() -> source(List.of(), opened.incrementAndGet() == 1))) {
            f.start();
            assertEquals(CircleFollower.FIRST_BACKOFF, next(), "the stop said, with when it starts again");
            assertTrue(next() instanceof CircleCounts, "then it runs again, and says so with its counts");
            assertEquals(2, opened.get());
        }
    }
}
