package booth.protocol.control;

import booth.model.Acks;
import booth.model.Demo;
import booth.model.Level;
import java.util.List;

/**
 * A request of protocol version 1, one per command; {@code A} is the answer the daemon gives
 * when it does it (a refusal is {@link ControlAnswer.Refusal} whatever the request).
 */
public sealed interface ControlRequest<A extends ControlAnswer> {

    /** The daemon's state and counters. */
    record Status() implements ControlRequest<ControlAnswer.StatusReport> {
    }

    /** Sets the write level or the read-back level, from the next write. */
    record SetLevel(LevelOf what, Level level) implements ControlRequest<ControlAnswer.LevelSet> {
        public SetLevel {
            if (!what.valid().contains(level)) {
                throw new IllegalArgumentException(level + " is not a " + what.wireName() + " level");
            }
        }
    }

    /** Switches the demo, as the keypad sequence does. */
    record SetDemo(Demo demo) implements ControlRequest<ControlAnswer.DemoSet> {
    }

    /** Sets the Kafka demo's acks, from its next record. */
    record SetAcks(Acks acks) implements ControlRequest<ControlAnswer.AcksSet> {
    }

    /** Stops writing; the LCD says so. */
    record Pause() implements ControlRequest<ControlAnswer.PauseSet> {
    }

    /** Writes again after a pause. */
    record Resume() implements ControlRequest<ControlAnswer.PauseSet> {
    }

    /** Default levels and acks, counters cleared, a new run; with {@code truncate} this box's earlier runs are deleted. */
    record Reset(boolean truncate) implements ControlRequest<ControlAnswer.ResetDone> {
    }

    /** Re-initialises the LCD plate (a stalled daemon exits so that systemd restarts it). */
    record RestartDisplay() implements ControlRequest<ControlAnswer.Done> {
    }

    /** Every node the driver knows. */
    record Topology() implements ControlRequest<ControlAnswer.Nodes> {
    }

    /** The outcomes, live: after the answer, one tail line per outcome until the client closes. */
    record Tail() implements ControlRequest<ControlAnswer.Tailing> {
    }

    /** Which level {@link SetLevel} sets: each has its wire name and its valid levels. */
    enum LevelOf {
        WRITE("write", Level.WRITE_LEVELS),
        READ("read", Level.READ_LEVELS);

        private final String wireName;
        private final List<Level> valid;

        LevelOf(String wireName, List<Level> valid) {
            this.wireName = wireName;
            this.valid = valid;
        }

        /** {@code write} or {@code read}, as the request's {@code what} says it. */
        public String wireName() {
            return wireName;
        }

        /** The levels this one may be set to. */
        public List<Level> valid() {
            return valid;
        }
    }
}
