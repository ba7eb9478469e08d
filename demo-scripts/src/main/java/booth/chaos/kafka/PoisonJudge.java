package booth.chaos.kafka;

import booth.protocol.Rejection;
import booth.protocol.ShownText;
import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the run's booth screen made of the poison, read from its state ({@code /state}, the JSON
 * the page draws): every poison line consumed and refused, counted by kind, and nothing of it
 * shown. The daemons do not read the events topics (the circle's demo topic is read only in the
 * Kafka demo, which the chaos boxes do not run: {@code PoisonIT} covers it), so the screen is
 * the one reader of the poison in a chaos run.
 */
public final class PoisonJudge {
    /** An escape, a C1 introducer or a bidirectional override as JSON writes them, in either case of hex. */
    private static final Pattern ESCAPED = Pattern.compile("\\\\u(001b|009b|202e)", Pattern.CASE_INSENSITIVE);
    /**
     * What the screen must show at the end of the run.
     *
     * @param refused every refusal by kind: exactly the poison's (the boxes' own events are all taken)
     * @param clients the topology's clients that wrote during the run
     * @param nodes   the addresses of the topology's nodes
     */
    public record Expected(Map<Rejection, Long> refused, Set<String> clients, Set<String> nodes) {
        public Expected {
            refused = Map.copyOf(refused);
            clients = Set.copyOf(clients);
            nodes = Set.copyOf(nodes);
        }

        long refusedInAll() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The judgement.
     *
     * @param refused  what the screen refused, by kind ({@code too_large}), as its state says
     * @param findings what is wrong, each starting "poison: "; none when the screen passes
     */
    public record Verdict(Map<String, Long> refused, List<String> findings) {
        public Verdict {
            refused = Collections.unmodifiableMap(new TreeMap<>(refused));
            findings = List.copyOf(findings);
        }
    }

    /** How often the state is read while the screen catches up. */
    private static final Duration POLL = Duration.ofMillis(500);

    private PoisonJudge() {
    }

    /** The screen's {@code state} judged against what the run {@code expected}. */
    public static Verdict judge(String state, Expected expected) {
        JsonNode s;
        try {
            s = Wire.parseObject(state);
        } catch (IllegalArgumentException e) {
            return new Verdict(Map.of(), List.of("poison: the screen's state does not read: " + e.getMessage()));
        }
        List<String> findings = new ArrayList<>();
        Map<String, Long> want = new TreeMap<>();
        expected.refused().forEach((kind, n) -> want.put(kind.wireName(), n));
        Map<String, Long> got = new TreeMap<>();
        s.path("stream").path("rejected").properties().forEach(f -> got.put(f.getKey(), f.getValue().asLong()));
        if (!got.equals(want)) {
            findings.add("poison: the screen refused " + got + " by kind, the poison written was " + want);
        }
        Set<String> clients = new TreeSet<>();
        s.path("clients").forEach(c -> clients.add(c.path("client").asText()));
        if (!clients.equals(new TreeSet<>(expected.clients()))) {
            findings.add("poison: the screen's clients are " + clients + ", the topology's that wrote " + new TreeSet<>(expected.clients()));
        }
        Set<String> nodes = new TreeSet<>();
        s.path("dcs").forEach(dc -> dc.path("racks").forEach(r -> r.path("nodes").forEach(n -> nodes.add(n.path("address").asText()))));
        if (!nodes.equals(new TreeSet<>(expected.nodes()))) {
            findings.add("poison: the screen's nodes are " + nodes + ", the topology's " + new TreeSet<>(expected.nodes()));
        }
        if (ShownText.hasControl(state)) {
            findings.add("poison: the screen's state holds a control character");
        }
        // JSON writes an escape it carries as \\u001B (Jackson's upper-case hex): shown, a terminal or the page would meet it
        if (ESCAPED.matcher(state).find()) {
            findings.add("poison: the screen's state carries an escape");
        }
        if (state.contains("y".repeat(200)) || state.contains("x".repeat(200))) {
            findings.add("poison: the screen's state shows a poisoned long string");
        }
        return new Verdict(got, findings);
    }

    /**
     * The screen's state at {@code url} once it has refused as many events as {@code expected}
     * says (a refused event is counted as soon as it is consumed), or as it is after {@code limit}.
     */
    public static String settledState(URI url, Expected expected, Duration limit) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String state = state(http, url);
            boolean caughtUp = refusedInAll(state) >= expected.refusedInAll();
            if (caughtUp || System.nanoTime() > deadline) {
                return state;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading the screen's state", e);
            }
        }
    }

    private static long refusedInAll(String state) {
        try {
            return Wire.parseObject(state).path("stream").path("malformed").asLong();
        } catch (IllegalArgumentException notYet) {
            return 0; // "{}" before the first publication has no stream
        }
    }

    private static String state(HttpClient http, URI url) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("the screen's state " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading the screen's state", e);
        }
    }
}
