package booth.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One JSON object of a line being decoded, read field by field. Each read checks the field's
 * type and, when it is wrong, names the field by its path from the top of the line
 * ({@code read_back.error.required}) in the {@link IllegalArgumentException} that refuses the
 * line: a line from Kafka can be anything, and its reader says what is wrong in one sentence.
 * A field nobody asks for is never looked at: within a schema version fields are only added.
 * "Optional" reads take an absent field as a null one: the schema writes "or null" fields
 * always, and a kind's own numbers only with that kind. Public for the decoders in the protocol
 * room's own packages ({@code booth.protocol.control}); no other room reads JSON.
 */
public final class Fields {
    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The line's object; not a line of exactly one JSON object is refused. */
    public static Fields of(String line) {
        return new Fields(Wire.parseObject(line), "");
    }

    /**
     * A line read from outside (Kafka carries anything anyone sent): refused as
     * {@link Rejection#TOO_LARGE} or {@link Rejection#CONTROL_CHARACTERS} when beyond the caps of
     * {@link OutsideLine}, before any field is read.
     */
    public static Fields outside(String line) {
        OutsideLine.checkLength(line);
        ObjectNode n = Wire.parseObject(line);
        OutsideLine.check(n);
        return new Fields(n, "");
    }

    /** Refuses a line of another schema version than {@link Wire#VERSION}. */
    public Fields versioned() {
        JsonNode v = node.get("v");
        if (v == null || !v.isInt() || v.intValue() != Wire.VERSION) {
            throw new IllegalArgumentException((v == null ? "v is missing" : "v is not " + Wire.VERSION)
                    + ": this reader knows schema version " + Wire.VERSION);
        }
        return this;
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public Optional<String> optionalText(String field) {
        return optional(field, JsonNode::isTextual, "a string").map(JsonNode::asText);
    }

    public long integer(String field) {
        return optionalInteger(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public OptionalLong optionalInteger(String field) {
        return optional(field, Fields::isLong, "an integer").map(n -> OptionalLong.of(n.longValue()))
                .orElse(OptionalLong.empty());
    }

    public int smallInteger(String field) {
        return optionalSmallInteger(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public OptionalInt optionalSmallInteger(String field) {
        return optional(field, Fields::isInt, "an integer").map(n -> OptionalInt.of(n.intValue()))
                .orElse(OptionalInt.empty());
    }

    public boolean flag(String field) {
        return optionalFlag(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public Optional<Boolean> optionalFlag(String field) {
        return optional(field, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    public Optional<BigDecimal> optionalNumber(String field) {
        return optional(field, JsonNode::isNumber, "a number").map(JsonNode::decimalValue);
    }

    public Instant time(String field) {
        String t = text(field);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw wrong(field, "not a UTC time such as 2026-11-21T06:43:10.319Z");
        }
    }

    /** Milliseconds as the wire writes them ({@code 3.100}), to the nanosecond. */
    public Duration millis(String field) {
        return optionalMillis(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public Optional<Duration> optionalMillis(String field) {
        Optional<BigDecimal> ms = optionalNumber(field);
        if (ms.isPresent() && (ms.get().signum() < 0 || ms.get().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0)) {
            throw wrong(field, "not a number of milliseconds");
        }
        return ms.map(m -> Duration.ofNanos(m.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact()));
    }

    public Fields object(String field) {
        return optionalObject(field).orElseThrow(() -> wrong(field, "missing"));
    }

    public Optional<Fields> optionalObject(String field) {
        return optional(field, JsonNode::isObject, "an object").map(n -> new Fields((ObjectNode) n, path + field + "."));
    }

    /**
     * This object as the line it would be on its own, without the newline: for a field that
     * carries a line of another format ({@code status.last}, a tail line's outcome), which that
     * format's decoder reads.
     */
    public String line() {
        return Wire.line(node).strip();
    }

    /** Each element of an array read by {@code read}, which is handed the element's path. */
    public <T> List<T> list(String field, Function<Element, T> read) {
        return optionalList(field, read).orElseThrow(() -> wrong(field, "missing"));
    }

    public <T> Optional<List<T>> optionalList(String field, Function<Element, T> read) {
        return optional(field, JsonNode::isArray, "an array").map(a -> {
            List<T> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(read.apply(new Element(a.get(i), path + field + "[" + i + "]")));
            }
            return out;
        });
    }

    /** One element of an array. */
    public static final class Element {
        private final JsonNode node;
        private final String path;

        private Element(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        public String text() {
            return check(JsonNode::isTextual, "a string").asText();
        }

        public int smallInteger() {
            return check(Fields::isInt, "an integer").intValue();
        }

        public BigDecimal number() {
            return check(JsonNode::isNumber, "a number").decimalValue();
        }

        public Fields object() {
            return new Fields((ObjectNode) check(JsonNode::isObject, "an object"), path + ".");
        }

        private JsonNode check(Predicate<JsonNode> is, String what) {
            if (!is.test(node)) {
                throw new IllegalArgumentException(path + " is not " + what);
            }
            return node;
        }
    }

    /** The field, empty when absent or null; of another type than {@code what}, refused. */
    private Optional<JsonNode> optional(String field, Predicate<JsonNode> is, String what) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!is.test(n)) {
            throw wrong(field, "not " + what);
        }
        return Optional.of(n);
    }

    // canConvertToLong is true of 1.5 too: an integer must be an integral number
    private static boolean isLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    private static boolean isInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt();
    }

    private IllegalArgumentException wrong(String field, String problem) {
        return new IllegalArgumentException(path + field + " is " + problem);
    }
}
