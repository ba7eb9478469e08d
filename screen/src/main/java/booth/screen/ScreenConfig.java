package booth.screen;

import booth.model.HostPort;
import booth.protocol.config.ConfigException;
import booth.protocol.config.ConfigFiles;
import booth.protocol.config.SettingReader;
import booth.protocol.kafka.KafkaClients;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * booth-screen's configuration, HOCON like the daemon's: a {@code screen { ... }} block of
 * {@link ScreenSetting}s. Every problem is a {@link ConfigException} naming the key.
 *
 * @param listen       where the page is served
 * @param topics       outcome, health and cluster topics, in that order
 * @param silentAfter  no event for this long: silent
 * @param topologyFile the booth's nodes, drawn from the start
 */
public record ScreenConfig(InetSocketAddress listen, String bootstrapServers, List<String> topics, Duration history,
                           Duration silentAfter, Optional<Path> topologyFile) {

    public String outcomeTopic() {
        return topics.get(0);
    }

    public String healthTopic() {
        return topics.get(1);
    }

    public String clusterTopic() {
        return topics.get(2);
    }

    public static ScreenConfig load(Path file) throws ConfigException {
        return parse(ConfigFiles.read(file), file.toString());
    }

    /** Parses configuration text; {@code origin} names it in messages. */
    public static ScreenConfig parse(String text, String origin) throws ConfigException {
        SettingReader r = ConfigFiles.reader(text, origin, ScreenSetting.values());
        String topology = r.string(ScreenSetting.TOPOLOGY_FILE);
        return new ScreenConfig(r.listenAddress(ScreenSetting.LISTEN), HostPort.commaSeparated(r.hostPorts(ScreenSetting.KAFKA_BOOTSTRAP, KafkaClients.DEFAULT_BROKERS)),
                List.of(r.topic(ScreenSetting.KAFKA_OUTCOME_TOPIC), r.topic(ScreenSetting.KAFKA_HEALTH_TOPIC),
                        r.topic(ScreenSetting.KAFKA_CLUSTER_TOPIC)),
                r.duration(ScreenSetting.HISTORY, Duration.ZERO, Duration.ofHours(1)),
                r.duration(ScreenSetting.SILENT_AFTER, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                topology.isEmpty() ? Optional.empty() : Optional.of(Path.of(topology)));
    }

    /** The documented keys, as the README lists them. */
    public static String table() {
        return ConfigFiles.table(ScreenSetting.values());
    }
}
