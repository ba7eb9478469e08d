package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Schema version 1's promise, as an assertion: every field of the golden object is in the
 * actual one with the same value (numbers compared as numbers), recursively; fields the golden
 * object does not have are allowed (fields are only ever added). A renamed or removed field,
 * or a changed value or type, fails.
 */
public final class SchemaAssert {
    private SchemaAssert() {
    }

    public static void assertSchema(String golden, String actualLine) {
        assertSchema(Wire.parseObject(golden), Wire.parseObject(actualLine), "$");
    }

    static void assertSchema(JsonNode golden, JsonNode actual, String path) {
        if (actual == null || actual.isMissingNode()) {
            fail(path + ": missing (renamed or removed?)");
        }
        if (golden.isObject()) {
            assertTrue(actual.isObject(), path + ": expected an object, got " + actual);
            for (Map.Entry<String, JsonNode> e : golden.properties()) {
                assertSchema(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
            }
        } else if (golden.isArray()) {
            assertTrue(actual.isArray(), path + ": expected an array, got " + actual);
            assertEquals(golden.size(), actual.size(), path + ": length");
            for (int i = 0; i < golden.size(); i++) {
                assertSchema(golden.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (golden.isNumber()) {
            assertTrue(actual.isNumber(), path + ": expected a number, got " + actual);
            assertEquals(0, golden.decimalValue().compareTo(actual.decimalValue()), path + ": " + actual + " != " + golden);
        } else {
            assertEquals(golden, actual, path);
        }
    }
}
