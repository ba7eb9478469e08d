package booth.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * A JSON object built field by field, for a document whose shape belongs to its writer (the
 * booth screen's page, the chaos soak's {@code report.json}): fields in the order they are put,
 * written as {@link Wire} writes every line of the booth, so that no room but this one needs a
 * JSON library. The booth's own lines have typed encoders and decoders instead
 * ({@link OutcomeJson} and its siblings).
 */
public final class JsonOut {
    private final ObjectNode node;

    private JsonOut(ObjectNode node) {
        this.node = node;
    }

    /** An empty object. */
    public static JsonOut object() {
        return new JsonOut(Wire.object());
    }

    /** {@code {"v":1}}: an object of the booth's schema version. */
    public static JsonOut versioned() {
        return new JsonOut(Wire.versioned());
    }

    /** Puts a string, or null. */
    public JsonOut put(String field, String value) {
        node.put(field, value);
        return this;
    }

    public JsonOut put(String field, long value) {
        node.put(field, value);
        return this;
    }

    /** Puts a number, or null. */
    public JsonOut put(String field, Long value) {
        node.put(field, value);
        return this;
    }

    public JsonOut put(String field, double value) {
        node.put(field, value);
        return this;
    }

    /** Puts a number, or null. */
    public JsonOut put(String field, Double value) {
        node.put(field, value);
        return this;
    }

    /** Puts a number as it is written ({@code 1.50} stays 1.50), or null. */
    public JsonOut put(String field, BigDecimal value) {
        node.put(field, value);
        return this;
    }

    public JsonOut put(String field, boolean value) {
        node.put(field, value);
        return this;
    }

    public JsonOut putNull(String field) {
        node.putNull(field);
        return this;
    }

    /** Puts an empty object and returns it, to fill. */
    public JsonOut putObject(String field) {
        return new JsonOut(node.putObject(field));
    }

    /** Puts an empty array and returns it, to fill. */
    public Array putArray(String field) {
        return new Array(node.putArray(field));
    }

    /** The object as one line, newline included. */
    public String line() {
        return Wire.line(node);
    }

    /** The object as one line without its newline, for a person to read. */
    @Override
    public String toString() {
        return line().strip();
    }

    /** A JSON array being filled, elements in the order they are added. */
    public static final class Array {
        private final ArrayNode node;

        private Array(ArrayNode node) {
            this.node = node;
        }

        public Array add(String value) {
            node.add(value);
            return this;
        }

        public Array add(long value) {
            node.add(value);
            return this;
        }

        public Array addAll(Collection<String> values) {
            values.forEach(node::add);
            return this;
        }

        /** Adds an empty object and returns it, to fill. */
        public JsonOut addObject() {
            return new JsonOut(node.addObject());
        }
    }
}
