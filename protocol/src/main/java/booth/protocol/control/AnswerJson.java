package booth.protocol.control;

import booth.model.Acks;
import booth.model.ClusterNode;
import booth.protocol.ClusterJson;
import booth.protocol.Fields;
import booth.protocol.Wire;
import booth.protocol.control.ControlAnswer.AcksSet;
import booth.protocol.control.ControlAnswer.DemoSet;
import booth.protocol.control.ControlAnswer.Done;
import booth.protocol.control.ControlAnswer.LevelSet;
import booth.protocol.control.ControlAnswer.Nodes;
import booth.protocol.control.ControlAnswer.PauseSet;
import booth.protocol.control.ControlAnswer.Refusal;
import booth.protocol.control.ControlAnswer.ResetDone;
import booth.protocol.control.ControlAnswer.StatusReport;
import booth.protocol.control.ControlAnswer.Tailing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Answer lines, {@code {"v":1,"ok":true,...}} or {@code {"v":1,"ok":false,"error":"..."}}, and
 * after {@code tail} the tail lines, {@code {"v":1,"outcome":{...}}}. An answer does not name
 * its command: it is read as the answer to the request it follows.
 */
public final class AnswerJson {
    private AnswerJson() {
    }

    /** The answer's line, newline included. */
    public static String encode(ControlAnswer answer) {
        if (answer instanceof Refusal r) {
            return Wire.line(Wire.versioned().put("ok", false).put("error", r.reason()));
        }
        ObjectNode ok = Wire.versioned().put("ok", true);
        if (answer instanceof StatusReport s) {
            ok.set("status", StatusJson.encode(s.status()));
        } else if (answer instanceof LevelSet l) {
            ok.put(l.what().wireName() + "_level", l.level().name());
        } else if (answer instanceof DemoSet d) {
            ok.put("demo", StatusJson.wireName(d.demo()));
        } else if (answer instanceof AcksSet a) {
            ok.put("acks", a.acks().wireName());
        } else if (answer instanceof PauseSet p) {
            ok.put("paused", p.paused());
        } else if (answer instanceof ResetDone r) {
            ok.put("truncated", r.truncated());
        } else if (answer instanceof Nodes n) {
            ClusterJson.putNodes(ok, n.nodes());
        } else if (answer instanceof Tailing) {
            ok.put("tail", true);
        }
        return Wire.line(ok);
    }

    /**
     * Reads the answer to {@code request}: a {@link Refusal}, or the request's own answer type.
     *
     * @throws IllegalArgumentException when the line is not such an answer (the message says how)
     */
    public static ControlAnswer decode(ControlRequest<?> request, String line) {
        Fields f = Fields.of(line).versioned();
        if (!f.flag("ok")) {
            return new Refusal(f.optionalText("error").orElse("(no reason given)"));
        }
        if (request instanceof ControlRequest.Status) {
            return new StatusReport(StatusJson.decode(f.object("status")));
        } else if (request instanceof ControlRequest.SetLevel s) {
            return new LevelSet(s.what(), StatusJson.level(f, s.what().wireName() + "_level"));
        } else if (request instanceof ControlRequest.SetDemo) {
            return new DemoSet(StatusJson.demo(f));
        } else if (request instanceof ControlRequest.SetAcks) {
            return new AcksSet(Acks.parse(f.text("acks")).orElseThrow(() -> new IllegalArgumentException("acks is not 0, 1 or all")));
        } else if (request instanceof ControlRequest.Pause || request instanceof ControlRequest.Resume) {
            return new PauseSet(f.flag("paused"));
        } else if (request instanceof ControlRequest.Reset) {
            return new ResetDone(f.flag("truncated"));
        } else if (request instanceof ControlRequest.RestartDisplay) {
            return new Done();
        } else if (request instanceof ControlRequest.Topology) {
            return new Nodes(ClusterJson.nodes(f));
        }
        // the one request left: tail
        if (!f.flag("tail")) {
            throw new IllegalArgumentException("tail is not true");
        }
        return new Tailing();
    }

    /** A tail line, newline included, carrying the outcome stream's line {@code outcomeLine}. */
    public static String tailLine(String outcomeLine) {
        ObjectNode n = Wire.versioned();
        n.set("outcome", Wire.parseObject(outcomeLine));
        return Wire.line(n);
    }

    /**
     * The outcome a tail line carries, as one line of JSON without its newline; the outcome's
     * own decoder reads it.
     *
     * @throws IllegalArgumentException when the line is not a tail line
     */
    public static String outcome(String tailLine) {
        return Fields.of(tailLine).versioned().object("outcome").line();
    }

    /** The status object alone, as one line: what {@code democtl status --json} prints. */
    public static String statusLine(DaemonStatus status) {
        return Wire.line(StatusJson.encode(status));
    }

    /** The nodes alone, as one line holding their array: what {@code democtl topology --json} prints. */
    public static String nodesLine(List<ClusterNode> nodes) {
        ObjectNode holder = Wire.object();
        ClusterJson.putNodes(holder, nodes);
        return Wire.line(holder.get("nodes"));
    }
}
