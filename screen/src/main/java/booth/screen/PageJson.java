package booth.screen;

import booth.display.Frames;
import booth.model.Coordinator;
import booth.model.RecentMillis;
import booth.protocol.JsonOut;
import booth.protocol.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The page's snapshot as its script reads it, one JSON object: {@code v}, {@code time} (the
 * screen's clock), {@code stream} (events taken and refused, silence, the lag from the
 * clients to this screen, topics not there yet), {@code dcs} (racks and nodes, each with every
 * live driver's belief and the clients whose last write it coordinated), {@code clients} (each
 * one's LCD, last outcome, strip, what each write level survives now, counts, latencies and
 * health) and {@code timeline}.
 */
final class PageJson {
    /**
     * What came in.
     *
     * @param rejected  events refused, by kind
     * @param lastEvent when the last event was received; null before the first
     * @param lags      how long after the client had it each outcome reached this screen, in ms
     */
    record Intake(long events, Map<Rejection, Long> rejected, Instant lastEvent, RecentMillis lags) {
    }

    private final Duration silentAfter;
    private final DateTimeFormatter clock;

    /** @param silentAfter a client, or the stream, with no event for this long is silent */
    PageJson(Duration silentAfter, ZoneId zone) {
        this.silentAfter = silentAfter;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /** The page as of {@code now}. */
    String page(Instant now, Set<String> missingTopics, Intake intake, Collection<Coordinator> places,
                Collection<ScreenClient> clients, List<Timeline.Entry> timeline) {
        JsonOut s = JsonOut.versioned().put("time", clock.format(now));
        JsonOut stream = s.putObject("stream");
        // "malformed" is every refusal (the page says how many), "rejected" the same by kind
        stream.put("events", intake.events()).put("malformed", intake.rejected().values().stream().mapToLong(Long::longValue).sum());
        JsonOut byKind = stream.putObject("rejected");
        new TreeMap<>(intake.rejected()).forEach((kind, n) -> byKind.put(kind.wireName(), n));
        if (intake.lastEvent() == null) {
            stream.put("silent", true).putNull("silent_s");
        } else {
            Duration age = Duration.between(intake.lastEvent(), now);
            stream.put("silent", age.compareTo(silentAfter) >= 0).put("silent_s", age.toSeconds());
        }
        putPercentiles(stream, "lag_", intake.lags());
        JsonOut.Array waiting = stream.putArray("missing_topics");
        missingTopics.stream().sorted().forEach(waiting::add);

        List<ScreenClient> live = clients.stream()
                .filter(c -> Duration.between(c.heard, now).compareTo(silentAfter) < 0).toList();
        nodes(s.putArray("dcs"), places, live);

        JsonOut.Array cs = s.putArray("clients");
        clients.stream().sorted(Comparator.comparing(c -> c.name)).forEach(c -> client(cs.addObject(), c, now));

        JsonOut.Array t = s.putArray("timeline");
        for (Timeline.Entry e : timeline) {
            double offset = Duration.between(e.episodeStart(), e.at()).toMillis() / 1000.0;
            t.addObject().put("time", clock.format(e.at())).put("offset", String.format(Locale.ROOT, "+%.1f s", offset))
                    .put("text", e.text());
        }
        return s.toString();
    }

    private static void nodes(JsonOut.Array dcs, Collection<Coordinator> places, List<ScreenClient> live) {
        Map<String, Map<String, List<Coordinator>>> byDc = new TreeMap<>();
        for (Coordinator p : places) {
            byDc.computeIfAbsent(p.dc(), k -> new TreeMap<>()).computeIfAbsent(p.rack(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, Map<String, List<Coordinator>>> dc : byDc.entrySet()) {
            JsonOut.Array racks = dcs.addObject().put("dc", dc.getKey()).putArray("racks");
            for (Map.Entry<String, List<Coordinator>> rack : dc.getValue().entrySet()) {
                JsonOut.Array nodes = racks.addObject().put("rack", rack.getKey()).putArray("nodes");
                rack.getValue().sort(Comparator.comparing((Coordinator p) -> p.name() == null ? "" : p.name())
                        .thenComparing(Coordinator::address));
                for (Coordinator p : rack.getValue()) {
                    node(nodes.addObject(), p, live);
                }
            }
        }
    }

    private static void node(JsonOut n, Coordinator p, List<ScreenClient> live) {
        n.put("address", p.address()).put("name", p.name()).put("label", p.label());
        Map<String, String> beliefs = new LinkedHashMap<>();
        List<String> coordinated = new ArrayList<>();
        for (ScreenClient c : live) {
            String state = c.view.get(p.address());
            if (state != null) {
                beliefs.put(c.name, state);
            }
            if (p.address().equals(c.coordinator)) {
                coordinated.add(c.name);
            }
        }
        JsonOut b = n.putObject("beliefs");
        beliefs.forEach(b::put);
        n.putArray("coordinated_for").addAll(coordinated);
        n.put("belief", belief(beliefs.values()));
    }

    /** up, down or unknown when every live driver says so; disagree when they differ; none without a live view. */
    private static String belief(Collection<String> states) {
        Set<String> said = new TreeSet<>();
        states.forEach(s -> said.add(switch (s) {
            case "up" -> "up";
            case "down", "forced_down" -> "down";
            default -> "unknown";
        }));
        return said.isEmpty() ? "none" : said.size() == 1 ? said.iterator().next() : "disagree";
    }

    private void client(JsonOut o, ScreenClient c, Instant now) {
        Duration age = Duration.between(c.heard, now);
        o.put("client", c.name).put("local_dc", c.localDc).put("silent", age.compareTo(silentAfter) >= 0)
                .put("silent_s", age.toSeconds());
        if (c.screen != null) {
            o.putArray("screen").add(Frames.looks(c.screen[0])).add(Frames.looks(c.screen[1]));
        } else {
            o.putNull("screen");
        }
        o.put("backlight", c.backlight).put("write_level", c.level).put("read_level", c.readLevel)
                .put("kind", c.kind).put("text", c.text);
        o.putArray("strip").addAll(c.strip);
        JsonOut.Array predictions = o.putArray("predictions");
        c.predictions.forEach(p -> predictions.addObject().put("level", p.level().name()).put("words", p.words()));
        o.put("ok", c.ok).put("failed", c.failed);
        putPercentiles(o, "", c.latencies);
        o.putObject("health").put("cpu_temp_c", c.tempC).put("load", c.load1).put("events_dropped", c.dropped)
                .put("clock", c.clock);
    }

    /** Puts {@code PREFIXp50_ms} and {@code PREFIXp99_ms} (to 0.1 ms), or nulls when there are none. */
    private static void putPercentiles(JsonOut into, String prefix, RecentMillis values) {
        OptionalDouble p50 = values.percentile(0.50);
        if (p50.isEmpty()) {
            into.putNull(prefix + "p50_ms").putNull(prefix + "p99_ms");
            return;
        }
        into.put(prefix + "p50_ms", p50.getAsDouble()).put(prefix + "p99_ms", values.percentile(0.99).getAsDouble());
    }
}
