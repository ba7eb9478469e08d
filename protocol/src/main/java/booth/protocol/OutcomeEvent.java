package booth.protocol;

import java.time.Instant;

/**
 * An outcome event: a client's outcome line with its type and name added after {@code v}
 * ({@link OutcomeJson.Encoded#eventLine}).
 */
public record OutcomeEvent(String client, OutcomeLine outcome) implements BoothEvent {
    static final String TYPE = "outcome";

    @Override
    public Instant at() {
        return outcome.at();
    }
}
