package booth.daemon.control;

import booth.model.ClusterNode;
import booth.protocol.BoothEvent;
import booth.protocol.ClusterEvent;
import booth.protocol.Fields;
import booth.protocol.control.ControlClient;
import booth.protocol.HealthEvent;
import booth.protocol.OutcomeEvent;
import booth.protocol.OutcomeLine;
import booth.protocol.Rejection;
import booth.protocol.Rejections;
import booth.protocol.ShownText;
import booth.protocol.kafka.EventWatch;
import booth.protocol.kafka.KafkaClients;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follows write outcomes live until interrupted: this daemon's, or with --from-kafka every client's.")
final class TailCommand implements Callable<Integer> {
    /** The wire's times are UTC: printed as the clock part of them. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @ParentCommand
    Democtl top;
    @Option(names = "--json", description = "one JSON object a line (the outcome stream's form)")
    boolean json;
    @Option(names = "--count", paramLabel = "N", description = "stop after N outcomes (default: never)")
    long count = Long.MAX_VALUE;
    @Option(names = "--from-kafka", arity = "0..1", paramLabel = "BROKERS", fallbackValue = KafkaClients.DEFAULT_BROKERS,
            description = "follow every client of the booth through Kafka instead (default brokers: ${FALLBACK-VALUE})")
    String fromKafka;
    @Option(names = "--topics", split = ",", paramLabel = "TOPIC", defaultValue = KafkaClients.DEFAULT_OUTCOME_TOPIC + "," + KafkaClients.DEFAULT_HEALTH_TOPIC,
            description = "with --from-kafka: the topics (default: ${DEFAULT-VALUE})")
    List<String> topics;

    /** What was refused, said on standard error at most once per kind a minute. */
    private Rejections rejections;

    @Override
    public Integer call() throws Exception {
        rejections = new Rejections("democtl tail", line -> top.err.println("democtl: " + line), System::nanoTime);
        if (fromKafka != null) {
            return fromKafka();
        }
        long[] seen = {0};
        try (ControlClient client = ControlClient.connect(top.socket)) {
            client.tail(o -> !show(o, json ? String::strip : TailCommand::outcomeLine) || ++seen[0] < count);
        } catch (ControlClient.Refused e) {
            top.err.println("democtl: the daemon refused: " + e.reason());
            return Democtl.REFUSED;
        }
        return Democtl.OK;
    }

    /** Every client's events from Kafka: outcomes as one line each, health and cluster views as another. */
    private int fromKafka() {
        long[] seen = {0};
        try {
            EventWatch.follow(fromKafka, topics, Duration.ofSeconds(15), rejections, value -> {
                // --json passes on any object within the caps, a newer schema's too; the text form reads each event
                if (!show(value, json ? v -> Fields.outside(v).line() : v -> event(BoothEvent.decode(v)))) {
                    return true;
                }
                return ++seen[0] < count;
            });
            return Democtl.OK;
        } catch (IllegalStateException | IllegalArgumentException e) {
            top.err.println("democtl: " + e.getMessage());
            return Democtl.UNREACHABLE;
        }
    }

    /**
     * Prints {@code value} as {@code line} makes it, a line; one that does not read or is beyond
     * the caps (Kafka can carry anything) is skipped and counted, with a word on standard error
     * at most once per kind a minute.
     *
     * @return whether it was printed
     */
    private boolean show(String value, Function<String, String> line) {
        String shown;
        try {
            shown = line.apply(value);
        } catch (IllegalArgumentException e) {
            rejections.reject(Rejection.of(e), "a line that does not read as schema version 1: " + e.getMessage());
            return false;
        }
        top.out.println(shown);
        top.out.flush();
        return true;
    }

    /**
     * An event's line in the text form: its time and client, then what it says; every string of
     * it as {@link ShownText} shows text from outside (the events come from anyone on the
     * booth's network, and this is a staff terminal).
     */
    static String event(BoothEvent e) {
        String head = String.format("%s %-12s ", time(e.at()), name(e.client()));
        if (e instanceof OutcomeEvent o) {
            return head + outcome(o.outcome());
        } else if (e instanceof HealthEvent h) {
            return head + String.format("health      temp %s C, load %s, heap %d MiB, events %d dropped",
                    h.health().cpuTempC().map(BigDecimal::toString).orElse("-"),
                    h.health().load().map(l -> l.get(0).toString()).orElse("-"), h.health().heapUsedBytes() >> 20,
                    h.dropped());
        }
        ClusterEvent c = (ClusterEvent) e;
        Map<String, Long> states = c.nodes().stream().collect(Collectors.groupingBy(ClusterNode::state, TreeMap::new,
                Collectors.counting()));
        return head + String.format("cluster     %d nodes: %s", c.nodes().size(), states.entrySet().stream()
                .map(s -> s.getValue() + " " + name(s.getKey()).replace('_', ' ')).collect(Collectors.joining(", ")));
    }

    /** An outcome stream's line in the text form: its time, then what it says. */
    static String outcomeLine(String line) {
        OutcomeLine o = OutcomeLine.decode(line);
        return time(o.at()) + " " + outcome(o);
    }

    /**
     * An outcome in the text form: its level (a Kafka demo record's acks), kind, one-line text
     * (the kind's numbers and the coordinator together; from a daemon older than that field, the
     * LCD's second row) and colour.
     */
    static String outcome(OutcomeLine o) {
        return String.format("%-12s %-17s %-30s %s", name(o.level()), name(o.kind()), ShownText.of(o.text(), ShownText.TEXT),
                name(o.shown().backlight()).toLowerCase(Locale.ROOT));
    }

    private static String name(String s) {
        return ShownText.of(s, ShownText.NAME);
    }

    private static String time(Instant at) {
        return CLOCK.format(at);
    }
}
