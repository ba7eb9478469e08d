package booth.daemon.ui;

import booth.hal.ButtonEvent;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.ClockSync;
import booth.model.Demo;
import booth.model.Level;
import booth.model.ReplicaView;
import booth.model.PartitionView;
import booth.model.ProduceOutcome;
import booth.model.WriteOutcome;
import java.time.Duration;

/** Everything the keypad state machine reacts to. */
public sealed interface UiEvent {
    /** An event that changes the Cassandra demo's part only. */
    sealed interface ForCassandra extends UiEvent {
    }

    /** An event that changes the Kafka demo's part only. */
    sealed interface ForKafka extends UiEvent {
    }

    /** The clock's state was read and differs from the last reading. */
    record ClockSeen(ClockSync clock) implements UiEvent {
    }

    /** A key of the plate or a staff button. */
    record Button(ButtonEvent event) implements UiEvent {
    }

    /** A write completed. */
    record Outcome(WriteOutcome outcome) implements ForCassandra {
    }

    /**
     * A tick was skipped because the previous write (or record) was still in flight: counted
     * with the Cassandra demo's statistics, where democtl status has always reported it.
     */
    record SkippedTick() implements ForCassandra {
    }

    /** Still trying to reach the cluster, for this long. */
    record Connecting(Duration trying) implements ForCassandra {
    }

    /** The session is up and the schema ready: writes start. */
    record Connected() implements ForCassandra {
    }

    /**
     * The client's view of its partition's replicas changed (a node the driver holds up or down):
     * what the prediction page says each level survives.
     */
    record ReplicasSeen(ReplicaView view) implements ForCassandra {
    }

    /** Time passes (for idle time-outs and the connecting clock). */
    record Tick() implements UiEvent {
    }

    /** Staff paused or resumed the writes (democtl). */
    record Paused(boolean paused) implements UiEvent {
    }

    /** Staff set a level (democtl): the write level when {@code write}, else the read level. */
    record SetLevel(boolean write, Level level) implements ForCassandra {
    }

    /** Staff reset the demo (democtl): default levels, counters cleared. */
    record ResetDemo() implements UiEvent {
    }

    /** Staff asked for the display to be restarted (democtl). */
    record RestartDisplay() implements UiEvent {
    }

    /** A power command failed ({@code why} in a few words): the screen must not keep saying it is happening. */
    record PowerFailed(String why) implements UiEvent {
    }

    /**
     * A power command was only simulated (laptop and headless modes): the screen says so for a few
     * seconds and returns to the demo, which never stopped.
     */
    record PowerSimulated(boolean powerOff) implements UiEvent {
    }

    /** A Kafka demo record was handed to the producer: its answer is awaited from now. */
    record Producing() implements ForKafka {
    }

    /** A Kafka demo record was answered (or failed). */
    record Produced(ProduceOutcome outcome) implements ForKafka {
    }

    /** This client's demo partition as the brokers describe it now. */
    record PartitionSeen(PartitionView view) implements ForKafka {
    }

    /** The circle's counts changed. */
    record CircleSeen(CircleCounts counts) implements ForKafka {
    }

    /** The circle's consumer failed and starts again in {@code restartIn}; its next counts say it runs. */
    record CircleStopped(Duration restartIn) implements ForKafka {
    }

    /** Staff switched the demo (democtl). */
    record SetDemo(Demo demo) implements UiEvent {
    }

    /** Staff set the Kafka demo's acks (democtl). */
    record SetAcks(Acks acks) implements ForKafka {
    }

    /** The daemon is shutting down. */
    record Stopping() implements UiEvent {
    }
}
