package booth.screen;

import booth.model.ClusterNode;
import booth.model.Coordinator;
import booth.model.Level;
import booth.model.RecentMillis;
import booth.model.ReplicaView;
import booth.model.Topology;
import booth.protocol.BoothEvent;
import booth.protocol.ClusterEvent;
import booth.protocol.HealthEvent;
import booth.protocol.OutcomeEvent;
import booth.protocol.OutcomeLine;
import booth.protocol.Rejection;
import booth.protocol.Rejections;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the booth screen knows, built only from the clients' events: each client's last outcome,
 * health and driver's view of the cluster ({@link ScreenClient}); the nodes coloured by what the
 * live clients' drivers believe; and a timeline of what changed ({@link Timeline}). Fed by one
 * thread, with the time each event was received; everything is bounded, so it stays the same
 * size however long it runs. An event is read by the protocol's decoder (with its caps on a line
 * from outside) and checked for what the page can draw ({@link Drawable}) before any of it is
 * kept: one that does not read is counted by kind ({@link Rejections}) and dropped whole, never
 * half applied. Given the booth's topology, the page is pinned to it: only its clients' events
 * are taken and only its nodes drawn, so names written by anyone else on the booth network
 * cannot crowd the real ones out. Not thread-safe: the service's consumer thread owns it.
 */
public final class BoothScreen {
    /** Which topic an event came from, and so which type it must be. */
    public enum Source {
        OUTCOME, HEALTH, CLUSTER;

        /** Whether {@code e} is of the type this topic carries. */
        boolean carries(BoothEvent e) {
            return switch (this) {
                case OUTCOME -> e instanceof OutcomeEvent;
                case HEALTH -> e instanceof HealthEvent;
                case CLUSTER -> e instanceof ClusterEvent;
            };
        }
    }

    static final int STRIP = 60;
    static final int LATENCIES = 600;
    static final int TIMELINE = 40;
    static final int CLIENTS = 16;
    static final int NODES = 64;
    /**
     * How long after its driver saw a cut a client's write is taken as the cut's steady answer:
     * the driver sees a frozen node in about 3 s, Cassandra's gossip convicts it in about 10 s.
     */
    static final Duration CUT_SETTLES = Duration.ofSeconds(10);

    private final PageJson page;
    private final Map<String, Coordinator> places = new HashMap<>();
    private final Map<String, ScreenClient> clients = new HashMap<>();
    private final Timeline timeline = new Timeline();
    private Instant lastEvent;
    /** How long after the client had it each outcome reached this screen, in ms (the last 600). */
    private final RecentMillis lags = new RecentMillis(LATENCIES);
    private long events;
    private final Rejections rejections;
    /** The topology's clients: when there is one, the only names taken. */
    private final Set<String> pinned;

    /** A screen whose refusals are counted without a line (the tests'). */
    BoothScreen(Duration silentAfter, Optional<Topology> topology, ZoneId zone) {
        this(silentAfter, topology, zone, new Rejections("booth screen", line -> { }, System::nanoTime));
    }

