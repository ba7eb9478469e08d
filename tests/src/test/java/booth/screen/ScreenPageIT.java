package booth.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.screen.BoothScreen.Source;
import booth.testing.HeadlessChromium;
import booth.testing.Polling;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The page in headless Chromium against the real server, fed with a state built from events
 * (no Kafka, no cluster): what the DOM shows for each state, text drawn as text, and a page
 * whose service goes away saying so.
 */
class ScreenPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private static JsonNode read(HeadlessChromium browser, String expression) {
        try {
            return JSON.readTree(browser.evaluate("JSON.stringify(" + expression + ")").asText());
        } catch (Exception e) {
            throw new AssertionError("cannot read the page: " + e.getMessage(), e);
        }
    }

    @Test
    void thePageDrawsTheStateAndSaysWhenTheServiceIsGone() throws Exception {
        BoothScreen screen = new BoothScreen(Duration.ofSeconds(3), Optional.empty(), ZoneOffset.UTC);
        screen.accept(Source.CLUSTER, BoothScreenTest.view("laptop1", T0, "down"), T0);
        screen.accept(Source.CLUSTER, BoothScreenTest.view("laptop2", T0, "up"), T0);
        screen.accept(Source.OUTCOME, BoothScreenTest.written("laptop2", T0, 3.0, "127.0.1.3"), T0);
        screen.accept(Source.OUTCOME, BoothScreenTest.failed("laptop1", T0, "unavailable", "Unavail 4/5 up <b>x</b>"), T0);
        assertTrue(!screen.accept(Source.OUTCOME, "{\"v\":1,\"type\":\"outcome\",\"client\":\"<img>\"}", T0));

        ScreenServer server = new ScreenServer(new InetSocketAddress("127.0.0.1", 0));
        try {
            server.start();
            server.publish(screen.snapshot(T0.plusSeconds(1), Set.of()));
            String url = "http://127.0.0.1:" + server.address().getPort() + "/";
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(url + "nothing")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            try (HeadlessChromium browser = HeadlessChromium.open(url)) {
                Polling.until("the page draws both clients", Duration.ofSeconds(20),
                        () -> read(browser, "document.querySelectorAll('.client').length").asInt() == 2);
                JsonNode lcd = read(browser, """
                        Array.from(document.querySelectorAll('.client')).map(c => ({client: c.dataset.client,
                          backlight: c.querySelector('.lcd').dataset.backlight,
                          rows: Array.from(c.querySelectorAll('.lcd .row')).map(r => r.textContent)}))""");
                assertEquals("laptop1", lcd.get(0).get("client").asText());
                assertEquals("RED", lcd.get(0).get("backlight").asText());
                assertEquals("W:ALL         \u2195\u2192", lcd.get(0).get("rows").get(0).asText());
                assertEquals("Unavail 4/5 up <", lcd.get(0).get("rows").get(1).asText(), "markup in an event is drawn as text");
                assertEquals("GREEN", lcd.get(1).get("backlight").asText());
                assertEquals(0, read(browser, "document.querySelectorAll('.lcd b, #timeline b').length").asInt(),
                        "no element made of an event's text");
                assertEquals("disagree", read(browser, "document.querySelector('.node[data-address=\"127.0.1.3\"]').dataset.belief").asText());
                assertEquals("up", read(browser, "document.querySelector('.node[data-address=\"127.0.1.1\"]').dataset.belief").asText());
                assertEquals("laptop2", read(browser, "document.querySelector('.node[data-address=\"127.0.1.3\"] [data-coordinated]').dataset.coordinated").asText());
                assertTrue(read(browser, "document.getElementById('stream').textContent").asText().contains("1 events rejected"));
                assertEquals(1, read(browser, "document.querySelectorAll('#timeline li').length").asInt());
                assertEquals(0, read(browser, "document.documentElement.scrollHeight - window.innerHeight").asInt(), "nothing scrolls");

                // later, with no event since: the clients and the stream go silent on the page
                server.publish(screen.snapshot(T0.plusSeconds(9), Set.of()));
                Polling.until("the page shows the silence", Duration.ofSeconds(10),
                        () -> read(browser, "document.getElementById('stream').textContent").asText().equals("no events for 9 s: is Kafka down?")
                                && read(browser, "document.querySelector('.client').dataset.silent").asText().equals("true"));

                server.close();
                Polling.until("the page says the service is gone", Duration.ofSeconds(10),
                        () -> read(browser, "document.getElementById('stream').textContent").asText().equals("the screen service is not answering"));
            }
        } finally {
            server.close();
        }
    }
}
