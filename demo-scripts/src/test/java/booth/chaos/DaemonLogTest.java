package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which of a box's log lines a chaos run explains, with the daemon starts the run writes into it. */
class DaemonLogTest {
    private static final String NOT_DELIVERING = "WARN  b.d.k.KafkaEvents - Kafka is not delivering events: no broker has "
            + "answered at 127.0.3.1:9092 since 22:22:16; dropping and counting them";
    private static final String DELIVERS = "INFO  b.d.k.KafkaEvents - Kafka: the first event is delivered";
    private static final String AGAIN = "INFO  b.d.k.KafkaEvents - Kafka delivers events again (3 dropped so far)";

    private static DaemonLog.Classified classify(String... lines) {
        return DaemonLog.classify(List.of(String.join("", lines).split(System.lineSeparator())));
    }

    private static String line(String l) {
        return l + System.lineSeparator();
    }

    /** A restart under libfaketime: Kafka's slow start is explained until Kafka first delivers, and only there. */
    @Test
    void kafkaSlowToStartIsExpectedOnlyUnderAFakedClockBeforeItFirstDelivered() {
        DaemonLog.Classified faked = classify(line("INFO  booth.daemon.Panel - LCD plate present"),
                DaemonLog.started(2, Optional.of("+10m")), line(NOT_DELIVERING), line(AGAIN), line(DELIVERS));
        assertEquals(Map.of(DaemonLog.SLOW_UNDER_FAKETIME.name(), 1), faked.expected());
        assertEquals(List.of(), faked.unexpected());
        // after Kafka delivered, the same line is a broker that stopped: unexpected
        assertEquals(List.of(NOT_DELIVERING), classify(DaemonLog.started(2, Optional.of("-10m")), line(DELIVERS),
                line(NOT_DELIVERING)).unexpected());
        // a daemon on the true clock has no excuse
        assertEquals(List.of(NOT_DELIVERING), classify(DaemonLog.started(1, Optional.empty()), line(NOT_DELIVERING)).unexpected());
        // nor the next daemon on the true clock, after a faked one
        assertEquals(List.of(NOT_DELIVERING), classify(DaemonLog.started(2, Optional.of("+10m")), line(DELIVERS),
                DaemonLog.started(3, Optional.empty()), line(NOT_DELIVERING)).unexpected());
    }

    /** The start line is an entry of its own: it never turns the warning before it into an unexpected stack. */
    @Test
    void theStartLineIsAnEntryOfItsOwn() {
        DaemonLog.Classified c = classify(line("WARN  b.d.c.NodeWatch - node DC1 r3 n1 (127.0.1.3:9042) stopped answering: "
                + "the driver keeps trying to reconnect"), DaemonLog.started(2, Optional.of("+10m")));
        assertEquals(Map.of("node stopped answering", 1), c.expected());
        assertEquals(List.of(), c.unexpected());
    }

    /**
     * A box restarted while its whole DC is frozen: the hour at 0425c2d logged these, the session
     * tried again and its control connection then named s1. Expected, as s0's are; a line of
     * another class that names s1 is still unexpected.
     */
    @Test
    void aSessionOpenedAgainUnderACutIsExpected() {
        String retried = "WARN  b.daemon.Connector - cannot open a session: query 'SELECT * FROM system.local' timed out "
                + "after PT2S; retrying";
        String moves = "WARN  c.d.o.d.i.c.c.ControlConnection - [s1] Error connecting to Node(endPoint=127.0.2.13/<unresolved>:9042, "
                + "hostId=null, hashCode=934532d), trying next node (DriverTimeoutException: [s1|control|id: 0x9f6ebb05, "
                + "L:/127.0.0.1:46584 - R:/127.0.2.13:9042] Protocol initialization request, step 1 (OPTIONS): timed out after 2000 ms)";
        String other = "WARN  c.d.o.d.i.p.ChannelPool - [s1|/127.0.2.13:9042] Error while opening new channel";
        DaemonLog.Classified c = classify(DaemonLog.started(2, Optional.empty()), line(moves), line(retried), line(moves),
                line(other));
        assertEquals(Map.of("control connection moves", 2, "session retried", 1), c.expected());
        assertEquals(List.of(other), c.unexpected());
    }

    /**
     * The hour at be9bc7b: a daemon started while DC1:r3 was being killed, and the driver's
     * re-prepare on that node met the reset connection. Expected for a cut's causes only: a
     * statement the node refuses is still unexpected.
     */
    @Test
    void aRePrepareCutShortByAKillIsExpectedAndNothingElseIs() {
        String reset = "WARN  c.d.o.d.i.c.c.CqlPrepareHandler - [Node(endPoint=127.0.1.31/<unresolved>:9042, "
                + "hostId=87cb5455-bde7-4679-a17b-33564b06f160, hashCode=549b3a85)] Error while repreparing on s0|454544221 "
                + "(IOException: Connection reset by peer)";
        String refused = "WARN  c.d.o.d.i.c.c.CqlPrepareHandler - [Node(endPoint=127.0.1.31/<unresolved>:9042, "
                + "hostId=87cb5455-bde7-4679-a17b-33564b06f160, hashCode=549b3a85)] Error while repreparing on s0|454544221 "
                + "(InvalidQueryException: unconfigured table outcomes)";
        DaemonLog.Classified c = classify(DaemonLog.started(2, Optional.of("-10m")), line(reset), line(refused));
        assertEquals(Map.of("re-prepare cut short", 1), c.expected());
        assertEquals(List.of(refused), c.unexpected());
    }
}
