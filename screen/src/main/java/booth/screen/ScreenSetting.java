package booth.screen;

import booth.protocol.config.ConfigKey;
import booth.protocol.kafka.KafkaClients;
/** Every key of booth-screen's {@code screen { ... }} block; the README's table is this list. */
public enum ScreenSetting implements ConfigKey {
    LISTEN("listen", "host:port", "\"127.0.0.1:8080\"", "where the page and its event stream are served (loopback unless you mean the booth's network to see it; port 0: any free port, the URL is printed)"),
    KAFKA_BOOTSTRAP("kafka.bootstrap-servers", "host:port list", "\"" + KafkaClients.DEFAULT_BROKERS + "\"", "Kafka brokers; names are looked up when the stream is opened and at each connection"),
    KAFKA_OUTCOME_TOPIC("kafka.outcome-topic", "string", KafkaClients.DEFAULT_OUTCOME_TOPIC, "the clients' write outcome events"),
    KAFKA_HEALTH_TOPIC("kafka.health-topic", "string", KafkaClients.DEFAULT_HEALTH_TOPIC, "the clients' health events"),
    KAFKA_CLUSTER_TOPIC("kafka.cluster-topic", "string", KafkaClients.DEFAULT_CLUSTER_TOPIC, "the clients' driver views of the cluster"),
    HISTORY("history", "duration", "1m", "at start, read the events of this last stretch (no consumer group, nothing committed)"),
    SILENT_AFTER("silent-after", "duration", "3s", "a client, or the whole stream, with no event for this long is shown as silent, never as live"),
    TOPOLOGY_FILE("topology-file", "path", "\"\"", "the booth's topology file: every node drawn from the start, named as the clients name it; empty: the nodes the clients report");

    private final Spec spec;

    ScreenSetting(String key, String type, String defaultValue, String doc) {
        this.spec = new Spec(key, type, defaultValue, doc);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public String block() {
        return "screen";
    }
}
