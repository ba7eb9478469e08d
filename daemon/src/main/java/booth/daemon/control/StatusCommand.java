package booth.daemon.control;

import booth.model.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code democtl status}: the daemon's state for people, or as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Levels, pause, last outcome, counters by kind, latency p50/p99, coordinator, connection, plate, uptime.")
final class StatusCommand extends QueryCommand {
    StatusCommand() {
        super("status", "status");
    }

    @Override
    void human(JsonNode s) {
        PrintStream o = top.out;
        o.printf("client       %s (local DC %s)%n", s.path("client").asText(), s.path("local_dc").asText());
        if (s.path("demo").asText().equals("kafka")) {
            kafka(s, o);
            return;
        }
        o.printf("connection   %s%n", s.path("connection").asText().equals("connected") ? "connected"
                : "connecting for " + s.path("connecting_s").asLong() + " s");
        o.printf("writes       %s%s%n", s.path("write_level").asText(), s.path("paused").asBoolean() ? "  PAUSED" : "");
        o.printf("read-back    %s (%s)%n", s.path("read_level").asText(), s.path("read_back").asBoolean() ? "on" : "off");
        JsonNode last = s.path("last");
        if (last.isObject()) {
            JsonNode c = last.path("coordinator");
            o.printf("last write   %s%s, %.1f ms%s%n", last.path("kind").asText(), numbers(last.path("error")),
                    last.path("latency_ms").asDouble(),
                    c.isObject() ? " via " + c.path("dc").asText() + " " + c.path("rack").asText() + " "
                            + (c.path("name").isTextual() ? c.path("name").asText() : c.path("address").asText()) : "");
        } else {
            o.println("last write   none yet");
        }
        StringBuilder counters = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : s.path("counters").properties()) {
            if (e.getValue().asLong() > 0 || e.getKey().equals(OutcomeKind.WRITTEN.wireName())) {
                counters.append(counters.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
            }
        }
        o.printf("counters     %s%n", counters);
        JsonNode lat = s.path("latency_ms");
        o.printf("latency      %s%n", lat.path("p50").isNumber()
                ? String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", lat.path("p50").asDouble(), lat.path("p99").asDouble())
                : "no successful write yet");
        tail(s, o);
    }

    /** The Kafka demo's status: acks, the last record, the partition, the circle. */
    private static void kafka(JsonNode s, PrintStream o) {
        JsonNode k = s.path("kafka_demo");
        o.printf("demo         kafka: acks=%s%s%n", k.path("acks").asText(), s.path("paused").asBoolean() ? "  PAUSED" : "");
        JsonNode last = s.path("last");
        if (last.isObject() && last.path("demo").asText().equals("kafka")) {
            o.printf("last record  %s, %.1f ms, %s%n", last.path("kind").asText(), last.path("latency_ms").asDouble(),
                    last.path("text").asText());
        } else {
            o.println("last record  none yet");
        }
        o.printf("records      %d acknowledged or sent, %d failed%n", k.path("acked").asLong(), k.path("failed").asLong());
        JsonNode p = k.path("partition");
        o.printf("partition    %s%n", !p.isObject() ? "not described yet"
                : p.path("topic").asText() + "-" + p.path("partition").asInt() + ": leader "
                        + (p.path("leader").isNumber() ? "b" + p.path("leader").asInt() : "NONE") + ", in sync " + p.path("isr")
                        + " (min " + p.path("min_insync").asInt() + ")" + (p.path("elr").isEmpty() ? "" : ", eligible " + p.path("elr")));
        JsonNode c = k.path("circle");
        o.printf("circle       %d delivered, %d late, %d LOST (own %d), %d duplicated, %d missing unacknowledged%n",
                c.path("delivered").asLong(), c.path("late").asLong(), c.path("lost").asLong(), c.path("own_lost").asLong(),
                c.path("duplicated").asLong(), c.path("missing").asLong());
        o.printf("circle time  %s%n", c.path("p50_ms").isNumber()
                ? String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", c.path("p50_ms").asDouble(), c.path("p99_ms").asDouble())
                : "no record consumed yet");
        tail(s, o);
    }

    /** The lines both demos end with: plate, events, uptime. */
    private static void tail(JsonNode s, PrintStream o) {
        o.printf("plate        %s%n", s.path("plate_present").asBoolean() ? "present" : "ABSENT (check the plate and its cable)");
        JsonNode k = s.path("kafka");
        o.printf("kafka        %s%n", !k.path("enabled").asBoolean() ? "off"
                : k.path("delivered").asLong() + " events delivered, " + k.path("dropped").asLong() + " dropped, "
                        + k.path("queued").asLong() + " queued");
        long up = s.path("uptime_s").asLong();
        o.printf("uptime       %dh %02dm %02ds%n", up / 3600, up / 60 % 60, up % 60);
    }

    /**
     * ": 5 required, 4 alive" and the like, from an outcome's error. An Unavailable whose alive is
     * not a count ({@code "alive_known":false}, EACH_QUORUM) says only what is known, as the LCD does.
     */
    static String numbers(JsonNode error) {
        if (!error.isObject()) {
            return "";
        }
        return switch (OutcomeKind.fromWire(error.path("kind").asText()).orElse(OutcomeKind.OTHER)) {
            case UNAVAILABLE -> error.path("alive_known").asBoolean(true)
                    ? ": " + error.path("required").asInt() + " required, " + error.path("alive").asInt() + " alive"
                    : ": a DC has fewer than " + error.path("required").asInt() + " replicas up";
            case WRITE_TIMEOUT, READ_TIMEOUT -> ": " + error.path("received").asInt() + " of "
                    + error.path("block_for").asInt() + " answered";
            case CLIENT_TIMEOUT -> ": no answer within " + error.path("after_ms").asLong() + " ms";
            case CONNECTION_LOST -> ": " + error.path("cause").asText();
            case OTHER -> error.has("class") ? ": " + error.path("class").asText() : "";
            default -> "";
        };
    }
}
