package booth.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Strict reads of one field of a parsed object, for the decoders: each returns the field with
 * its type or throws an {@link IllegalArgumentException} naming the field and what it holds.
 * {@code null} is a value of the optional reads only; a missing field is always an error.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** The version {@code "v"}: exactly the number {@link Wire#VERSION}. */
    public static void version(JsonNode n) {
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != Wire.VERSION) {
            throw new IllegalArgumentException("not schema version " + Wire.VERSION + ": \"v\" is "
                    + (v == null ? "missing" : v.toString()));
        }
    }

    public static JsonNode object(JsonNode n, String field) {
        return require(n, field, JsonNode::isObject, "an object");
    }

    /** An object, or empty for {@code null}. */
    public static Optional<JsonNode> optionalObject(JsonNode n, String field) {
        return nullable(n, field) ? Optional.empty() : Optional.of(object(n, field));
    }

    public static String text(JsonNode n, String field) {
        return require(n, field, JsonNode::isTextual, "a string").textValue();
    }

    /** A string, or empty for {@code null}. */
    public static Optional<String> optionalText(JsonNode n, String field) {
        return nullable(n, field) ? Optional.empty() : Optional.of(text(n, field));
    }

    public static boolean bool(JsonNode n, String field) {
        return require(n, field, JsonNode::isBoolean, "true or false").booleanValue();
    }

    public static long integer(JsonNode n, String field) {
        return require(n, field, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer").longValue();
    }

    public static int smallInteger(JsonNode n, String field) {
        return require(n, field, v -> v.isIntegralNumber() && v.canConvertToInt(), "an integer").intValue();
    }

    /** A small integer, or empty for {@code null}. */
    public static Optional<Integer> optionalSmallInteger(JsonNode n, String field) {
        return nullable(n, field) ? Optional.empty() : Optional.of(smallInteger(n, field));
    }

    /** A number, or empty for {@code null}. */
    public static Optional<Double> optionalNumber(JsonNode n, String field) {
        return nullable(n, field) ? Optional.empty()
                : Optional.of(require(n, field, JsonNode::isNumber, "a number").doubleValue());
    }

    /** An array of objects. */
    public static List<JsonNode> objects(JsonNode n, String field) {
        JsonNode a = require(n, field, JsonNode::isArray, "an array");
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isObject()) {
                throw new IllegalArgumentException("field \"" + field + "\" must hold objects, got " + e);
            }
            all.add(e);
        }
        return all;
    }

    /** An array of small integers. */
    public static List<Integer> smallIntegers(JsonNode n, String field) {
        JsonNode a = require(n, field, JsonNode::isArray, "an array");
        List<Integer> all = new ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw new IllegalArgumentException("field \"" + field + "\" must hold integers, got " + e);
            }
            all.add(e.intValue());
        }
        return all;
    }

    private static boolean nullable(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw missing(field);
        }
        return v.isNull();
    }

    private static JsonNode require(JsonNode n, String field, Predicate<JsonNode> type, String what) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw missing(field);
        }
        if (!type.test(v)) {
            throw new IllegalArgumentException("field \"" + field + "\" must be " + what + ", got " + v);
        }
        return v;
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("field \"" + field + "\" is missing");
    }
}
