package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** democtl tail's text form prints the outcome's one-line text: the numbers and the coordinator together. */
class TailCommandTest {
    @Test
    void theOutcomesTextAndForAnOlderDaemonTheLcdsRow() {
        assertEquals("Unavail 4/5 up at DC1 r1 n1", TailCommand.text(ControlProtocol.parse(
                "{\"kind\":\"unavailable\",\"screen\":[\"W:ALL\",\"at DC1 r1 n1    \"],\"text\":\"Unavail 4/5 up at DC1 r1 n1\"}")));
        // a daemon from before the text field: its LCD row, all there is
        assertEquals("at DC1 r1 n1", TailCommand.text(ControlProtocol.parse(
                "{\"kind\":\"unavailable\",\"screen\":[\"W:ALL\",\"at DC1 r1 n1    \"]}")));
    }

    @Test
    void aKafkaDemoRecordShowsItsAcksWhereAWriteShowsItsLevel() {
        assertEquals("acks=1", TailCommand.level(ControlProtocol.parse("{\"demo\":\"kafka\",\"acks\":\"1\",\"kind\":\"acked\"}")));
        assertEquals("ALL", TailCommand.level(ControlProtocol.parse("{\"write_level\":\"ALL\",\"kind\":\"written\"}")));
    }
}
