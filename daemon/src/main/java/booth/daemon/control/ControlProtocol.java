package booth.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control socket's protocol, version 1: line-delimited JSON over a Unix domain socket.
 * Every request is one JSON object on one line, {@code {"v":1,"cmd":"status"}}; every
 * response is one JSON object on one line, {@code {"v":1,"ok":true,...}} or
 * {@code {"v":1,"ok":false,"error":"..."}}. After {@code tail} the connection carries one
 * {@code {"v":1,"outcome":{...}}} line per write until the client closes it. Compatibility:
 * within version 1 fields and commands are only ever added. See the README for every command.
 */
public final class ControlProtocol {
    public static final int VERSION = 1;
    /** A request line longer than this is refused and the connection closed. */
    public static final int MAX_LINE = 64 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private ControlProtocol() {
    }

    /** A request: {@code {"v":1,"cmd":cmd}}; add arguments to the returned node. */
    public static ObjectNode request(String cmd) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("cmd", cmd);
        return n;
    }

    static ObjectNode ok() {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("ok", true);
        return n;
    }

    static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("ok", false);
        n.put("error", message);
        return n;
    }

    /** Parses one line; a line that is not a JSON object is an {@link IllegalArgumentException}. */
    public static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
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
