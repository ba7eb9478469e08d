package booth.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The caps on a line read from outside, checked before any of it is decoded: anyone on the
 * booth network can write to Kafka, and a line within Kafka's own limit can still hold a
 * megabyte of text, a thousand nodes or an escape sequence for the staff's terminal. The booth's
 * own lines are far inside these caps (its longest, a cluster view of 64 nodes, is about 8 kB).
 */
public final class OutsideLine {
    /** The longest line, in characters: as long as the booth's topics' largest message. */
    public static final int LINE = 65_536;
    /** The longest string anywhere in a line (a field's name or its value), in characters. */
    public static final int STRING = 4_096;
    /** The most elements of any list (a cluster view's nodes: the booth screen draws 64 at most). */
    public static final int LIST = 64;
    /** The deepest nesting of objects and lists (the booth's deepest is 3: read_back.error's fields). */
    public static final int DEPTH = 8;

    private OutsideLine() {
    }

    /** @throws Rejection.Refused when {@code line} is longer than {@link #LINE} */
    static void checkLength(String line) {
        if (line.length() > LINE) {
            throw Rejection.TOO_LARGE.refused("the line is longer than " + LINE + " characters");
        }
    }

    /** @throws Rejection.Refused naming the first string, list or nesting beyond the caps, or the first control character */
    static void check(JsonNode n) {
        check(n, "", 0);
    }

    private static void check(JsonNode n, String path, int depth) {
        if (depth > DEPTH) {
            throw Rejection.TOO_LARGE.refused(path + " is nested deeper than " + DEPTH);
        }
        if (n.isTextual()) {
            text(n.textValue(), path);
        } else if (n.isArray()) {
            if (n.size() > LIST) {
                throw Rejection.TOO_LARGE.refused(path + " has more than " + LIST + " elements");
            }
            for (int i = 0; i < n.size(); i++) {
                check(n.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (n.isObject()) {
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                String name = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                text(f.getKey(), "a field name of " + (path.isEmpty() ? "the line" : path));
                check(f.getValue(), ShownText.of(name, ShownText.NAME), depth + 1);
            }
        }
    }

    private static void text(String s, String path) {
        if (s.length() > STRING) {
            throw Rejection.TOO_LARGE.refused(path + " is longer than " + STRING + " characters");
        }
        if (ShownText.hasControl(s)) {
            throw Rejection.CONTROL_CHARACTERS.refused(path + " holds a control character");
        }
    }
}
