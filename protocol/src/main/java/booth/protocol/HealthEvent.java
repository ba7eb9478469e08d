package booth.protocol;

import booth.model.Health;
import java.time.Instant;

/**
 * A client Pi's health event ({@link HealthJson}).
 *
 * @param at        when the readings were taken
 * @param published events handed to the sender
 * @param delivered events the brokers acknowledged
 * @param dropped   events given up
 */
public record HealthEvent(String client, Instant at, Health health, long published, long delivered, long dropped)
        implements BoothEvent {
    static final String TYPE = "health";
}
