package booth.chaos;

import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a daemon's outcome stream as the truth checker reads it: plain fields, no
 * interpretation. The checker decides for itself what they may be; it never asks the daemon's
 * classes what a kind means.
 *
 * @param at        when the write started (the stream's {@code time})
 * @param latency   the write's latency (the read-back comes after it)
 * @param error     the {@code error} object's fields, or empty
 * @param readBack  the {@code read_back} object's {@code kind}
 * @param readError the {@code read_back.error} object, or empty
 */
public record Observed(String client, long seq, Instant at, Duration latency, String writeLevel, String readLevel,
                       String kind, Optional<Coordinator> coordinator, Optional<JsonNode> error, String readBack,
                       Optional<JsonNode> readError, String top, String bottom, String backlight, String line) {

    /** The coordinator as the stream names it. */
    public record Coordinator(String dc, String rack, String address, String name) {
    }

    /** When the write's answer came back. */
    public Instant end() {
        return at.plus(latency);
    }

    /**
     * Reads one line of {@code client}'s stream.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static Observed parse(String client, String line) {
        JsonNode n = Wire.parseObject(line);
        JsonNode c = n.path("coordinator");
        Optional<Coordinator> coordinator = c.isObject()
                ? Optional.of(new Coordinator(text(c, "dc"), text(c, "rack"), text(c, "address"), c.path("name").asText("")))
                : Optional.empty();
        JsonNode screen = n.path("screen");
        if (!screen.isArray() || screen.size() != 2) {
            throw new IllegalArgumentException("no two-line screen in " + line.strip());
        }
        JsonNode rb = n.path("read_back");
        double ms = n.path("latency_ms").asDouble(-1);
        if (ms < 0) {
            throw new IllegalArgumentException("no latency_ms in " + line.strip());
        }
        return new Observed(client, n.path("seq").asLong(), Instant.parse(text(n, "time")),
                Duration.ofNanos(Math.round(ms * 1e6)), text(n, "write_level"), text(n, "read_level"), text(n, "kind"),
                coordinator, object(n.path("error")), text(rb, "kind"), object(rb.path("error")),
                screen.get(0).asText(), screen.get(1).asText(), text(n, "backlight"), line.strip());
    }

    /** An integer field of the error, or -1 when absent. */
    public int errorInt(String field) {
        return error.map(e -> e.path(field).asInt(-1)).orElse(-1);
    }

    public String errorText(String field) {
        return error.map(e -> e.path(field).asText("")).orElse("");
    }

    private static Optional<JsonNode> object(JsonNode n) {
        return n.isObject() ? Optional.of(n) : Optional.empty();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("no text field '" + field + "' in " + n);
        }
        return v.asText();
    }
}
