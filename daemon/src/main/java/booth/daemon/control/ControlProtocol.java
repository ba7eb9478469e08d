package booth.daemon.control;

import booth.protocol.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control socket's protocol, version 1: line-delimited JSON over a Unix domain socket.
 * Every request is one JSON object on one line, {@code {"v":1,"cmd":"status"}}; every request
 * line, even a blank or broken one, gets exactly one answer line, {@code {"v":1,"ok":true,...}}
 * or {@code {"v":1,"ok":false,"error":"..."}}. After {@code tail} the connection carries one
 * {@code {"v":1,"outcome":{...}}} line per write until the client closes it. Compatibility:
 * within version 1 fields and commands are only ever added. See the README for every command.
 */
public final class ControlProtocol {
    public static final int VERSION = Wire.VERSION;
    /** A request line longer than this is refused and the connection closed. */
    public static final int MAX_LINE = 64 * 1024;

    private ControlProtocol() {
    }

    /** A request: {@code {"v":1,"cmd":cmd}}; add arguments to the returned node. */
    public static ObjectNode request(String cmd) {
        return Wire.versioned().put("cmd", cmd);
    }

    static ObjectNode ok() {
        return Wire.versioned().put("ok", true);
    }

    static ObjectNode error(String message) {
        return Wire.versioned().put("ok", false).put("error", message);
    }

    /** One outcome for a tail client: {@code {"v":1,"outcome":{...}}}, from the outcome stream's line. */
    static String tailLine(String outcomeLine) {
        ObjectNode n = Wire.versioned();
        n.set("outcome", Wire.parseObject(outcomeLine));
        return Wire.line(n);
    }

    /** Parses one line; a line that is not exactly one JSON object is an {@link IllegalArgumentException}. */
    public static JsonNode parse(String line) {
        return Wire.parseObject(line);
    }

    /** One line of JSON, newline included. */
    public static String line(JsonNode n) {
        return Wire.line(n);
    }
}
