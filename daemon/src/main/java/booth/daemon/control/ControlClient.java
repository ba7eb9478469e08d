package booth.daemon.control;

import booth.protocol.Wire;
import booth.protocol.control.AnswerJson;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlClient.Refused;
import booth.protocol.control.ControlClient.Unreachable;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * {@code democtl tail}'s view of the control socket's client, with outcomes and the answer as
 * trees, as {@link TailCommand} takes them; this goes when it uses
 * {@code booth.protocol.control.ControlClient}, which this wraps (named in full here, where its
 * simple name is this class's own), directly: that one hands each outcome as its line.
 */
final class ControlClient implements AutoCloseable {
    private final booth.protocol.control.ControlClient client;

    private ControlClient(booth.protocol.control.ControlClient client) {
        this.client = client;
    }

    static ControlClient connect(Path socket) throws Unreachable {
        return new ControlClient(booth.protocol.control.ControlClient.connect(socket));
    }

    /**
     * Hands each live outcome to {@code each} until it returns false or the daemon goes away.
     *
     * @return the daemon's answer to the tail request (ok, or an error)
     */
    JsonNode tail(Predicate<JsonNode> each) throws IOException {
        ControlAnswer answer = new ControlAnswer.Tailing();
        try {
            client.tail(outcome -> each.test(Wire.parseObject(outcome)));
        } catch (Refused e) {
            answer = new ControlAnswer.Refusal(e.reason());
        }
        return Wire.parseObject(AnswerJson.encode(answer));
    }

    @Override
    public void close() {
        client.close();
    }
}
