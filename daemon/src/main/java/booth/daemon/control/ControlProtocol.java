package booth.daemon.control;

import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Outcome and event lines as trees, for the readers in this room that do not yet read them
 * through their decoders ({@link TailCommand}, and {@link StatusCommand}'s last outcome). The
 * control socket's own lines are {@code booth.protocol.control}'s; this goes when those readers
 * move to the outcome stream's decoder.
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
