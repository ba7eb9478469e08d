package booth.screen;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.kafka.PoisonLines;
import booth.chaos.kafka.PoisonWriter;
import booth.cluster.LocalKafka;
import booth.daemon.ClientBox;
import booth.daemon.control.Democtl;
import booth.daemon.ui.KafkaState;
import booth.hal.Backlight;
import booth.hal.KeypadButton;
import booth.hal.PlateView;
import booth.hal.virtual.VirtualPlate;
import booth.model.CircleRecord;
import booth.model.Topology;
import booth.model.TopologyFile;
import booth.protocol.CircleJson;
import booth.protocol.Rejection;
import booth.protocol.ShownText;
import booth.protocol.kafka.KafkaClients;
import booth.testing.CompressedBatch;
import booth.testing.KafkaBrokers;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.slf4j.LoggerFactory;

/**
 * Hostile input from Kafka, against a real broker: a headless daemon in the Kafka demo, the booth
 * screen in-process pinned to the CI topology, and {@code democtl tail --from-kafka}, while the
 * test's own producer ({@link PoisonWriter}) writes {@link PoisonLines} to the demo topic the circle follows and to the
 * events topics the TV and tail read, and a batch compressed with zstd (which no booth class path
 * has) to both. Each poison must be consumed and counted by kind, and logged once per kind, and
 * nothing a visitor or staff member sees may change: the LCD, the TV's clients and nodes, what
 * tail and status print. Every process and client the test starts is stopped by it.
 */
class PoisonIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "rpiclient1";
    private static final String OUTCOMES = "pit.outcomes";
    private static final String CLUSTER = "pit.cluster";
    private static final String DEMO = KafkaClients.DEFAULT_DEMO_TOPIC_PREFIX + CLIENT;
    private static final String SOCKET = System.getProperty("java.io.tmpdir") + "/booth-it-" + CLIENT + ".sock";
    private static final List<String> ZSTD_VALUES = List.of("{\"v\":1}", "{\"v\":1}", "{\"v\":1}", "{\"v\":1}", "{\"v\":1}");

    /** What the TV must refuse, by kind: the events poison's, and the zstd batch: 21 in all. */
    private static final Map<String, Long> TV_REJECTED = tvRejected();
    /** What the circle must refuse, by kind: 21 in all. */
    private static final Map<String, Long> CIRCLE_REJECTED = Map.of("out_of_window", 1L, "too_large", 1L,
            "control_characters", 1L, "foreign", (long) PoisonLines.FAKE_CLIENTS.size(), "malformed", 1L, "undecodable_batch", 1L);

    private static final int TAIL_LINES = PoisonLines.FAKE_CLIENTS.size() + 80;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ByteArrayOutputStream tailOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tailErr = new ByteArrayOutputStream();

    @Test
    void poisonIsConsumedCountedAndLoggedAndChangesNothingShown() throws Exception {
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("booth.daemon.kafka.CircleFollower"),
                (Logger) LoggerFactory.getLogger(BoothScreenService.class));
        log.start();
        loggers.forEach(l -> l.addAppender(log));
        AtomicReference<Thread> tail = new AtomicReference<>();
        try (KafkaBrokers brokers = KafkaBrokers.start(LocalKafka.Layout.SINGLE)) {
            String bootstrap = brokers.bootstrapServers();
            createTopics(bootstrap); // tail gives up on a topic missing for 15 s; the daemon in the Kafka demo writes no cluster view
            ScreenConfig config = ScreenConfig.parse("""
                    screen { listen = "127.0.0.1:0", topology-file = "demo-scripts/topology/ci.topology",
                             kafka { bootstrap-servers = "%s", outcome-topic = %s, health-topic = pit.health, cluster-topic = %s } }
                    """.formatted(bootstrap, OUTCOMES, CLUSTER), "it");
            Topology topology = TopologyFile.read(config.topologyFile().orElseThrow());
            try (ClientBox box = TestBoxes.startKafkaDemo(CLIENT, bootstrap, new ByteArrayOutputStream(), """
                    idle-timeout = 10m
                    kafka-demo { replication-factor = 1, min-insync-replicas = 1 }
                    kafka { enabled = true, bootstrap-servers = "%s", outcome-topic = %s, health-topic = pit.health,
                            cluster-topic = %s, health-interval = 1s }
                    """.formatted(bootstrap, OUTCOMES, CLUSTER));
                 BoothScreenService tv = new BoothScreenService(config, Optional.of(topology));
                 PoisonWriter poison = new PoisonWriter(bootstrap)) {
                tv.start();
                VirtualPlate plate = box.panel().virtualPlate().orElseThrow();
                Polling.until("the demo runs: records acknowledged and consumed, the TV mirrors the box", Duration.ofSeconds(90),
                        () -> kafka(box).records().acked() >= 5 && kafka(box).circle().counts().delivered() >= 3
                                && tvClient(tv).path("ok").asLong() >= 3);
                tap(plate, KeypadButton.LEFT); // from the main page to the lost page, kept there by the idle time-out of 10 min
                PlateView lostBefore = plate.view();
                assertTrue(lostBefore.top().matches("lost acked +0"), "the lost page before the poison: " + lostBefore);
                tail.set(new Thread(() -> tail(bootstrap), "it-tail"));
                tail.get().setDaemon(true);
                tail.get().start();
                Polling.until("tail prints the box's outcomes", Duration.ofSeconds(30),
                        () -> !tailOut.toString(StandardCharsets.UTF_8).isEmpty());

                long ackedBefore = kafka(box).records().acked();
                long failedBefore = kafka(box).records().failed();
                CircleRecord real = CircleJson.decode(poison.lastValue(DEMO, null).orElseThrow()).orElseThrow();
                List<String> demo = new ArrayList<>(List.of(PoisonLines.farJump(real), PoisonLines.longRecord(real),
                        PoisonLines.escapedRecord(real), "not a record {"));
                demo.addAll(PoisonLines.foreignRecords(real));
                for (String v : demo) {
                    poison.write(DEMO, "poison", v);
                }
                poison.events(OUTCOMES, CLUSTER, CLIENT);
                List<CompressedBatch.Written> zstd = CompressedBatch.write(brokers, "zstd", List.of(DEMO, OUTCOMES), ZSTD_VALUES);
                assertEquals(2, zstd.size(), "a zstd batch on each topic: " + zstd);
                assertUnreadableHere(bootstrap, zstd.get(1));

                // consumed: records and events written after the last poison reach the circle and the TV (a partition is read in order)
                long delivered = kafka(box).circle().counts().delivered();
                long tvOutcomes = tvClient(tv).path("ok").asLong() + tvClient(tv).path("failed").asLong();
                Polling.until("the circle consumes five more of the box's records, past the poison", Duration.ofSeconds(30),
                        () -> kafka(box).circle().counts().delivered() >= delivered + 5);
                Polling.until("the TV takes five more of the box's outcomes, past the poison", Duration.ofSeconds(30),
                        () -> tvClient(tv).path("ok").asLong() + tvClient(tv).path("failed").asLong() >= tvOutcomes + 5);
                Polling.until("tail prints its " + TAIL_LINES + " lines, past the poison", Duration.ofSeconds(60),
                        () -> !tail.get().isAlive());

                JsonNode state = state(tv);
                JsonNode status = JSON.readTree(democtl("status", "--json"));
                String statusText = democtl("status");
                PlateView lostAfter = plate.view();
                tap(plate, KeypadButton.RIGHT); // back to the main page
                long acked = kafka(box).records().acked();
                Polling.until("the main page shows a record acknowledged after the poison", Duration.ofSeconds(10),
                        () -> kafka(box).records().acked() > acked && plate.view().backlight() == Backlight.GREEN);
                PlateView main = plate.view();
                String tailText = tailOut.toString(StandardCharsets.UTF_8);
                List<String> said = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
                System.out.printf("figures: poison: TV rejected %s, circle rejected %s, acknowledged %d during it%n",
                        state.path("stream").path("rejected"), status.path("kafka_demo").path("circle").path("rejected"),
                        acked - ackedBefore);

                assertAll("what a visitor or staff member sees",
                        () -> assertEquals(lostBefore, lostAfter, "the LCD's lost page, before and after"),
                        () -> assertEquals(0, kafka(box).circle().counts().lost(), "nothing lost in the circle"),
                        () -> assertEquals(0, status.path("kafka_demo").path("circle").path("lost").asLong(), "status: nothing lost"),
                        () -> assertTrue(main.top().startsWith("acks=all") && main.bottom().matches("b1 0@\\d+ +\\d+ms *"),
                                "the main page shows the live demo: " + main),
                        () -> assertEquals(List.of(CLIENT), names(state.path("clients"), "client"), "the TV's clients"),
                        () -> assertEquals(topology.nodes().stream().map(n -> n.address().getHostAddress()).collect(Collectors.toCollection(TreeSet::new)),
                                addresses(state), "the TV's nodes are the topology's"),
                        () -> assertClean("the TV's state", state.toString()),
                        () -> assertClean("tail", tailText),
                        () -> assertClean("status", statusText),
                        () -> assertTrue(acked - ackedBefore >= 8 && kafka(box).records().failed() == failedBefore,
                                "the daemon kept producing: " + (acked - ackedBefore) + " acknowledged, "
                                        + (kafka(box).records().failed() - failedBefore) + " failed"));
                assertAll("each poison consumed, counted by kind and logged once per kind",
                        () -> assertEquals(new TreeMap<>(TV_REJECTED), rejectedByKind(state), "the TV's stream.rejected"),
                        () -> assertEquals(CIRCLE_REJECTED.values().stream().mapToLong(Long::longValue).sum(),
                                status.path("kafka_demo").path("circle").path("rejected").asLong(), "status: circle.rejected"),
                        () -> assertTrue(statusText.contains(", 21 rejected"), statusText),
                        lines(said, "booth screen: rejected ", TV_REJECTED.keySet()),
                        lines(said, "Kafka demo circle: rejected ", CIRCLE_REJECTED.keySet()),
                        lines(tailErr.toString(StandardCharsets.UTF_8).lines().toList(), "democtl: democtl tail: rejected ",
                                Set.of("too_large", "control_characters", "undecodable_batch")));
            }
        } finally {
            loggers.forEach(l -> l.detachAppender(log));
            Optional.ofNullable(tail.get()).ifPresent(Thread::interrupt);
        }
    }

    /**
     * {@code democtl tail --from-kafka} on the events topics, in this JVM, until it has printed
     * {@link #TAIL_LINES}: the fake clients' and about 15 s of the box's, well past the poison.
     */
    private void tail(String bootstrap) {
        Democtl.run(new String[] {"tail", "--from-kafka", bootstrap, "--topics", OUTCOMES + "," + CLUSTER, "--count",
                Integer.toString(TAIL_LINES)},
                new PrintStream(tailOut, true, StandardCharsets.UTF_8), new PrintStream(tailErr, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]));
    }

    private static String democtl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--socket";
        all[1] = SOCKET;
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = Democtl.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, new ByteArrayInputStream(new byte[0]));
        assertEquals(0, exit, "democtl " + String.join(" ", args));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> tvRejected() {
        Map<String, Long> out = new TreeMap<>();
        PoisonLines.EVENTS_REFUSED.forEach((kind, n) -> out.put(kind.wireName(), n));
        out.put(Rejection.UNDECODABLE_BATCH.wireName(), 1L);
        return out;
    }

    private static KafkaState kafka(ClientBox box) {
        return box.state().kafka();
    }

    /** A key tapped as a finger would: down for three of the driver's polls, then up for three. */
    private static void tap(VirtualPlate plate, KeypadButton key) {
        plate.press(key);
        awaitPolls(plate);
        plate.release(key);
        awaitPolls(plate);
    }

    private static void awaitPolls(VirtualPlate plate) {
        long before = plate.reads();
        Polling.until("three polls of the keys", Duration.ofSeconds(5), () -> plate.reads() >= before + 3);
    }

    private static JsonNode state(BoothScreenService tv) {
        try {
            return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tv.url() + "state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new AssertionError("cannot read the TV's state: " + e.getMessage(), e);
        }
    }

    /** The box as the TV shows it ({} before its first event). */
    private static JsonNode tvClient(BoothScreenService tv) {
        for (JsonNode c : state(tv).path("clients")) {
            if (c.path("client").asText().equals(CLIENT)) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static Set<String> addresses(JsonNode state) {
        Set<String> out = new TreeSet<>();
        state.path("dcs").forEach(dc -> dc.path("racks").forEach(r -> r.path("nodes").forEach(n -> out.add(n.path("address").asText()))));
        return out;
    }

    private static Map<String, Long> rejectedByKind(JsonNode state) {
        Map<String, Long> out = new TreeMap<>();
        state.path("stream").path("rejected").properties().forEach(f -> out.put(f.getKey(), f.getValue().asLong()));
        return out;
    }

    /** No control character shown (line breaks apart), and nothing of a 60 kB string. */
    private static void assertClean(String what, String shown) {
        assertFalse(ShownText.hasControl(shown), what + " shows a control character: " + shown.substring(0, Math.min(shown.length(), 2000)));
        assertFalse(shown.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\\\u(001b|009b|202e).*"), what + " carries an escape");
        assertFalse(shown.contains("y".repeat(200)) || shown.contains("x".repeat(200)), what + " shows a poisoned long string");
    }

    /** Exactly one line starting {@code prefix} for each kind, and none of another kind. */
    private static Executable lines(List<String> said, String prefix, Set<String> kinds) {
        return () -> {
            Map<String, Long> byKind = said.stream().filter(l -> l.startsWith(prefix))
                    .collect(Collectors.groupingBy(l -> l.substring(prefix.length()).split(" ")[0], TreeMap::new, Collectors.counting()));
            assertEquals(new TreeMap<>(kinds.stream().collect(Collectors.toMap(k -> k, k -> 1L))), byKind,
                    "one line per kind starting '" + prefix + "': " + said);
        };
    }

    /**
     * The premise, checked: a consumer with the booth's class path cannot read the batch.
     * kafka-clients 4.3.1 throws the codec's missing class bare (NoClassDefFoundError from
     * ZstdCompression's builder, outside its wrapping), naming no partition, on every poll until
     * moved past it: not a KafkaException naming the partition, as a corrupt batch gives.
     */
    private static void assertUnreadableHere(String bootstrap, CompressedBatch.Written batch) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerSettings(bootstrap))) {
            TopicPartition tp = new TopicPartition(batch.topic(), 0);
            c.assign(List.of(tp));
            for (int poll = 1; poll <= 2; poll++) {
                c.seek(tp, batch.first() + poll - 1);
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Polling.until("the test's consumer fails on the zstd batch", Duration.ofSeconds(20), () -> {
                    try {
                        c.poll(Duration.ofMillis(500));
                        return false;
                    } catch (KafkaException | LinkageError e) {
                        thrown.set(e);
                        return true;
                    }
                });
                System.out.printf("figures: poison: poll %d of the zstd batch at %s: %s%n", poll, tp, thrown.get());
                assertTrue(thrown.get() instanceof NoClassDefFoundError && thrown.get().getMessage().contains("com/github/luben/zstd"),
                        "the codec's class is missing: " + thrown.get());
            }
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(CLUSTER, 1, (short) 1).configs(KafkaClients.topicConfig())))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static Properties consumerSettings(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
