package booth.chaos;

import booth.chaos.kafka.EventTopics;
import booth.chaos.kafka.PoisonJudge;
import booth.chaos.kafka.PoisonLines;
import booth.chaos.kafka.PoisonWriter;
import booth.model.Topology;
import booth.protocol.Rejection;
import booth.protocol.config.ConfigException;
import booth.screen.BoothScreenService;
import booth.screen.ScreenConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A chaos run's Kafka side: its events topics, the booth screen that reads them (pinned to the
 * run's topology file), the poison written to them and what the screen must refuse of it. The
 * daemons themselves never read the events topics (the Kafka demo's circle reads its demo
 * topics, and the chaos boxes run the Cassandra demo): the screen is the poison's one reader here.
 */
final class RunEvents implements AutoCloseable {
    /** How long the booth screen may take to consume the poison after the run's end. */
    private static final Duration SCREEN_CATCH_UP = Duration.ofSeconds(30);

    private final EventTopics topics;
    private final Topology topology;
    private final BoothScreenService screen;
    private final PoisonWriter poison;
    private final Map<Rejection, Long> poisonWritten = new EnumMap<>(Rejection.class);

    private RunEvents(EventTopics topics, Topology topology, BoothScreenService screen, PoisonWriter poison) {
        this.topics = topics;
        this.topology = topology;
        this.screen = screen;
        this.poison = poison;
    }

    /**
     * Creates the run's topics ({@code run}, for example {@code chaos-42-1767225600}) and starts
     * the booth screen on them, before any box publishes.
     */
    static RunEvents start(String bootstrap, String run, Path topologyFile, Topology topology, Consumer<String> say)
            throws IOException {
        EventTopics topics = EventTopics.of(bootstrap, run);
        topics.create();
        ScreenConfig config;
        try {
            config = ScreenConfig.parse(topics.screenConfig(topologyFile), "the chaos run's booth screen");
        } catch (ConfigException e) {
            throw new IllegalStateException("the run wrote a screen configuration that does not read", e);
        }
        BoothScreenService screen = new BoothScreenService(config, Optional.of(topology));
        screen.start();
        PoisonWriter poison;
        try {
            poison = new PoisonWriter(bootstrap);
        } catch (RuntimeException e) {
            screen.close();
            throw new IOException("cannot make the poison's producer for " + bootstrap + ": " + e.getMessage(), e);
        }
        RunEvents events = new RunEvents(topics, topology, screen, poison);
        say.accept("events on " + bootstrap + ": " + topics.outcomes() + ", " + topics.health() + ", " + topics.cluster()
                + "; booth screen at " + screen.url());
        return events;
    }

    /** The topics the boxes publish to. */
    EventTopics topics() {
        return topics;
    }

    /**
     * Writes the poison as {@code client}'s and counts what the screen must refuse of it.
     *
     * @throws IOException when the broker does not take it (what was written before is still
     *                     refused: the judge's counts will say so)
     */
    void poison(String client) throws IOException {
        poison.events(topics.outcomes(), topics.cluster(), client);
        PoisonLines.EVENTS_REFUSED.forEach((kind, n) -> poisonWritten.merge(kind, n, Long::sum));
    }

    /**
     * The booth screen's state, judged once it has consumed everything written (or after
     * {@link #SCREEN_CATCH_UP}), and kept as {@code screen-state.json} under {@code out}.
     *
     * @param wrote the boxes that wrote during the run
     */
    PoisonJudge.Verdict judge(Set<String> wrote, Path out, Consumer<String> say) {
        Set<String> nodes = new HashSet<>();
        topology.nodes().forEach(n -> nodes.add(n.address().getHostAddress()));
        PoisonJudge.Expected expected = new PoisonJudge.Expected(poisonWritten, wrote, nodes);
        PoisonJudge.Verdict verdict;
        try {
            String state = PoisonJudge.settledState(URI.create(screen.url() + "state"), expected, SCREEN_CATCH_UP);
            Files.writeString(out.resolve("screen-state.json"), state, StandardCharsets.UTF_8);
            verdict = PoisonJudge.judge(state, expected);
        } catch (IOException e) {
            verdict = new PoisonJudge.Verdict(Map.of(), List.of("poison: the screen's state could not be read: " + e.getMessage()));
        }
        say.accept("booth screen: refused " + verdict.refused() + "; " + verdict.findings().size() + " poison finding(s)");
        return verdict;
    }

    @Override
    public void close() {
        poison.close();
        screen.close();
    }
}
