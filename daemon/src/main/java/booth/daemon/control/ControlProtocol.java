package booth.daemon.control;

import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lines as trees, for {@link TailCommand}, which gets each tailed outcome as a tree from its
 * {@link ControlClient} and passes it on as a line. The control socket's own lines are
 * {@code booth.protocol.control}'s; this goes when TailCommand takes the outcome lines as
 * {@code booth.protocol.control.ControlClient#tail} hands them.
 */
final class ControlProtocol {
    private ControlProtocol() {
    }

    /** Parses one line; a line that is not exactly one JSON object is an {@link IllegalArgumentException}. */
    static JsonNode parse(String line) {
        return Wire.parseObject(line);
    }

    /** One line of JSON, newline included. */
    static String line(JsonNode n) {
        return Wire.line(n);
    }
}
