package booth.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.LocalCluster;
import booth.cluster.LocalKafka;
import booth.model.Level;
import booth.model.ReplicaView;
import booth.daemon.ClientBox;
import booth.screen.ScreenConfig;
import booth.protocol.kafka.EventWatch;
import booth.display.Frames;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.HeadlessChromium;
import booth.testing.KafkaBrokers;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The booth screen end to end: a real daemon on the real cluster publishes to a real broker,
 * booth-screen reads it, and Debian's chromium, headless, shows the page. A rack's e-stop must
 * show on the page (its node down, the client's mirrored LCD red with its outcome's text, the
 * timeline); a frozen broker must show as silence and never stop the writes; all of it must
 * recover by itself. The screenshot in docs/ comes from this test's run.
 */
@ExtendWith(CassandraClusterExtension.class)
class BoothScreenIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CassandraCluster it;

    BoothScreenIT(CassandraCluster it) {
        this.it = it;
    }

    /** What the page shows of one client and one node, read from its DOM ({} while it is still loading). */
    private static final String READ_PAGE = """
            !document.getElementById('stream') ? '{}' : JSON.stringify({
              stream: document.getElementById('stream').dataset.silent,
              streamText: document.getElementById('stream').textContent,
              backlight: (document.querySelector('.client[data-client="rpiclient1"] .lcd') || {dataset: {}}).dataset.backlight,
              rows: Array.from(document.querySelectorAll('.client[data-client="rpiclient1"] .lcd .row')).map(r => r.textContent),
              clientSilent: (document.querySelector('.client[data-client="rpiclient1"]') || {dataset: {}}).dataset.silent,
              r3: Array.from(document.querySelectorAll('.node[data-address="127.0.1.3"]')).map(n => n.dataset.belief),
              r1: Array.from(document.querySelectorAll('.node[data-address="127.0.1.1"]')).map(n => n.dataset.belief),
              timeline: Array.from(document.querySelectorAll('#timeline .text')).map(t => t.textContent),
              predictions: Object.fromEntries(Array.from(document.querySelectorAll('.client[data-client="rpiclient1"] .predictions tr'))
                .map(r => [r.dataset.level, r.querySelector('td').textContent])),
              current: Array.from(document.querySelectorAll('.client[data-client="rpiclient1"] .predictions tr[data-current="true"]'))
                .map(r => r.dataset.level)
            })""";

    /**
     * Whether the page's table says for every level what the box's own prediction page would
     * (the same driver's view, reached the TV through Kafka), {@code level} said as {@code words}.
     */
    private static boolean tableMatchesTheBox(HeadlessChromium browser, ClientBox box, Level level, String words) {
        JsonNode table = page(browser).path("predictions");
        return box.state().cassandra().replicas().filter(v -> v.predict(level).words().equals(words)).map(v -> {
            for (Level l : ReplicaView.LEVELS) {
                if (!table.path(l.name()).asText().equals(v.predict(l).words())) {
                    return false;
                }
            }
            return table.size() == ReplicaView.LEVELS.size();
        }).orElse(false);
    }

    private static JsonNode page(HeadlessChromium browser) {
        try {
            return JSON.readTree(browser.evaluate(READ_PAGE).asText());
        } catch (Exception e) {
            throw new AssertionError("cannot read the page: " + e.getMessage(), e);
        }
    }

    @Test
    void theScreenShowsAnEStopAndAFrozenBrokerAsTheyAre() throws Exception {
        assertTrue(HeadlessChromium.installed(), "the booth screen's test needs Debian's chromium: apt-get install chromium (.ci/run does)");
        try (KafkaBrokers brokers = KafkaBrokers.start(LocalKafka.Layout.SINGLE)) {
            String bootstrap = brokers.bootstrapServers();
            ScreenConfig config = ScreenConfig.parse("""
                    screen { listen = "127.0.0.1:0", topology-file = "demo-scripts/topology/ci.topology",
                             kafka { bootstrap-servers = "%s", outcome-topic = sit.outcomes, health-topic = sit.health,
                                     cluster-topic = sit.cluster } }
                    """.formatted(bootstrap), "it");
            ClientBox box = TestBoxes.start(it, "rpiclient1", "ALL", """
                    topology-file = "demo-scripts/topology/ci.topology"
                    kafka { enabled = true, bootstrap-servers = "%s", health-interval = 2s,
                            outcome-topic = sit.outcomes, health-topic = sit.health, cluster-topic = sit.cluster }
                    """.formatted(bootstrap));
            AtomicReference<JsonNode> lastOutcome = new AtomicReference<>();
            Thread follower = new Thread(() -> {
                try {
                    EventWatch.follow(bootstrap, List.of("sit.outcomes"), Duration.ofSeconds(60),
                            new booth.protocol.Rejections("BoothScreenIT", System.err::println, System::nanoTime), line -> {
                        try {
                            lastOutcome.set(JSON.readTree(line));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return true;
                    });
                } catch (RuntimeException e) {
                    if (!Thread.currentThread().isInterrupted() && !(e instanceof org.apache.kafka.common.errors.InterruptException)) {
                        System.err.println("[it-outcomes] stopped following: " + e);
                    }
                }
            }, "it-outcomes");
            follower.setDaemon(true);
            try (box; BoothScreenService service = new BoothScreenService(config,
                    Optional.of(booth.model.TopologyFile.read(config.topologyFile().get())))) {
                service.start();
                follower.start();
                try (HeadlessChromium browser = HeadlessChromium.open(service.url())) {
                    Polling.until("the page shows rpiclient1 writing, green, and every node up", Duration.ofSeconds(90), () -> {
                        JsonNode p = page(browser);
                        return "GREEN".equals(p.path("backlight").asText()) && "false".equals(p.path("stream").asText())
                                && p.path("r3").toString().equals("[\"up\"]");
                    });
                    Polling.until(() -> "the page predicts every level as the box does, ALL needing all 5: " + page(browser),
                            Duration.ofSeconds(30), () -> tableMatchesTheBox(browser, box, Level.ALL, "needs all 5"));
                    assertEquals("[\"ALL\"]", page(browser).path("current").toString(), "the box's own level is marked");

                    it.cluster().estop("DC1:r3", LocalCluster.EStop.FREEZE);
                    try {
                        Polling.until("the page mirrors the red LCD with the outcome's own rows", Duration.ofSeconds(30), () -> {
                            JsonNode p = page(browser);
                            JsonNode o = lastOutcome.get();
                            return o != null && "RED".equals(o.path("backlight").asText()) && "RED".equals(p.path("backlight").asText())
                                    && p.path("rows").get(0).asText().equals(Frames.looks(o.path("screen").get(0).asText()))
                                    && p.path("rows").get(1).asText().equals(Frames.looks(o.path("screen").get(1).asText()));
                        });
                        Polling.until("the frozen rack's node turns down on the page", Duration.ofSeconds(30),
                                () -> page(browser).path("r3").toString().equals("[\"down\"]"));
                        Polling.until(() -> "the page's predictions follow: ALL fails, 4 of 5 up: " + page(browser),
                                Duration.ofSeconds(30), () -> tableMatchesTheBox(browser, box, Level.ALL, "fails: 4 of 5 up"));
                        Polling.until("the timeline records the node going down and the first failure", Duration.ofSeconds(10), () -> {
                            String t = page(browser).path("timeline").toString();
                            return t.contains("DC1 r3 n1: down in rpiclient1's driver") && t.contains("rpiclient1: first failure at ALL");
                        });
                        Polling.until(() -> "the timeline says the prediction held: " + page(browser).path("timeline"),
                                Duration.ofSeconds(30), () -> page(browser).path("timeline").toString()
                                        .contains("rpiclient1: ALL predicted 'needs all 5': held"));
                        assertTrue(page(browser).path("r1").toString().equals("[\"up\"]"), "only the frozen rack is down");
                        browser.screenshot(Path.of("target/booth-screen.png"));
                    } finally {
                        it.cluster().restore("DC1:r3", Duration.ofMinutes(2));
                    }
                    Polling.until("the node is up again and the LCD green", Duration.ofSeconds(60), () -> {
                        JsonNode p = page(browser);
                        return p.path("r3").toString().equals("[\"up\"]") && "GREEN".equals(p.path("backlight").asText());
                    });
                    Polling.until(() -> "the page predicts again that ALL needs all 5: " + page(browser), Duration.ofSeconds(30),
                            () -> tableMatchesTheBox(browser, box, Level.ALL, "needs all 5"));

                    JsonNode state = JSON.readTree(java.net.http.HttpClient.newHttpClient().send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + "state")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("stream");
                    System.out.printf("booth screen: outcomes reached the screen %.0f ms (p50), %.0f ms (p99) after the client's LCD showed them%n",
                            state.get("lag_p50_ms").asDouble(), state.get("lag_p99_ms").asDouble());
                    assertTrue(state.get("lag_p50_ms").asDouble() < 1000, "the screen follows the clients within a second: " + state);

                    // Kafka frozen for a minute: the page says so, the writes go on, and it all comes back by itself
                    long before = TestBoxes.writes(box);
                    brokers.kafka().estop(1, false);
                    long frozenAt = System.nanoTime();
                    try {
                        Polling.until("the page says the stream is silent", Duration.ofSeconds(5), () -> {
                            JsonNode p = page(browser);
                            return "true".equals(p.path("stream").asText()) && p.path("streamText").asText().startsWith("no events for")
                                    && "true".equals(p.path("clientSilent").asText());
                        });
                        Polling.until("a minute of frozen Kafka", Duration.ofSeconds(70),
                                () -> System.nanoTime() - frozenAt > Duration.ofSeconds(60).toNanos());
                        long during = TestBoxes.writes(box) - before;
                        assertTrue(during >= 45, "the writes go on at their rate (one a second) while Kafka is frozen: " + during + " in 60 s");
                        assertTrue(page(browser).path("streamText").asText().matches("no events for [5-9]\\d s.*"),
                                "still silent, counting: " + page(browser).path("streamText").asText());
                    } finally {
                        brokers.kafka().restore(1, Duration.ofMinutes(1));
                    }
                    Polling.until("the page is live again by itself", Duration.ofSeconds(60), () -> {
                        JsonNode p = page(browser);
                        return "false".equals(p.path("stream").asText()) && "false".equals(p.path("clientSilent").asText());
                    });
                } finally {
                    follower.interrupt();
                }
            }
        }
    }
}
