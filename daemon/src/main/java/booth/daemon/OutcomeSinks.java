package booth.daemon;

import booth.daemon.control.ControlServer;
import booth.daemon.kafka.BoothEvents;
import booth.daemon.ui.KafkaState;
import booth.protocol.LcdShown;
import booth.protocol.OutcomeJson;
import booth.protocol.ProduceJson;
import booth.display.KafkaFrames;
import booth.model.ProduceOutcome;
import booth.display.Frames;
import booth.hal.PlateFrame;
import booth.model.Prediction;
import booth.model.WriteOutcome;
import java.util.Optional;

/**
 * Where each write outcome (or Kafka demo record's) goes once the screen shows it: the outcome stream, the control
 * socket's tails, and Kafka. Called on the "ui" thread only; every sink queues and returns at
 * once. Remembers the last outcome for {@code democtl status}.
 */
public final class OutcomeSinks {
    private final String client;
    private final Optional<OutcomeStream> stream;
    private final Optional<BoothEvents> kafka;
    private volatile ControlServer control;
    private volatile String last;

    OutcomeSinks(String client, Optional<OutcomeStream> stream, Optional<BoothEvents> kafka) {
        this.client = client;
        this.stream = stream;
        this.kafka = kafka;
    }

    /** The control socket, once it is listening: its tails get the outcomes from then on. */
    void tails(ControlServer server) {
        control = server;
    }

    /** A write's outcome, with what its level survived in the client's view as of the write (empty without one). */
    void publish(WriteOutcome outcome, PlateFrame frame, Optional<Prediction> prediction) {
        publish(OutcomeJson.encode(outcome, shown(frame), Frames.outcomeText(outcome), prediction));
    }

    /** A Kafka demo record's outcome, with the partition and circle as the box knows them now. */
    void publish(ProduceOutcome outcome, KafkaState kafka, PlateFrame frame) {
        publish(ProduceJson.encode(outcome, kafka.view(), kafka.circle().counts(), shown(frame), KafkaFrames.outcomeText(outcome)));
    }

    /** The frame as the wire writes it. */
    public static LcdShown shown(PlateFrame frame) {
        return new LcdShown(frame.top(), frame.bottom(), frame.backlight().name());
    }

    private void publish(OutcomeJson.Encoded encoded) {
        String line = encoded.line();
        last = line;
        stream.ifPresent(s -> s.publish(line));
        kafka.ifPresent(k -> k.outcome(encoded.eventLine(client)));
        ControlServer c = control;
        if (c != null) {
            c.publish(line);
        }
    }

    /** The last outcome's line, as the outcome stream has it. */
    Optional<String> last() {
        return Optional.ofNullable(last);
    }

    long droppedByStream() {
        return stream.map(OutcomeStream::dropped).orElse(0L);
    }

    Optional<BoothEvents.Counts> kafkaCounts() {
        return kafka.map(BoothEvents::counts);
    }
}
