package booth.protocol;

import java.time.Instant;

/**
 * One event of the booth's topics, as its {@code type} tells it: a client's outcome
 * ({@code booth.outcomes}), health ({@code booth.health}) or driver's view of the cluster
 * ({@code booth.cluster}). {@link #decode} is the one place that tells them apart.
 */
public sealed interface BoothEvent permits OutcomeEvent, HealthEvent, ClusterEvent {
    /** The client's name (the record's key). */
    String client();

    /** When the client sent it (an outcome's when its write was sent). */
    Instant at();

    /**
     * Reads one event of any type.
     *
     * @throws IllegalArgumentException naming what is wrong: not one JSON object, another schema
     *                                  version, a type this reader does not know, a field missing
     *                                  or malformed; a {@link Rejection.Refused} when beyond the
     *                                  caps on a line from outside
     */
    static BoothEvent decode(String line) {
        Fields f = Fields.outside(line).versioned();
        String type = f.text("type");
        return switch (type) {
            case OutcomeEvent.TYPE -> new OutcomeEvent(f.text("client"), OutcomeJson.readEither(f));
            case HealthEvent.TYPE -> HealthJson.read(f);
            case ClusterEvent.TYPE -> ClusterJson.read(f);
            default -> throw new IllegalArgumentException("type is not outcome, health or cluster");
        };
    }
}
