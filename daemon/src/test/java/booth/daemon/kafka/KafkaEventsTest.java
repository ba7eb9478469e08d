package booth.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.daemon.config.BoothConfig;
import booth.model.ClockSync;
import booth.protocol.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What the daemon logs when Kafka stops delivering. Tried from outside with the broker frozen,
 * it said "Topic booth.outcomes not present in metadata", which sends staff looking for a
 * missing topic; it must say what is known: no broker answering at the address since when.
 */
class KafkaEventsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:30Z");
    private static final TimeoutException NO_METADATA = new TimeoutException("Topic booth.outcomes not present in metadata after 500 ms.");

    @Test
    void aTimeOutWhileNoBrokerAnswersIsSaidAsThat() {
        Instant last = NOW.minusSeconds(12);
        String clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(last);
        // frozen: the connection stays, nothing is heard
        assertEquals("no broker has answered at 127.0.3.1:9092 since " + clock,
                KafkaEvents.why(NO_METADATA, "127.0.3.1:9092", last, true, NOW));
        // killed: no connection left, however recent the last answer
        Instant justNow = NOW.minusMillis(600);
        assertEquals("no broker has answered at 127.0.3.1:9092 since "
                        + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(justNow),
                KafkaEvents.why(NO_METADATA, "127.0.3.1:9092", justNow, false, NOW));
    }

    @Test
    void kafkasOwnWordsWhenABrokerStillAnswers() {
        // a broker that answers while the topic is missing: Kafka's message is then the truth
        assertEquals(NO_METADATA.getMessage(), KafkaEvents.why(NO_METADATA, "127.0.3.1:9092", NOW.minusMillis(300), true, NOW));
        IllegalStateException other = new IllegalStateException("producer closed");
        assertEquals("producer closed", KafkaEvents.why(other, "127.0.3.1:9092", NOW.minusSeconds(60), false, NOW));
    }

    /**
     * A broker's name the booth's DNS does not answer yet: Kafka refuses to make a producer, which
     * ended the daemon ("cannot open the plate", exit 1, restarted every 2 s). The box runs on, and
     * the events wait and are counted as dropped (.invalid never resolves).
     */
    @Test
    void aBrokerNameThatDoesNotResolveStopsNothing() {
        KafkaEvents events = new KafkaEvents("box1", new BoothConfig.Kafka(true, "rpikafka1.invalid:9092",
                "booth.outcomes", "booth.health", Duration.ofHours(1), "booth.cluster"), () -> ClockSync.UNKNOWN);
        events.start();
        events.outcome("{\"v\":1}");
        events.outcome("{\"v\":1}");
        events.close();
        BoothEvents.Counts c = events.counts();
        assertEquals(List.of(2L, 0L, 2L), List.of(c.published(), c.delivered(), c.dropped()), c.toString());
    }
}
