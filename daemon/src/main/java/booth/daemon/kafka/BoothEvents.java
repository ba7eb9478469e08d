package booth.daemon.kafka;

/**
 * Where the daemon's events go (Kafka, when enabled): every write outcome and the Pi's health.
 * Implementations never block the caller and never grow without bound: what cannot be
 * delivered is dropped and counted.
 */
public interface BoothEvents extends AutoCloseable {
    /** Starts sending (threads of its own). */
    void start();

    /**
     * How it went so far.
     *
     * @param published         events handed over (outcomes and health)
     * @param delivered         events the brokers acknowledged
     * @param dropped           events given up: queue full, or not deliverable in time
     * @param queued            events waiting to be sent now
     * @param outcomesPublished outcome events handed over
     * @param outcomesDelivered outcome events acknowledged
     * @param outcomesDropped   outcome events given up
     */
    record Counts(long published, long delivered, long dropped, int queued, long outcomesPublished,
                  long outcomesDelivered, long outcomesDropped) {
    }

    /**
     * From {@link #start()} on, publishes the driver's view of the cluster on every change
     * (looked at twice a second) and every {@link #CLUSTER_EVERY} in any case; an empty view (not
     * connected yet) is not published. Call before {@link #start()}.
     */
    void clusterView(java.util.function.Supplier<java.util.Optional<booth.model.ClusterView>> view);

    /** A cluster view is published at least this often, so a screen started later has it soon. */
    java.time.Duration CLUSTER_EVERY = java.time.Duration.ofSeconds(10);

    /** Queues one outcome event (the outcome stream's JSON, with the client's name); never blocks. */
    void outcome(String eventJson);

    Counts counts();

    /** Sends what it can within a few seconds, then gives the rest up (counted as dropped). */
    @Override
    void close();
}
