package booth.screen;

import booth.model.Coordinator;
import booth.model.OutcomeKind;
import booth.model.Prediction;
import booth.model.ReplicaView;
import booth.model.RecentMillis;
import booth.protocol.HealthEvent;
import booth.protocol.OutcomeJson;
import booth.protocol.OutcomeLine;
import booth.protocol.ShownText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One client as the screen knows it: its last outcome (its LCD as the outcome's {@code screen}
 * gives it), its last {@link BoothScreen#STRIP} outcomes, counts and latencies, its health and
 * its driver's view of the cluster. Fields the page draws, read by {@link PageJson}.
 */
final class ScreenClient {
    /** The kind of a success, whichever demo: the page colours a Kafka record acknowledged as a write written. */
    static final String WRITTEN = OutcomeKind.WRITTEN.wireName();

    final String name;
    Instant heard;
    String localDc;
    // the last outcome
    String[] screen;
    String backlight;
    String level;
    String readLevel;
    String kind;
    String text;
    /** The address of the node that coordinated the last write; null for none, and in the Kafka demo. */
    String coordinator;
    int failedRun;
    final Deque<String> strip = new ArrayDeque<>();
    long ok;
    long failed;
    final RecentMillis latencies = new RecentMillis(BoothScreen.LATENCIES);
    // the last health event
    Double tempC;
    Double load1;
    Long dropped;
    /** The clock's state as the last health event said it; null before the first. */
    String clock;
    /** The last cluster view: address to the driver's state. */
    Map<String, String> view = Map.of();
    /** What each level a write may use survives, as of the last cluster view; empty without a replica view. */
    List<Prediction> predictions = List.of();
    /** The view of its replicas the last cluster view gave; null without one. */
    ReplicaView replicas;
    /** A prediction made before a cut its driver saw, to be held against its writes under it; null for none. */
    PredictionCheck check;

    /**
     * What the client's view predicted of {@code level} before the cut its driver saw at
     * {@code cutAt}: {@code writes}, whether its writes would succeed.
     */
    record PredictionCheck(String level, String words, boolean writes, Instant cutAt) {
    }

    ScreenClient(String name) {
        this.name = name;
    }

    /** Heard from at {@code received}, unless it was heard from later already (history read at start). */
    void heard(Instant received) {
        if (heard == null || received.isAfter(heard)) {
            heard = received;
        }
    }

    /** The kind the page shows for {@code o}: its own, or {@link #WRITTEN} for any success. */
    static String kind(OutcomeLine o) {
        return o.succeeded() ? WRITTEN : o.kind();
    }

    boolean failing() {
        return kind != null && !kind.equals(WRITTEN);
    }

    void outcome(OutcomeLine o) {
        String k = kind(o);
        boolean success = k.equals(WRITTEN);
        failedRun = success ? 0 : failedRun + 1;
        screen = new String[] {ShownText.of(o.shown().top(), Drawable.ROW), ShownText.of(o.shown().bottom(), Drawable.ROW)};
        backlight = o.shown().backlight();
        level = name(o.level());
        // a Kafka demo box has no read level and no coordinator
        readLevel = o instanceof OutcomeJson.WriteLine w ? w.readLevel().name() : "";
        coordinator = o instanceof OutcomeJson.WriteLine w ? w.coordinator().map(Coordinator::address).orElse(null) : null;
        kind = k;
        text = text(o.text());
        strip.addLast(k);
        if (strip.size() > BoothScreen.STRIP) {
            strip.removeFirst();
        }
        if (success) {
            ok++;
            latencies.add(o.latency().toNanos() / 1e6);
        } else {
            failed++;
        }
    }

    /** A name from an event as the page shows it (see {@link ShownText}). */
    static String name(String s) {
        return ShownText.of(s, ShownText.NAME);
    }

    /** Free text from an event as the page shows it. */
    static String text(String s) {
        return ShownText.of(s, ShownText.TEXT);
    }

    void health(HealthEvent h) {
        tempC = h.health().cpuTempC().map(BigDecimal::doubleValue).orElse(null);
        load1 = h.health().load().map(l -> l.get(0).doubleValue()).orElse(null);
        dropped = h.dropped();
        clock = h.health().clock().wireName();
    }
}
