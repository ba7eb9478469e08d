package booth.screen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The TV starts before the booth's DNS answers for the brokers: Kafka refuses to make a consumer
 * while no broker name resolves, which once stopped booth-screen at start. It serves its page,
 * every topic shown missing, and keeps trying (.invalid never resolves).
 */
class BoothScreenServiceTest {
    @Test
    void aBrokerNameThatDoesNotResolveYetStopsNothing() throws Exception {
        ScreenConfig config = ScreenConfig.parse("""
                screen { listen = "127.0.0.1:0", kafka { bootstrap-servers = "rpikafka1.invalid:9092" } }
                """, "test");
        long closed;
        try (BoothScreenService tv = new BoothScreenService(config, Optional.empty())) {
            tv.start();
            HttpClient http = HttpClient.newHttpClient();
            String state = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!state.contains("missing_topics") && System.nanoTime() < deadline) {
                state = http.send(HttpRequest.newBuilder(URI.create(tv.url() + "state")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(state.contains("\"missing_topics\":[\"booth."), "the page says the topics are missing: " + state);
            closed = System.nanoTime();
        }
        long tookMs = (System.nanoTime() - closed) / 1_000_000;
        assertTrue(tookMs < 5000, "closing a screen that never reached Kafka took " + tookMs + " ms");
    }
}
