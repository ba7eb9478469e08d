package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.model.Failure;
import booth.model.Level;
import booth.protocol.OutcomeJson.ErrorFields;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** democtl's one line of a failure's numbers: Cassandra's numbers, never one known not to be a count. */
class StatusCommandTest {
    private static String numbers(Failure f) {
        return StatusCommand.numbers(Optional.of(ErrorFields.of(f)));
    }

    @Test
    void numbersOfEachFailure() {
        assertEquals(": 5 required, 4 alive", numbers(new Failure.Unavailable(Level.ALL, 5, 4)));
        // EACH_QUORUM: Cassandra 5.0 reports alive 0 whatever is up
        assertEquals(": a DC has fewer than 2 replicas up", numbers(new Failure.Unavailable(Level.EACH_QUORUM, 2, 0)));
        assertEquals(": HeartbeatException", numbers(new Failure.ConnectionLost("HeartbeatException")));
        assertEquals(": 4 of 5 answered", numbers(new Failure.WriteTimeout(Level.ALL, 4, 5, "SIMPLE")));
        assertEquals("", StatusCommand.numbers(Optional.empty()));
    }
}
