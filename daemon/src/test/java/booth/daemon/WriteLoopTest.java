package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.config.BoothConfig;
import booth.daemon.kafka.KafkaDemo;
import booth.daemon.ui.CassandraState;
import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.hal.Ticker;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.Demo;
import booth.model.Level;
import booth.model.PartitionView;
import booth.model.ProduceKind;
import booth.model.ProduceOutcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writes thread keeps its pace whatever the Kafka demo's brokers do; no broker needed. */
class WriteLoopTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    /** Ticks watched: three seconds' worth, as long as the topic's creation may wait for the brokers. */
    private static final int TICKS = 30;
    /**
     * The longest gap allowed between two ticks: ten intervals, for a busy machine. The demo's
     * set-up on the writes thread would show as one gap of three seconds (the topic's creation),
     * and a record's send there as gaps of half a second (the producer's max.block) at most.
     */
    private static final Duration MAX_GAP = Duration.ofSeconds(1);

    private static final KafkaDemo.Listener IGNORED = new KafkaDemo.Listener() {
        @Override
        public void view(PartitionView view) {
        }

        @Override
        public void circle(CircleCounts counts) {
        }
    };

    /**
     * A broker that accepts connections and never answers (a frozen one: the kernel accepts for
     * it), as the Kafka demo starts on the first tick: every tick still comes on time, and every
     * record due meanwhile is reported, as a time-out, never as acknowledged.
     */
    @Test
    void aBrokerThatNeverAnswersLeavesTheTickRateUnchanged() throws Exception {
        List<Long> ticks = new CopyOnWriteArrayList<>();
        List<ProduceOutcome> produced = new CopyOnWriteArrayList<>();
        CountDownLatch ticked = new CountDownLatch(TICKS);
        CountDownLatch answered = new CountDownLatch(1);
        UiState state = UiState.initial(Demo.KAFKA, new CassandraState.Levels(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true),
                Acks.ALL, 0);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            BoothConfig.KafkaDemo config = new BoothConfig.KafkaDemo("127.0.0.1:" + silent.getLocalPort(), Acks.ALL,
                    "booth.demo.", List.of("rpiclient1"), 3, 2, Duration.ofSeconds(2));
            try (KafkaDemoOnDemand demo = new KafkaDemoOnDemand("rpiclient1", config, IGNORED, Clock.systemUTC());
                 WriteLoop loop = new WriteLoop(INTERVAL, () -> state, e -> {
                     // every tick posts one of these: a record handed over, or skipped while one is in flight
                     if (e instanceof UiEvent.Producing || e instanceof UiEvent.SkippedTick) {
                         ticks.add(System.nanoTime());
                         ticked.countDown();
                     } else if (e instanceof UiEvent.Produced p) {
                         produced.add(p.outcome());
                         answered.countDown();
                     }
                 }, Ticker.SYSTEM, demo)) {
                loop.start();
                assertTrue(ticked.await(30, TimeUnit.SECONDS), "ticks so far: " + ticks.size());
                assertTrue(answered.await(10, TimeUnit.SECONDS), "no record answered");
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < TICKS; i++) {
            gaps.add((ticks.get(i) - ticks.get(i - 1)) / 1_000_000);
        }
        assertTrue(gaps.stream().allMatch(g -> g < MAX_GAP.toMillis()), "gaps between ticks (ms): " + gaps);
        for (ProduceOutcome o : produced) {
            assertEquals(ProduceKind.TIMEOUT, o.kind(), o.toString());
        }
    }

    /**
     * A record that outlives its tick: the next starts once its outcome has been shown for
     * {@link WriteLoop#SHOWN}, not at the tick after (with a three-second interval, the next tick
     * is a whole interval away: real breakage, not noise), and not at once (unreadable).
     */
    @Test
    void aWriteThatEndsAfterASkippedTickIsFollowedOnceItsOutcomeWasShown() throws Exception {
        Duration interval = Duration.ofSeconds(3);
        List<CompletableFuture<ProduceOutcome>> records = new CopyOnWriteArrayList<>();
        List<Long> started = new CopyOnWriteArrayList<>();
        CountDownLatch skipped = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        UiState state = UiState.initial(Demo.KAFKA, new CassandraState.Levels(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true),
                Acks.ALL, 0);
        try (WriteLoop loop = new WriteLoop(interval, () -> state, e -> {
            if (e instanceof UiEvent.Producing) {
                started.add(System.nanoTime());
                second.countDown();
            } else if (e instanceof UiEvent.SkippedTick) {
                skipped.countDown();
            }
        }, Ticker.SYSTEM, acks -> {
            CompletableFuture<ProduceOutcome> record = new CompletableFuture<>();
            records.add(record);
            return record;
        })) {
            loop.start();
            assertTrue(skipped.await(10, TimeUnit.SECONDS), "no tick found the first record in flight");
            long ended = System.nanoTime();
            records.get(0).complete(new ProduceOutcome(1, Instant.EPOCH, Acks.ALL, "t", Optional.of(1), 0, 5,
                    Duration.ofMillis(2500), Optional.empty()));
            assertTrue(second.await(10, TimeUnit.SECONDS), "the next record never started");
            long waitedMs = (started.get(1) - ended) / 1_000_000;
            assertTrue(waitedMs >= WriteLoop.SHOWN.toMillis(), "the next record started " + waitedMs + " ms after: not shown");
            assertTrue(waitedMs < interval.toMillis() / 2, "the next record waited " + waitedMs + " ms for a tick");
        }
    }
}
