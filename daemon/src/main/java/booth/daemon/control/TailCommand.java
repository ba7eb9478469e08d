package booth.daemon.control;

import booth.protocol.kafka.KafkaClients;
import booth.daemon.config.BoothConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follows write outcomes live until interrupted: this daemon's, or with --from-kafka every client's.")
final class TailCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        if (fromKafka != null) {
            return fromKafka();
        }
        long[] seen = {0};
        JsonNode answer;
        try (ControlClient client = ControlClient.connect(top.socket)) {
            answer = client.tail(o -> {
                if (json) {
                    top.json(o);
                } else {
                    top.out.printf("%s %-12s %-17s %-30s %s%n", time(o), level(o), o.path("kind").asText(),
                            text(o), o.path("backlight").asText().toLowerCase(Locale.ROOT));
                }
                top.out.flush();
                return ++seen[0] < count;
            });
        }
        if (!answer.path("ok").asBoolean(false)) {
            top.err.println("democtl: the daemon refused: " + answer.path("error").asText());
            return Democtl.REFUSED;
        }
        return Democtl.OK;
    }

    /** Every client's events from Kafka: outcomes as one line each, health as another. */
    private int fromKafka() {
        long[] seen = {0};
        try {
            booth.protocol.kafka.EventWatch.follow(fromKafka, topics, java.time.Duration.ofSeconds(15), value -> {
                JsonNode e = ControlProtocol.parse(value);
                if (json) {
                    top.json(e);
                } else if (e.path("type").asText().equals("health")) {
                    top.out.printf("%s %-12s health      temp %s C, load %s, heap %d MiB, events %d dropped%n",
                            time(e), e.path("client").asText(), e.path("cpu_temp_c").asText("-"),
                            e.path("load").path(0).asText("-"), e.path("daemon").path("heap_used_bytes").asLong() >> 20,
                            e.path("events").path("dropped").asLong());
                } else {
                    top.out.printf("%s %-12s %-12s %-17s %-30s %s%n", time(e), e.path("client").asText(),
                            level(e), e.path("kind").asText(), text(e),
                            e.path("backlight").asText().toLowerCase(Locale.ROOT));
                }
                top.out.flush();
                return ++seen[0] < count;
            });
            return Democtl.OK;
        } catch (IllegalStateException | IllegalArgumentException e) {
            top.err.println("democtl: " + e.getMessage());
            return Democtl.UNREACHABLE;
        }
    }

    /**
     * The outcome's one-line text (the kind's numbers and the coordinator together); from a daemon
     * older than that field, the LCD's second row, which alternates between the two.
     */
    static String text(JsonNode e) {
        return e.hasNonNull("text") ? e.path("text").asText() : e.path("screen").path(1).asText().strip();
    }

    /** The write level of a Cassandra outcome, {@code acks=all} and the like for a Kafka demo record. */
    static String level(JsonNode e) {
        return e.path("demo").asText().equals("kafka") ? "acks=" + e.path("acks").asText() : e.path("write_level").asText();
    }

    private static String time(JsonNode e) {
        return e.path("time").asText().replaceFirst("^.*T(\\d+:\\d+:\\d+).*$", "$1");
    }
}
