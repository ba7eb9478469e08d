package booth.protocol.control;

import booth.model.Acks;
import booth.model.Demo;
import booth.model.Level;
import booth.protocol.Wire;
import booth.protocol.control.ControlRequest.LevelOf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/**
 * Request lines: {@code {"v":1,"cmd":...}} with the command's arguments. The reader is the
 * daemon's, and strict: the version must be the number 1, every argument must have its type (a
 * wrong one is refused naming the field), and the destructive {@code truncate} is true only as
 * exactly {@code "truncate":true}. Fields it does not know are ignored.
 */
public final class RequestJson {
    /** A request line longer than this is refused and the connection closed. */
    public static final int MAX_LINE = 64 * 1024;
    /** Every command, in the order refusals list them. */
    public static final List<String> COMMANDS = List.of("status", "set-level", "set-demo", "set-acks", "pause", "resume", "reset",
            "restart-display", "topology", "tail");

    private RequestJson() {
    }

    /** The command's name on the wire, for example {@code set-level}. */
    public static String command(ControlRequest<?> request) {
        if (request instanceof ControlRequest.Status) {
            return "status";
        } else if (request instanceof ControlRequest.SetLevel) {
            return "set-level";
        } else if (request instanceof ControlRequest.SetDemo) {
            return "set-demo";
        } else if (request instanceof ControlRequest.SetAcks) {
            return "set-acks";
        } else if (request instanceof ControlRequest.Pause) {
            return "pause";
        } else if (request instanceof ControlRequest.Resume) {
            return "resume";
        } else if (request instanceof ControlRequest.Reset) {
            return "reset";
        } else if (request instanceof ControlRequest.RestartDisplay) {
            return "restart-display";
        } else if (request instanceof ControlRequest.Topology) {
            return "topology";
        }
        return "tail"; // the one request left
    }

    /** The request's line, newline included. */
    public static String encode(ControlRequest<?> request) {
        ObjectNode n = Wire.versioned().put("cmd", command(request));
        if (request instanceof ControlRequest.SetLevel s) {
            n.put("what", s.what().wireName()).put("level", s.level().name());
        } else if (request instanceof ControlRequest.SetDemo s) {
            n.put("demo", StatusJson.wireName(s.demo()));
        } else if (request instanceof ControlRequest.SetAcks s) {
            n.put("acks", s.acks().wireName());
        } else if (request instanceof ControlRequest.Reset r) {
            n.put("truncate", r.truncate());
        }
        return Wire.line(n);
    }

    /**
     * Reads one request line (its newline stripped or not).
     *
     * @throws BadRequest saying what is wrong with it, as the error answer says it
     */
    public static ControlRequest<?> decode(String line) throws BadRequest {
        if (line.isBlank()) {
            throw new BadRequest("empty request: send one JSON object a line, for example {\"v\":1,\"cmd\":\"status\"}");
        }
        ObjectNode n;
        try {
            n = Wire.parseObject(line);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != Wire.VERSION) {
            throw new BadRequest("unsupported protocol version " + (v == null ? "(none)" : v.toString())
                    + " (this daemon speaks " + Wire.VERSION + ", as the number \"v\":" + Wire.VERSION + ")");
        }
        String cmd = text(n, "cmd", true);
        return switch (cmd) {
            case "status" -> new ControlRequest.Status();
            case "set-level" -> setLevel(n);
            case "set-demo" -> {
                String name = text(n, "demo", false);
                Demo demo = StatusJson.demo(name)
                        .orElseThrow(() -> new BadRequest("unknown demo '" + name + "'; valid: cassandra, kafka"));
                yield new ControlRequest.SetDemo(demo);
            }
            case "set-acks" -> {
                String name = text(n, "acks", false);
                Acks acks = Acks.parse(name).orElseThrow(() -> new BadRequest("unknown acks '" + name + "'; valid: 0, 1, all"));
                yield new ControlRequest.SetAcks(acks);
            }
            case "pause" -> new ControlRequest.Pause();
            case "resume" -> new ControlRequest.Resume();
            case "reset" -> reset(n);
            case "restart-display" -> new ControlRequest.RestartDisplay();
            case "topology" -> new ControlRequest.Topology();
            case "tail" -> new ControlRequest.Tail();
            default -> throw new BadRequest("unknown command '" + cmd + "'; commands: " + String.join(", ", COMMANDS));
        };
    }

    private static ControlRequest.SetLevel setLevel(JsonNode n) throws BadRequest {
        String what = text(n, "what", false);
        LevelOf of = Arrays.stream(LevelOf.values()).filter(l -> l.wireName().equals(what)).findFirst()
                .orElseThrow(() -> new BadRequest("set-level needs \"what\": \"write\" or \"read\""));
        String name = text(n, "level", false);
        Level level = Level.parse(name).filter(of.valid()::contains).orElseThrow(() ->
                new BadRequest("unknown " + what + " level '" + name + "'; valid: " + Level.names(of.valid())));
        return new ControlRequest.SetLevel(of, level);
    }

    private static ControlRequest.Reset reset(JsonNode n) throws BadRequest {
        JsonNode t = n.get("truncate");
        if (t != null && !t.isBoolean()) {
            throw new BadRequest("field \"truncate\" must be true or false, got " + t);
        }
        return new ControlRequest.Reset(t != null && t.booleanValue());
    }

    /** A string argument; a missing optional one (or null) is "". */
    private static String text(JsonNode n, String field, boolean required) throws BadRequest {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequest("field \"" + field + "\" is missing; commands: " + String.join(", ", COMMANDS));
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new BadRequest("field \"" + field + "\" must be a string, got " + v);
        }
        return v.textValue();
    }
}
