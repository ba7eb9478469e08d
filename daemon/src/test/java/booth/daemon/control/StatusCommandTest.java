package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.protocol.Wire;
import org.junit.jupiter.api.Test;

/** democtl's one line of a failure's numbers: Cassandra's numbers, never one known not to be a count. */
class StatusCommandTest {
    @Test
    void numbersOfEachFailure() {
        assertEquals(": 5 required, 4 alive", StatusCommand.numbers(Wire.parseObject(
                "{\"kind\":\"unavailable\",\"level\":\"ALL\",\"required\":5,\"alive\":4,\"alive_known\":true}")));
        // EACH_QUORUM: Cassandra 5.0 reports alive 0 whatever is up
        assertEquals(": a DC has fewer than 2 replicas up", StatusCommand.numbers(Wire.parseObject(
                "{\"kind\":\"unavailable\",\"level\":\"EACH_QUORUM\",\"required\":2,\"alive\":0,\"alive_known\":false}")));
        assertEquals(": HeartbeatException", StatusCommand.numbers(Wire.parseObject(
                "{\"kind\":\"connection_lost\",\"cause\":\"HeartbeatException\"}")));
        assertEquals(": 4 of 5 answered", StatusCommand.numbers(Wire.parseObject(
                "{\"kind\":\"write_timeout\",\"received\":4,\"block_for\":5}")));
    }
}
