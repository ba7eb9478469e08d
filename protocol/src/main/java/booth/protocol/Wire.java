package booth.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The daemon's one JSON serializer: every object it writes (outcomes, health events, the
 * control socket's answers) and every line it reads goes through here. One object per line,
 * UTF-8, fields in a fixed order. Schema version {@link #VERSION}: within it, fields and
 * commands are only ever added; golden tests pin every field.
 */
public final class Wire {
    /** The schema version every object carries as {@code "v"}. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final ObjectReader TREE = JSON.readerFor(JsonNode.class);

    private Wire() {
    }

    /** An empty object to fill, fields in the order they are put. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code {"v":1}}: the start of every object the daemon writes. */
    public static ObjectNode versioned() {
        return object().put("v", VERSION);
    }

    /**
     * Parses one line that must hold exactly one JSON object: nothing after it, no key twice.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static ObjectNode parseObject(String line) {
        JsonNode n;
        try {
            n = TREE.readValue(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (ObjectNode) n;
    }

    /** One line of JSON, newline included. */
    public static String line(JsonNode n) {
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }
}
