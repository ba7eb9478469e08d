package booth.screen;

import booth.model.RecentMillis;

import booth.protocol.Wire;
import booth.display.Screens;
import booth.hal.Backlight;
import booth.model.Coordinator;
import booth.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the booth screen knows, built only from the clients' events: each client's last outcome
 * (its LCD as the outcome's {@code screen} gives it), its last 60 outcomes, counts and
 * latencies, its health, its driver's view of the cluster; the nodes coloured by what the live
 * clients' drivers believe; and a timeline of what changed. Fed by one thread, with the time
 * each event was received; everything is bounded, so it stays the same size however long it
 * runs. An event that does not read as schema version 1 is counted and dropped whole, never
 * half applied. Not thread-safe: the service's consumer thread owns it.
 */
public final class BoothScreen {
    /** Which topic an event came from, and so which type it must be. */
    public enum Source {
        OUTCOME("outcome"), HEALTH("health"), CLUSTER("cluster");

        final String type;

        Source(String type) {
            this.type = type;
        }
    }

    static final int STRIP = 60;
    static final int LATENCIES = 600;
    static final int TIMELINE = 40;
    static final int CLIENTS = 16;
    static final int NODES = 64;
    private static final String CLIENT_NAME = "[A-Za-z0-9_-]{1,32}";

    /** A node in a driver's view, and the state the driver gives it. */
    private record Seen(Coordinator place, String state) {
    }

    /** One line of the timeline, at the client's time of the event. */
    private record Entry(Instant at, String text, Instant episodeStart) {
    }

    private static final class Client {
        final String name;
        Instant heard;
        String localDc;
        // the last outcome
        String[] screen;
        String backlight;
        String writeLevel;
        String readLevel;
        String kind;
        String text;
        String coordinator;
        int failedRun;
        final Deque<String> strip = new ArrayDeque<>();
        long ok;
        long failed;
        final RecentMillis latencies = new RecentMillis(LATENCIES);
        // the last health event
        Double tempC;
        Double load1;
        Long dropped;
        // the last cluster view: address -> the driver's state
        Map<String, String> view = Map.of();

        Client(String name) {
            this.name = name;
        }
    }

    private final Duration silentAfter;
    private final DateTimeFormatter clock;
    private final Map<String, Coordinator> places = new HashMap<>();
    private final Map<String, Client> clients = new HashMap<>();
    private final Deque<Entry> timeline = new ArrayDeque<>();
    private Instant episodeStart;
    private Instant lastEvent;
    /** How long after the client had it each outcome reached this screen, in ms (the last 600). */
    private final RecentMillis lags = new RecentMillis(LATENCIES);
    private long events;
    private long malformed;

    /**
     * @param silentAfter a client, or the stream, with no event for this long is silent
     * @param topology    the booth's nodes, drawn before any client reports them
     */
    public BoothScreen(Duration silentAfter, Optional<Topology> topology, ZoneId zone) {
        this.silentAfter = silentAfter;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        topology.ifPresent(t -> t.nodes().forEach(n -> {
            String address = n.address().getHostAddress();
            places.put(address, new Coordinator(n.dc(), n.rack(), address, n.name()));
        }));
    }

    /** Events taken, malformed ones included. */
    public long events() {
        return events;
    }

    /** Events dropped because they did not read as schema version 1. */
    public long malformed() {
        return malformed;
    }

    /**
     * Takes one event as it came from Kafka.
     *
     * @return false when it was malformed (counted, nothing of it kept)
     */
    public boolean accept(Source source, String json, Instant received) {
        return take(source, json, received, true);
    }

    /**
     * Takes one event of the history read at start, as of when it was sent: a client whose last
     * event is a minute old is silent from the start, never live for a moment because the screen
     * has just read it. Its lag is not measured.
     *
     * @return false when it was malformed (counted, nothing of it kept)
     */
    public boolean replay(Source source, String json, Instant sent) {
        return take(source, json, sent, false);
    }

    private boolean take(Source source, String json, Instant received, boolean live) {
        events++;
        if (lastEvent == null || received.isAfter(lastEvent)) {
            lastEvent = received;
        }
        try {
            ObjectNode n = Wire.parseObject(json);
            if (n.path("v").asInt(-1) != Wire.VERSION || !n.path("v").isInt()) {
                throw new IllegalArgumentException("not schema version " + Wire.VERSION);
            }
            if (!source.type.equals(n.path("type").asText())) {
                throw new IllegalArgumentException("type is not " + source.type);
            }
            String name = string(n, "client");
            if (!name.matches(CLIENT_NAME)) {
                throw new IllegalArgumentException("bad client name");
            }
            Instant at = instant(n, "time");
            switch (source) {
                case OUTCOME -> outcome(name, at, Outcome.read(n), received, live);
                case HEALTH -> health(name, n, received);
                case CLUSTER -> cluster(name, at, string(n, "local_dc"), readView(n), received);
            }
            return true;
        } catch (IllegalArgumentException e) {
            malformed++;
            return false;
        }
    }

    /** An outcome event's fields, all read and checked before any is kept. */
    private record Outcome(String[] screen, String backlight, String writeLevel, String readLevel, String kind,
                           String text, double latencyMs, String coordinator) {
        static Outcome read(ObjectNode n) {
            JsonNode screen = n.path("screen");
            if (!screen.isArray() || screen.size() != 2 || !screen.get(0).isTextual() || !screen.get(1).isTextual()
                    || screen.get(0).asText().length() > 16 || screen.get(1).asText().length() > 16) {
                throw new IllegalArgumentException("screen is not two rows of at most 16 characters");
            }
            String backlight = string(n, "backlight");
            if (Arrays.stream(Backlight.values()).noneMatch(b -> b.name().equals(backlight))) {
                throw new IllegalArgumentException("unknown backlight");
            }
            String kind = string(n, "kind");
            if (!kind.matches("[a-z_]{1,32}")) {
                throw new IllegalArgumentException("bad kind");
            }
            JsonNode latency = n.path("latency_ms");
            if (!latency.isNumber() || latency.asDouble() < 0) {
                throw new IllegalArgumentException("bad latency_ms");
            }
            String rowTwo = screen.get(1).asText();
            String text = n.path("text").isTextual() ? n.path("text").asText() : rowTwo.strip();
            if (n.path("demo").asText().equals("kafka")) {
                // a box in the Kafka demo: its LCD and strip as they are, its acks as its level;
                // acknowledged (or sent, acks=0) counts as a success, as "written" does
                String acks = "acks=" + string(n, "acks");
                String ok = kind.equals("acked") || kind.equals("sent") ? "written" : kind;
                return new Outcome(new String[] {screen.get(0).asText(), rowTwo}, backlight, acks, "", ok, text,
                        latency.asDouble(), null);
            }
            JsonNode c = n.path("coordinator");
            String coordinator = null;
            if (c.isObject()) {
                coordinator = string((ObjectNode) c, "address");
            } else if (!c.isNull()) {
                throw new IllegalArgumentException("bad coordinator");
            }
            return new Outcome(new String[] {screen.get(0).asText(), rowTwo}, backlight, string(n, "write_level"),
                    string(n, "read_level"), kind, text, latency.asDouble(), coordinator);
        }
    }

    private void outcome(String name, Instant at, Outcome o, Instant received, boolean live) {
        if (live) {
            // the client had it once the write was answered: sent at "time", answered latency_ms later
            lags.add(Math.max(0, Duration.between(at, received).toNanos() / 1e6 - o.latencyMs()));
        }
        Client c = client(name, received);
        boolean failed = !o.kind().equals("written");
        String before = c.kind;
        if (failed && (before == null || before.equals("written"))) {
            note(at, name + ": first failure at " + o.writeLevel() + ": " + o.text());
        } else if (failed && !before.equals(o.kind())) {
            note(at, name + ": now " + o.text());
        } else if (!failed && before != null && !before.equals("written")) {
            note(at, name + ": writes succeed again at " + o.writeLevel() + " (after " + c.failedRun + " failed)");
        }
        c.failedRun = failed ? c.failedRun + 1 : 0;
        c.screen = o.screen();
        c.backlight = o.backlight();
        c.writeLevel = o.writeLevel();
        c.readLevel = o.readLevel();
        c.kind = o.kind();
        c.text = o.text();
        c.coordinator = o.coordinator();
        c.strip.addLast(o.kind());
        if (c.strip.size() > STRIP) {
            c.strip.removeFirst();
        }
        if (failed) {
            c.failed++;
        } else {
            c.ok++;
            c.latencies.add(o.latencyMs());
        }
        endEpisodeIfCalm();
    }

    private void health(String name, ObjectNode n, Instant received) {
        JsonNode temp = n.path("cpu_temp_c");
        JsonNode load = n.path("load");
        JsonNode dropped = n.path("events").path("dropped");
        if (!(temp.isNumber() || temp.isNull()) || !(load.isNull() || load.isArray() && load.size() == 3 && load.get(0).isNumber())
                || !dropped.canConvertToLong()) {
            throw new IllegalArgumentException("bad health fields");
        }
        Client c = client(name, received);
        c.tempC = temp.isNumber() ? temp.asDouble() : null;
        c.load1 = load.isArray() ? load.get(0).asDouble() : null;
        c.dropped = dropped.asLong();
    }

    private static List<Seen> readView(ObjectNode n) {
        JsonNode nodes = n.path("nodes");
        if (!nodes.isArray() || nodes.size() > NODES) {
            throw new IllegalArgumentException("bad nodes");
        }
        List<Seen> view = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (!node.isObject() || !node.path("open_connections").isInt()) {
                throw new IllegalArgumentException("bad node");
            }
            ObjectNode o = (ObjectNode) node;
            JsonNode name = o.path("name");
            if (!name.isTextual() && !name.isNull()) {
                throw new IllegalArgumentException("bad node name");
            }
            view.add(new Seen(new Coordinator(string(o, "dc"), string(o, "rack"), string(o, "address"),
                    name.isNull() ? null : name.asText()), string(o, "state")));
        }
        return view;
    }

    private void cluster(String name, Instant at, String localDc, List<Seen> reported, Instant received) {
        Map<String, String> view = new LinkedHashMap<>();
        for (Seen seen : reported) {
            Coordinator p = seen.place();
            view.put(p.address(), seen.state());
            Coordinator known = places.get(p.address());
            if (known == null && places.size() < NODES) {
                places.put(p.address(), p);
            } else if (known != null && known.name() == null && p.name() != null) {
                places.put(p.address(), p);
            }
        }
        Client c = client(name, received);
        c.localDc = localDc;
        if (!c.view.isEmpty()) {
            for (Map.Entry<String, String> e : view.entrySet()) {
                String was = c.view.get(e.getKey());
                String now = e.getValue();
                if (was != null && !was.equals(now)) {
                    String node = places.get(e.getKey()).label();
                    note(at, now.equals("up") ? node + ": up again in " + name + "'s driver"
                            : node + ": " + now.replace('_', ' ') + " in " + name + "'s driver");
                }
            }
        }
        c.view = view;
        endEpisodeIfCalm();
    }

    private Client client(String name, Instant received) {
        Client c = clients.get(name);
        if (c == null) {
            if (clients.size() >= CLIENTS) {
                clients.values().stream().min(Comparator.comparing(x -> x.heard)).ifPresent(x -> clients.remove(x.name));
            }
            c = new Client(name);
            clients.put(name, c);
        }
        if (c.heard == null || received.isAfter(c.heard)) {
            c.heard = received;
        }
        return c;
    }

    /** A timeline line; the first after a calm stretch opens an episode, which later lines count from. */
    private void note(Instant at, String text) {
        if (episodeStart == null) {
            episodeStart = at;
        }
        timeline.addLast(new Entry(at, text, episodeStart));
        if (timeline.size() > TIMELINE) {
            timeline.removeFirst();
        }
    }

    /** Calm: every client's last outcome written and every node up in every driver. */
    private void endEpisodeIfCalm() {
        boolean calm = clients.values().stream().allMatch(c -> (c.kind == null || c.kind.equals("written"))
                && c.view.values().stream().allMatch("up"::equals));
        if (calm) {
            episodeStart = null;
        }
    }

    /** What the page draws, as of {@code now}. */
    public ObjectNode snapshot(Instant now, Set<String> missingTopics) {
        ObjectNode s = Wire.versioned().put("time", clock(now));
        ObjectNode stream = s.putObject("stream");
        stream.put("events", events).put("malformed", malformed);
        if (lastEvent == null) {
            stream.put("silent", true).putNull("silent_s");
        } else {
            Duration age = Duration.between(lastEvent, now);
            stream.put("silent", age.compareTo(silentAfter) >= 0).put("silent_s", age.toSeconds());
        }
        putPercentiles(stream, "lag_", lags);
        ArrayNode waiting = stream.putArray("missing_topics");
        missingTopics.stream().sorted().forEach(waiting::add);

        List<Client> live = clients.values().stream()
                .filter(c -> Duration.between(c.heard, now).compareTo(silentAfter) < 0).toList();
        nodes(s.putArray("dcs"), live);

        ArrayNode cs = s.putArray("clients");
        clients.values().stream().sorted(Comparator.comparing(c -> c.name)).forEach(c -> client(cs.addObject(), c, now));

        ArrayNode t = s.putArray("timeline");
        timeline.stream().sorted(Comparator.comparing(Entry::at)).forEach(e -> {
            double offset = Duration.between(e.episodeStart(), e.at()).toMillis() / 1000.0;
            t.addObject().put("time", clock(e.at())).put("offset", String.format(Locale.ROOT, "+%.1f s", offset))
                    .put("text", e.text());
        });
        return s;
    }

    private void nodes(ArrayNode dcs, List<Client> live) {
        Map<String, Map<String, List<Coordinator>>> byDc = new TreeMap<>();
        for (Coordinator p : places.values()) {
            byDc.computeIfAbsent(p.dc(), k -> new TreeMap<>()).computeIfAbsent(p.rack(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, Map<String, List<Coordinator>>> dc : byDc.entrySet()) {
            ObjectNode d = dcs.addObject().put("dc", dc.getKey());
            ArrayNode racks = d.putArray("racks");
            for (Map.Entry<String, List<Coordinator>> rack : dc.getValue().entrySet()) {
                ArrayNode nodes = racks.addObject().put("rack", rack.getKey()).putArray("nodes");
                rack.getValue().sort(Comparator.comparing((Coordinator p) -> p.name() == null ? "" : p.name())
                        .thenComparing(Coordinator::address));
                for (Coordinator p : rack.getValue()) {
                    ObjectNode n = nodes.addObject().put("address", p.address()).put("name", p.name())
                            .put("label", p.label());
                    ObjectNode beliefs = n.putObject("beliefs");
                    ArrayNode coordinated = n.putArray("coordinated_for");
                    for (Client c : live) {
                        String state = c.view.get(p.address());
                        if (state != null) {
                            beliefs.put(c.name, state);
                        }
                        if (p.address().equals(c.coordinator)) {
                            coordinated.add(c.name);
                        }
                    }
                    n.put("belief", belief(beliefs));
                }
            }
        }
    }

    /** up, down or unknown when every live driver says so; disagree when they differ; none without a live view. */
    private static String belief(ObjectNode beliefs) {
        Set<String> said = new java.util.TreeSet<>();
        beliefs.properties().forEach(e -> said.add(switch (e.getValue().asText()) {
            case "up" -> "up";
            case "down", "forced_down" -> "down";
            default -> "unknown";
        }));
        return said.isEmpty() ? "none" : said.size() == 1 ? said.iterator().next() : "disagree";
    }

    private void client(ObjectNode o, Client c, Instant now) {
        Duration age = Duration.between(c.heard, now);
        o.put("client", c.name).put("local_dc", c.localDc).put("silent", age.compareTo(silentAfter) >= 0)
                .put("silent_s", age.toSeconds());
        if (c.screen != null) {
            o.putArray("screen").add(Screens.looks(c.screen[0])).add(Screens.looks(c.screen[1]));
        } else {
            o.putNull("screen");
        }
        o.put("backlight", c.backlight).put("write_level", c.writeLevel).put("read_level", c.readLevel)
                .put("kind", c.kind).put("text", c.text);
        ArrayNode strip = o.putArray("strip");
        c.strip.forEach(strip::add);
        o.put("ok", c.ok).put("failed", c.failed);
        putPercentiles(o, "", c.latencies);
        ObjectNode h = o.putObject("health");
        h.put("cpu_temp_c", c.tempC).put("load", c.load1).put("events_dropped", c.dropped);
    }

    private String clock(Instant at) {
        return clock.format(at);
    }

    private static String string(ObjectNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 200) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return v.asText();
    }

    private static Instant instant(ObjectNode n, String field) {
        try {
            return Instant.parse(string(n, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time");
        }
    }

    /** Puts {@code PREFIXp50_ms} and {@code PREFIXp99_ms} (to 0.1 ms), or nulls when there are none. */
    private static void putPercentiles(ObjectNode into, String prefix, RecentMillis values) {
        java.util.OptionalDouble p50 = values.percentile(0.50);
        if (p50.isEmpty()) {
            into.putNull(prefix + "p50_ms").putNull(prefix + "p99_ms");
            return;
        }
        into.put(prefix + "p50_ms", p50.getAsDouble()).put(prefix + "p99_ms", values.percentile(0.99).getAsDouble());
    }
}
