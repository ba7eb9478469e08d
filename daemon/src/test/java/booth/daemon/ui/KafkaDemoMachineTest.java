package booth.daemon.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Backlight;
import booth.hal.ButtonEvent;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.Demo;
import booth.model.Level;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Kafka demo on the keypad, with a fake clock: the switching sequence, its pages and keys. */
class KafkaDemoMachineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final List<KeypadButton> SEQUENCE = KeypadMachine.SEQUENCE;
    private final KeypadMachine machine = new KeypadMachine(Level.LOCAL_QUORUM, Level.LOCAL_ONE, true,
            Duration.ofSeconds(20), Duration.ZERO, "DC1", Duration.ofSeconds(3), Demo.CASSANDRA, Acks.ALL);

    private static UiEvent press(KeypadButton k) {
        return new UiEvent.Button(new ButtonEvent(k, ButtonEvent.Kind.PRESSED, Duration.ZERO));
    }

    private UiState connected() {
        return machine.handle(machine.initial(0), new UiEvent.Connected(), 0).state();
    }

    /** Presses {@code keys} one every {@code gap}, from {@code at}; returns the last transition. */
    private KeypadMachine.Transition press(UiState s, long at, long gap, List<KeypadButton> keys) {
        KeypadMachine.Transition t = KeypadMachine.Transition.of(s);
        long now = at;
        for (KeypadButton k : keys) {
            t = machine.handle(t.state(), press(k), now);
            now += gap;
        }
        return t;
    }

    private static ProduceOutcome acked(Acks acks, int leader, long offset) {
        return new ProduceOutcome(7, Instant.EPOCH, acks, "booth.demo.rpiclient1", Optional.of(leader), 0, offset,
                Duration.ofMillis(12), Optional.empty());
    }

    @Test
    void theSequenceSwitchesTheDemoBothWaysAndLeavesTheLevelAndPageWhereTheyWere() {
        UiState s = connected();
        KeypadMachine.Transition t = press(s, SECOND, SECOND / 2, SEQUENCE);
        assertEquals(Demo.KAFKA, t.state().shared().demo());
        assertEquals(List.of(KeypadMachine.Effect.DEMO_CHANGED), t.effects());
        assertEquals(Level.LOCAL_QUORUM, t.state().cassandra().levels().write(), "UP UP DOWN DOWN cancel out");
        PlateFrame notice = machine.render(t.state(), "DC1 127.0.1.1", 6 * SECOND);
        assertEquals(Backlight.VIOLET, notice.backlight());
        assertEquals("Kafka demo      ", notice.top());
        KeypadMachine.Transition back = press(t.state(), 20 * SECOND, SECOND / 2, SEQUENCE);
        assertEquals(Demo.CASSANDRA, back.state().shared().demo());
        assertEquals(Acks.ALL, back.state().kafka().acks(), "UP UP DOWN DOWN cancel out in the Kafka demo too");
    }

    @Test
    void aWrongKeyOrAPauseStartsItAgainButAThirdUpStillCounts() {
        UiState s = connected();
        List<KeypadButton> wrong = new java.util.ArrayList<>(SEQUENCE);
        wrong.set(5, KeypadButton.LEFT);
        assertEquals(Demo.CASSANDRA, press(s, SECOND, SECOND / 2, wrong).state().shared().demo());
        assertEquals(Demo.CASSANDRA, press(s, SECOND, 4 * SECOND, SEQUENCE).state().shared().demo(), "a key 4 s after the last");
        List<KeypadButton> threeUps = new java.util.ArrayList<>(SEQUENCE);
        threeUps.add(0, KeypadButton.UP);
        assertEquals(Demo.KAFKA, press(s, SECOND, SECOND / 2, threeUps).state().shared().demo());
        // held keys repeat: a repeat is not a press of the sequence
        KeypadMachine.Transition t = press(s, SECOND, SECOND / 2, SEQUENCE.subList(0, 8));
        UiState repeated = machine.handle(t.state(), new UiEvent.Button(new ButtonEvent(KeypadButton.RIGHT,
                ButtonEvent.Kind.REPEATED, Duration.ofMillis(600))), 6 * SECOND).state();
        assertEquals(Demo.CASSANDRA, machine.handle(repeated, press(KeypadButton.SELECT), 6 * SECOND).state().shared().demo());
    }

    @Test
    void inTheKafkaDemoUpAndDownChangeAcksAndRightGoesThroughItsPages() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        assertEquals(Acks.ALL, machine.handle(s, press(KeypadButton.UP), SECOND).state().kafka().acks(),
                "a key over the switch's notice only brings the demo back");
        s = machine.handle(s, press(KeypadButton.UP), 2 * SECOND).state();
        assertEquals(Acks.ZERO, s.kafka().acks(), "all wraps round to 0");
        s = machine.handle(s, press(KeypadButton.DOWN), 2 * SECOND).state();
        assertEquals(Acks.ALL, s.kafka().acks());
        s = machine.handle(s, new UiEvent.Produced(acked(Acks.ALL, 2, 41)), SECOND).state();
        PlateFrame main = machine.render(s, "", 3 * SECOND + 1);
        assertEquals("acks=all      \ue000\ue002", main.top());
        assertEquals("b2 0@41     12ms", main.bottom());
        assertEquals(Backlight.GREEN, main.backlight());
        for (KafkaState.Page p : List.of(KafkaState.Page.ISR, KafkaState.Page.CIRCLE, KafkaState.Page.RECORDS,
                KafkaState.Page.LOST, KafkaState.Page.ACKS)) {
            s = machine.handle(s, press(KeypadButton.RIGHT), 4 * SECOND).state();
            assertEquals(p, s.kafka().page());
        }
        s = machine.handle(s, press(KeypadButton.LEFT), 4 * SECOND).state();
        assertEquals(KafkaState.Page.LOST, s.kafka().page());
        s = machine.handle(s, press(KeypadButton.UP), 4 * SECOND).state();
        assertEquals(Acks.ALL, s.kafka().acks(), "UP changes acks on the main page only");
        s = machine.handle(s, new UiEvent.Tick(), 25 * SECOND).state();
        assertEquals(KafkaState.Page.ACKS, s.kafka().page(), "back to the main page after the idle time-out");
    }

    @Test
    void theIsrPageSaysWhoLeadsAndTurnsRedBelowMinInsync() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        s = machine.handle(s, new UiEvent.PartitionSeen(new PartitionView("t", 0, Optional.of(1), List.of(1, 2, 3),
                List.of(1), List.of(2), 2)), 0).state();
        s = machine.handle(s, press(KeypadButton.RIGHT), 2 * SECOND).state();
        PlateFrame isr = machine.render(s, "", 4 * SECOND);
        assertEquals("ISR 1/3 min 2 \ue001\ue002", isr.top());
        assertEquals("lead b1 isr 1   ", isr.bottom());
        assertEquals(Backlight.RED, isr.backlight());
        s = machine.handle(s, new UiEvent.PartitionSeen(new PartitionView("t", 0, Optional.empty(), List.of(1, 2, 3),
                List.of(), List.of(2, 3), 2)), SECOND).state();
        assertEquals("NO lead elr 2,3 ", machine.render(s, "", 4 * SECOND).bottom());
    }

    @Test
    void ownRecordsFoundLostTurnTheMainPageBlueForTenSecondsAndStayOnTheLostPage() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        s = machine.handle(s, new UiEvent.Produced(acked(Acks.ONE, 1, 9)), 0).state();
        s = machine.handle(s, new UiEvent.SetAcks(Acks.ONE), 0).state();
        s = machine.handle(s, new UiEvent.CircleSeen(new CircleCounts(10, 0, 3, 0, 1, 3, Optional.empty(), Optional.empty(), 0)),
                5 * SECOND).state();
        PlateFrame lost = machine.render(s, "", 6 * SECOND);
        assertEquals(Backlight.BLUE, lost.backlight());
        assertEquals("LOST 3    acked ", lost.bottom());
        assertEquals(Backlight.GREEN, machine.render(s, "", 16 * SECOND).backlight(), "ten seconds later, the last record again");
        for (int i = 0; i < 4; i++) {
            s = machine.handle(s, press(KeypadButton.RIGHT), 16 * SECOND).state();
        }
        PlateFrame page = machine.render(s, "", 16 * SECOND);
        assertEquals("lost acked     3", page.top());
        assertEquals(Backlight.BLUE, page.backlight());
        s = machine.handle(s, new UiEvent.ResetDemo(), 17 * SECOND).state();
        assertEquals(0, s.kafka().circle().ownLost(), "a reset counts from zero again");
    }

    @Test
    void aRefusalAlternatesWithTheLeaderItWasFor() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        ProduceOutcome refused = new ProduceOutcome(8, Instant.EPOCH, Acks.ALL, "t", Optional.of(3), 0, -1,
                Duration.ofMillis(150), Optional.of(new ProduceFailure.NotEnoughReplicas(false)));
        s = machine.handle(s, new UiEvent.Produced(refused), 10 * SECOND).state();
        assertEquals("NotEnoughReplica", machine.render(s, "", 11 * SECOND).bottom());
        assertEquals("to leader b3    ", machine.render(s, "", 13 * SECOND).bottom());
        assertTrue(machine.render(s, "", 13 * SECOND).backlight() == Backlight.RED);
    }

    @Test
    void aRecordUnansweredForAWhileShowsAsAWaitInYellowUntilItsAnswer() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        s = machine.handle(s, new UiEvent.Produced(acked(Acks.ALL, 2, 41)), 3 * SECOND).state();
        s = machine.handle(s, new UiEvent.Producing(), 4 * SECOND).state();
        assertEquals(Backlight.GREEN, machine.render(s, "", 4 * SECOND + 200_000_000L).backlight(), "a usual answer takes ms");
        PlateFrame waiting = machine.render(s, "", 4 * SECOND + 500_000_000L);
        assertEquals(Backlight.YELLOW, waiting.backlight());
        assertEquals("no answer  500ms", waiting.bottom());
        s = machine.handle(s, new UiEvent.Produced(new ProduceOutcome(8, Instant.EPOCH, Acks.ALL, "t", Optional.of(2), 0, -1,
                Duration.ofMillis(1000), Optional.of(new ProduceFailure.Timeout(Duration.ofMillis(1000), "Expiring")))),
                5 * SECOND).state();
        PlateFrame timedOut = machine.render(s, "", 5 * SECOND + 500_000_000L);
        assertEquals(Backlight.RED, timedOut.backlight(), "the answer ends the wait");
        assertEquals("Timeout 1.0s    ", timedOut.bottom());
    }

    @Test
    void aStoppedCircleSaysSoOnItsPagesUntilItsCountsComeAgain() {
        UiState s = machine.handle(connected(), new UiEvent.SetDemo(Demo.KAFKA), 0).state();
        s = machine.handle(s, new UiEvent.CircleSeen(new CircleCounts(10, 0, 3, 0, 1, 3, Optional.empty(), Optional.empty(), 0)),
                SECOND).state();
        s = machine.handle(s, new UiEvent.CircleStopped(Duration.ofSeconds(4)), 2 * SECOND).state();
        s = machine.handle(s, press(KeypadButton.RIGHT), 2 * SECOND).state();
        s = machine.handle(s, press(KeypadButton.RIGHT), 2 * SECOND).state();
        PlateFrame circle = machine.render(s, "", 3 * SECOND);
        assertEquals(List.of("circle stopped  ", "restart in    3s"), List.of(circle.top(), circle.bottom()));
        assertEquals(Backlight.YELLOW, circle.backlight());
        s = machine.handle(s, press(KeypadButton.RIGHT), 3 * SECOND).state();
        s = machine.handle(s, press(KeypadButton.RIGHT), 3 * SECOND).state();
        PlateFrame lost = machine.render(s, "", 3 * SECOND);
        assertEquals(List.of("lost acked     3", "circle stopped  "), List.of(lost.top(), lost.bottom()),
                "what it found so far, and that it is not watching now");
        s = machine.handle(s, new UiEvent.CircleSeen(new CircleCounts(10, 0, 3, 0, 1, 3, Optional.empty(), Optional.empty(), 7)),
                6 * SECOND).state();
        assertEquals("own   3 dup    0", machine.render(s, "", 6 * SECOND).bottom(), "running again: the counts");
    }
}
