package booth.protocol.control;

import booth.model.Acks;
import booth.model.ClusterNode;
import booth.model.Demo;
import booth.model.Level;
import booth.protocol.control.ControlRequest.LevelOf;
import java.util.List;

/** An answer of protocol version 1: a refusal, or what the command did (see {@link ControlRequest}). */
public sealed interface ControlAnswer {

    /** {@code "ok":false}: nothing was done, {@code reason} says why. */
    record Refusal(String reason) implements ControlAnswer {
    }

    /** {@code status}: the daemon's state. */
    record StatusReport(DaemonStatus status) implements ControlAnswer {
    }

    /** {@code set-level}: the level now set ({@code write_level} or {@code read_level}). */
    record LevelSet(LevelOf what, Level level) implements ControlAnswer {
    }

    /** {@code set-demo}: the demo now. */
    record DemoSet(Demo demo) implements ControlAnswer {
    }

    /** {@code set-acks}: the acks now. */
    record AcksSet(Acks acks) implements ControlAnswer {
    }

    /** {@code pause} (true) and {@code resume} (false). */
    record PauseSet(boolean paused) implements ControlAnswer {
    }

    /** {@code reset}: whether this box's earlier runs were deleted. */
    record ResetDone(boolean truncated) implements ControlAnswer {
    }

    /** {@code restart-display}: done, nothing more to say. */
    record Done() implements ControlAnswer {
    }

    /** {@code topology}: the driver's nodes; empty before the session is up. */
    record Nodes(List<ClusterNode> nodes) implements ControlAnswer {
        public Nodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** {@code tail}: tail lines follow. */
    record Tailing() implements ControlAnswer {
    }
}