    /**
     * @param silentAfter a client, or the stream, with no event for this long is silent
     * @param topology    the booth's nodes, drawn before any client reports them, and its clients:
     *                    the only ones taken
     * @param rejections  where refused events are counted (the service's stream counts there too)
     */
    public BoothScreen(Duration silentAfter, Optional<Topology> topology, ZoneId zone, Rejections rejections) {
        this.page = new PageJson(silentAfter, zone);
        this.rejections = rejections;
        topology.ifPresent(t -> t.nodes().forEach(n -> {
            String address = n.address().getHostAddress();
            places.put(address, new Coordinator(n.dc(), n.rack(), address, n.name()));
        }));
        this.pinned = topology.map(t -> t.clients().stream().map(Topology.Client::name).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Events taken, malformed ones included. */
    public long events() {
        return events;
    }

    /** Events refused, of every kind: not read as schema version 1, beyond the caps, of a client not in the topology. */
    public long malformed() {
        return rejections.total();
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
        BoothEvent e;
        try {
            e = BoothEvent.decode(json);
            if (!source.carries(e)) {
                throw new IllegalArgumentException("type is not " + source.name().toLowerCase(Locale.ROOT));
            }
            Drawable.check(e);
        } catch (IllegalArgumentException notForThePage) {
            rejections.reject(Rejection.of(notForThePage), source.name().toLowerCase(Locale.ROOT) + " event: "
                    + notForThePage.getMessage());
            return false;
        }
        if (!pinned.isEmpty() && !pinned.contains(e.client())) {
            rejections.reject(Rejection.UNKNOWN_CLIENT, "client " + e.client() + " is not in the topology file");
            return false;
        }
        if (e instanceof OutcomeEvent o) {
            outcome(o.client(), o.outcome(), received, live);
        } else if (e instanceof HealthEvent h) {
            client(h.client(), received).health(h);
        } else if (e instanceof ClusterEvent c) {
            cluster(c, received);
        }
        return true;
    }

    private void outcome(String name, OutcomeLine o, Instant received, boolean live) {
        if (live) {
            // the client had it once the write was answered: sent at "time", answered latency_ms later
            lags.add(Math.max(0, Duration.between(o.at(), received).toNanos() / 1e6 - o.latency().toNanos() / 1e6));
        }
        ScreenClient c = client(name, received);
        String kind = ScreenClient.kind(o);
        boolean failed = !kind.equals(ScreenClient.WRITTEN);
        if (failed && !c.failing()) {
            timeline.note(o.at(), name + ": first failure at " + ScreenClient.name(o.level()) + ": " + ScreenClient.text(o.text()));
        } else if (failed && !c.kind.equals(kind)) {
            timeline.note(o.at(), name + ": now " + ScreenClient.text(o.text()));
        } else if (!failed && c.failing()) {
            timeline.note(o.at(), name + ": writes succeed again at " + ScreenClient.name(o.level()) + " (after "
                    + c.failedRun + " failed)");
        }
        c.outcome(o);
        checkPrediction(c, o);
        endEpisodeIfCalm();
    }

    private void cluster(ClusterEvent e, Instant received) {
        Map<String, String> view = new LinkedHashMap<>();
        for (ClusterNode n : e.nodes()) {
            Coordinator p = new Coordinator(n.dc(), n.rack(), n.address(), n.name());
            view.put(p.address(), n.state());
            Coordinator known = places.get(p.address());
            if (known == null && pinned.isEmpty() && places.size() < NODES) { // with a topology, only its nodes
                places.put(p.address(), p);
            } else if (known != null && known.name() == null && p.name() != null) {
                places.put(p.address(), p);
            }
        }
        ScreenClient c = client(e.client(), received);
        c.localDc = e.localDc();
        if (!c.view.isEmpty()) {
            for (Map.Entry<String, String> v : view.entrySet()) {
                String was = c.view.get(v.getKey());
                String now = v.getValue();
                if (was != null && !was.equals(now)) {
                    // past NODES places a node is not kept: it goes by its address
                    String node = ScreenClient.name(Optional.ofNullable(places.get(v.getKey())).map(Coordinator::label)
                            .orElse(v.getKey()));
                    timeline.note(e.at(), now.equals("up") ? node + ": up again in " + e.client() + "'s driver"
                            : node + ": " + ScreenClient.name(now).replace('_', ' ') + " in " + e.client() + "'s driver");
                }
            }
        }
        c.view = view;
        // made once a view comes (twice a second at most), not at every snapshot
        Optional<ReplicaView> replicas = e.view().replicas();
        c.predictions = replicas.map(r -> ReplicaView.LEVELS.stream().map(r::predict).toList()).orElse(List.of());
        replicas.ifPresent(now -> watchForCut(c, now, e.at()));
        c.replicas = replicas.orElse(null);
        endEpisodeIfCalm();
    }

    /**
     * Nodes the client's driver held up and now holds down, and none back: a cut. What the
     * client's view before it predicted of its write level is kept, to be held against its
     * writes once the cut has settled ({@link #checkPrediction}); a node back calls it off.
     */
    private static void watchForCut(ScreenClient c, ReplicaView now, Instant at) {
        ReplicaView before = c.replicas;
        if (before == null) {
            return;
        }
        Set<String> upBefore = before.members().stream().filter(ReplicaView.Member::up).map(ReplicaView.Member::address)
                .collect(Collectors.toSet());
        Set<String> upNow = now.members().stream().filter(ReplicaView.Member::up).map(ReplicaView.Member::address)
                .collect(Collectors.toSet());
        if (!upBefore.containsAll(upNow)) {
            c.check = null;
            return;
        }
        Set<String> wentDown = new java.util.TreeSet<>(upBefore);
        wentDown.removeAll(upNow);
        Optional<Level> level = Level.WRITE_LEVELS.stream().filter(l -> l.name().equals(c.level)).findFirst();
        if (wentDown.isEmpty() || level.isEmpty()) {
            return;
        }
        c.check = new ScreenClient.PredictionCheck(level.get().name(), before.predict(level.get()).words(),
                before.writesWithoutNodes(level.get(), wentDown).accepted(), at);
    }

    /**
     * The first write at the predicted level {@link #CUT_SETTLES} after the cut says whether the
     * prediction held, in the timeline.
     */
    private void checkPrediction(ScreenClient c, OutcomeLine o) {
        ScreenClient.PredictionCheck k = c.check;
        if (k == null || !o.level().equals(k.level()) || o.at().isBefore(k.cutAt().plus(CUT_SETTLES))) {
            return;
        }
        c.check = null;
        boolean held = o.succeeded() == k.writes();
        timeline.note(o.at(), c.name + ": " + k.level() + " predicted '" + k.words() + "': " + (held ? "held" : "did NOT hold")
                + ", " + (o.succeeded() ? "written" : ScreenClient.text(o.text())));
    }

    private ScreenClient client(String name, Instant received) {
        ScreenClient c = clients.get(name);
        if (c == null) {
            if (clients.size() >= CLIENTS) {
                clients.values().stream().min(Comparator.comparing(x -> x.heard)).ifPresent(x -> clients.remove(x.name));
            }
            c = new ScreenClient(name);
            clients.put(name, c);
        }
        c.heard(received);
        return c;
    }

    /** Calm: every client's last outcome written and every node up in every driver. */
    private void endEpisodeIfCalm() {
        if (clients.values().stream().noneMatch(c -> c.failing() || !c.view.values().stream().allMatch("up"::equals))) {
            timeline.calm();
        }
    }

    /** What the page draws, as of {@code now}: one JSON object ({@link PageJson}). */
    public String snapshot(Instant now, Set<String> missingTopics) {
        return page.page(now, missingTopics, new PageJson.Intake(events, rejections.counts(), lastEvent, lags), places.values(),
                clients.values(), timeline.entries());
    }
}
