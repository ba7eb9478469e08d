package booth.cluster;

import booth.protocol.kafka.KafkaClients;

/**
 * A Kafka (KRaft) process's server.properties, one way for the local launcher and the booth's
 * generated files: a broker (or a broker that is its own controller) and a controller alone.
 * Replication, min.insync.replicas and, for the demo's trio, the booth's failure detection.
 */
final class KafkaServerProperties {
    /**
     * The booth's failure detection, brokers and controller alike: a broker silent for 1.5 s is
     * fenced and its partitions get a new leader, and a follower 1.5 s behind leaves the in-sync
     * set, where Kafka's defaults (9 s and 30 s) leave acks=all without an answer for 13-14 s.
     * Heartbeats every 250 ms make the 1.5 s six missed beats, not one.
     */
    static final String BOOTH_TIMEOUTS = """
            broker.heartbeat.interval.ms=250
            broker.session.timeout.ms=1500
            replica.lag.time.max.ms=1500
            unclean.leader.election.enable=false
            """;

    private KafkaServerProperties() {
    }

    /**
     * A broker.
     *
     * @param roles         {@code broker}, or {@code broker,controller} for a single node
     * @param voters        controller.quorum.voters
     * @param listeners     listeners (PLAINTEXT, and CONTROLLER for a node that is its own controller)
     * @param advertised    host:port clients are told
     * @param boothTimeouts whether to detect failures at the booth's pace ({@link #BOOTH_TIMEOUTS})
     */
    static String broker(String header, int id, String roles, String voters, String listeners, String advertised,
                         String logDir, int replication, int minInsync, boolean boothTimeouts) {
        return """
                # %s
                process.roles=%s
                node.id=%d
                controller.quorum.voters=%s
                listeners=%s
                advertised.listeners=PLAINTEXT://%s
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=1
                auto.create.topics.enable=true
                default.replication.factor=%d
                min.insync.replicas=%d
                offsets.topic.replication.factor=%d
                transaction.state.log.replication.factor=%d
                transaction.state.log.min.isr=%d
                share.coordinator.state.topic.replication.factor=%d
                share.coordinator.state.topic.min.isr=%d
                group.initial.rebalance.delay.ms=0
                # the largest message of a topic created without its own max.message.bytes (the
                # events' topics, made by the daemon's producer): what the booth's consumers take
                message.max.bytes=%d
                """.formatted(header, roles, id, voters, listeners, advertised, logDir, replication, minInsync, replication,
                replication, minInsync, replication, minInsync, KafkaClients.MAX_MESSAGE_BYTES)
                + (boothTimeouts ? BOOTH_TIMEOUTS : "");
    }

    /** A controller alone, at {@code address:port}, the quorum's one voter. */
    static String controller(String header, int id, String address, int port, String logDir, int minInsync) {
        return """
                # %s
                process.roles=controller
                node.id=%d
                controller.quorum.voters=%d@%s:%d
                listeners=CONTROLLER://%s:%d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT
                log.dirs=%s
                # with eligible leader replicas (KIP-966) the controller's own value becomes the
                # cluster's default: without it here, every broker would use 1
                min.insync.replicas=%d
                """.formatted(header, id, id, address, port, address, port, logDir, minInsync) + BOOTH_TIMEOUTS;
    }
}
