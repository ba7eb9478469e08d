package booth.model;

/** Which demo a client box runs: Cassandra's consistency levels, or Kafka's acks. */
public enum Demo { CASSANDRA, KAFKA }
