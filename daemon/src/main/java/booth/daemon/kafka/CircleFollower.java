package booth.daemon.kafka;

import booth.daemon.config.BoothConfig;
import booth.model.Circle;
import booth.model.CircleCounts;
import booth.model.CircleRecord;
import booth.protocol.CircleJson;
import booth.protocol.Rejection;
import booth.protocol.Rejections;
import booth.protocol.ShownText;
import booth.protocol.kafka.EventStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka demo's circle, on a thread of its own ("kafka-circle"): consumes the followed topics
 * from now on and judges every record with {@link Circle}, reporting the counts whenever they
 * change. Anyone can write to a demo topic: a value that is not a record, is beyond the caps or
 * the circle's window, or claims another producer than the topic's box is refused and counted
 * ({@link Rejections}, one log line per kind a minute), never judged. Should the consumer fail
 * all the same, it is started again after a back-off (1 s, doubling to 30 s; the LCD says so
 * meanwhile), never left dead while the pages go on showing its last counts.
 */
final class CircleFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CircleFollower.class);
    /** How long one poll waits for records: also how soon the thread sees that it must stop. */
    private static final Duration POLL = Duration.ofMillis(200);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration LAST_BACKOFF = Duration.ofSeconds(30);
    /** A consumer that ran this long before failing starts again after the first back-off. */
    private static final Duration STEADY = Duration.ofMinutes(1);

    /** Where the records come from: the circle's {@link EventStream}, or a test's. */
    interface Source extends AutoCloseable {
        List<EventStream.Event> poll(Duration wait);

        /** How often it has stepped past a batch it could not read ({@link EventStream#stepsPast}). */
        default long stepsPast() {
            return 0;
        }

        @Override
        void close();
    }

    /** What the circle reports to, on its thread; each must return at once. */
    interface Reports {
        void counts(CircleCounts counts);

        void stopped(Duration restartIn);
    }

    private final String client;
    private final Duration lateAfter;
    private final Map<String, String> owners;
    private final Function<Rejections, Source> open;
    private final Clock clock;
    private final Reports reports;
    private final Rejections rejections = new Rejections("Kafka demo circle", log::warn, System::nanoTime);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    CircleFollower(String client, BoothConfig.KafkaDemo config, Clock clock, Reports reports) {
        this(client, config.lateAfter(), config.circle().stream().collect(Collectors.toMap(config::topic, c -> c)),
                r -> stream(config, client, r), clock, reports);
    }

    /**
     * @param owners which box each followed topic is of: a record on it claiming another is refused
     * @param open   opens the source anew (at start, and after each failure)
     */
    CircleFollower(String client, Duration lateAfter, Map<String, String> owners, Function<Rejections, Source> open,
                   Clock clock, Reports reports) {
        this.client = client;
        this.lateAfter = lateAfter;
        this.owners = Map.copyOf(owners);
        this.open = open;
        this.clock = clock;
        this.reports = reports;
        this.thread = new Thread(this::follow, "kafka-circle");
        thread.setDaemon(true);
    }

    private static Source stream(BoothConfig.KafkaDemo config, String client, Rejections rejections) {
        EventStream s = EventStream.circle(config.bootstrapServers(), client,
                config.circle().stream().map(config::topic).toList(), rejections);
        return new Source() {
            @Override
            public List<EventStream.Event> poll(Duration wait) {
                return s.poll(wait);
            }

            @Override
            public long stepsPast() {
                return s.stepsPast();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** The topics followed. */
    List<String> topics() {
        return owners.keySet().stream().sorted().toList();
    }

    void start() {
        thread.start();
    }

    private void follow() {
        Circle circle = new Circle(client, lateAfter);
        Duration backoff = FIRST_BACKOFF;
        while (closed.getCount() > 0) {
            long started = System.nanoTime();
            try {
                judge(circle);
                return; // closed
            } catch (RuntimeException | LinkageError e) {
                if (closed.getCount() == 0) {
                    return;
                }
                if (System.nanoTime() - started > STEADY.toNanos()) {
                    backoff = FIRST_BACKOFF;
                }
                log.warn("Kafka demo: the circle stopped ({}); it starts again in {} s", ShownText.of(e.toString(), 200),
                        backoff.toSeconds());
                reports.stopped(backoff);
                circle.restart(); // the records it misses meanwhile are unseen, not lost
            }
            try {
                if (closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Consumes and judges until closed; throws when the consumer fails. */
    private void judge(Circle circle) {
        try (Source source = open.apply(rejections)) {
            CircleCounts reported = null; // the first counts are always reported: they say it runs again
            while (closed.getCount() > 0) {
                long steps = source.stepsPast();
                for (EventStream.Event e : source.poll(POLL)) {
                    take(circle, e);
                }
                if (source.stepsPast() != steps) {
                    // past an unreadable batch the stream may also have stepped over records (it cannot tell
                    // where a batch ends): those are unseen, not lost (PoisonIT saw one counted lost)
                    circle.restart();
                }
                CircleCounts c = circle.counts().withRejected(rejections.total());
                if (!c.equals(reported)) {
                    reports.counts(c);
                    reported = c;
                }
            }
        }
    }

    private void take(Circle circle, EventStream.Event e) {
        CircleRecord r;
        try {
            r = CircleJson.read(e.value());
        } catch (IllegalArgumentException notARecord) {
            rejections.reject(Rejection.of(notARecord), e.topic() + ": " + notARecord.getMessage());
            return;
        }
        if (!r.client().equals(owners.get(e.topic()))) {
            rejections.reject(Rejection.FOREIGN, e.topic() + ": a record of " + r.client());
        } else if (!circle.consumed(r, clock.millis())) {
            rejections.reject(Rejection.OUT_OF_WINDOW, e.topic() + ": record " + r.seq() + " of session " + r.session()
                    + " is beyond the circle's window of " + Circle.KEEP);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
