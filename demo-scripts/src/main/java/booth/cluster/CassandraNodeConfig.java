package booth.cluster;

import booth.model.Topology;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration files of one Cassandra node, generated from the topology: what differs
 * per node (addresses, seeds, DC and rack, token) and the demo's timing settings.
 *
 * <p>Nodes start together rather than one by one: {@code auto_bootstrap: false} with one token
 * per node, placed evenly around the ring within each DC and offset a little per DC (as the
 * ccm tool does), so no node has to stream data from another before it serves.
 */
public final class CassandraNodeConfig {
    /** Gossip (internode) port; every node has its own address, so all share it. */
    public static final int STORAGE_PORT = 7000;
    /** CQL native protocol port. */
    public static final int NATIVE_PORT = 9042;

    private static final BigInteger RING_START = BigInteger.ONE.shiftLeft(63).negate();
    private static final BigInteger RING_SIZE = BigInteger.ONE.shiftLeft(64);

    private CassandraNodeConfig() {
    }

    /**
     * What differs between a node on a laptop and a node of the booth, besides its addresses.
     *
     * @param dataRoot         where data, commit log, hints and caches live
     * @param concurrency      concurrent reads and writes (Cassandra's rule of thumb: 16 per
     *                         disk and per core, far too many for a shared laptop or a Pi)
     * @param keyCache         key cache size, with its unit
     * @param heap             JVM heap, for -Xms and -Xmx
     */
    public record Profile(Path dataRoot, int concurrency, String keyCache, String heap) {
        /** Several nodes sharing 2 cores and a laptop's memory. */
        public static Profile laptop(Path home) {
            return new Profile(home, 4, "8MiB", "256m");
        }

        /** A Raspberry Pi 4 (4 GB) with its data on the SD card or a USB SSD. */
        public static final Profile RASPBERRY_PI = new Profile(Path.of("/var/lib/cassandra"), 8, "32MiB", "1G");
    }

    /** The token of {@code node}: evenly spaced within its DC, each DC shifted by 100. */
    public static BigInteger initialToken(Topology topology, Topology.Node node) {
        List<Topology.Node> inDc = topology.nodesIn(node.dc());
        int index = inDc.indexOf(node);
        int dcIndex = topology.dcs().indexOf(node.dc());
        return RING_START
                .add(RING_SIZE.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(inDc.size())))
                .add(BigInteger.valueOf(100L * dcIndex));
    }

    /** {@code cassandra-rackdc.properties}, read by GossipingPropertyFileSnitch. */
    public static String rackDcProperties(Topology.Node node) {
        return "# generated from the topology file for " + node.name() + "\n"
                + "dc=" + node.dc() + "\n"
                + "rack=" + node.rack() + "\n";
    }

    /**
     * {@code cassandra.yaml} for a node whose directories live under {@code home}.
     *
     * <p>The timing settings are the demo's: the coordinator's write timeout (500 ms) is below
     * the client's request timeout (about 1 s) so a visitor sees Cassandra's own
     * WriteTimeoutException rather than a client-side time-out, and phi 5 (the lowest value
     * Cassandra accepts) convicts a powered-off node in about 11-15 s instead of about 20 s.
     */
    public static String cassandraYaml(Topology topology, Topology.Node node, Profile profile) {
        Path home = profile.dataRoot();
        String seeds = topology.seeds().stream()
                .map(s -> s.address().getHostAddress() + ":" + STORAGE_PORT)
                .collect(Collectors.joining(","));
        String addr = node.address().getHostAddress();
        return """
                # generated from the topology file for %s (%s, rack %s); edits are overwritten
                cluster_name: '%s'
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: GossipingPropertyFileSnitch
                num_tokens: 1
                initial_token: %s
                auto_bootstrap: false
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%s"
                listen_address: %s
                rpc_address: %s
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true

                data_file_directories:
                  - %s
                commitlog_directory: %s
                hints_directory: %s
                saved_caches_directory: %s
                cdc_raw_directory: %s
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 8MiB

                # small machines: a Pi's 4 cores, or 2 cores shared by every node of a laptop
                concurrent_reads: %d
                concurrent_writes: %d
                concurrent_counter_writes: %d
                concurrent_materialized_view_writes: %d
                concurrent_compactors: 1
                key_cache_size: %s
                counter_cache_size: 0MiB
                auto_snapshot: false

                # demo timing: Cassandra answers before the client gives up (about 1 s)
                write_request_timeout: 500ms
                read_request_timeout: 500ms
                range_request_timeout: 1000ms
                counter_write_request_timeout: 1000ms
                truncate_request_timeout: 10000ms
                request_timeout: 2000ms
                phi_convict_threshold: 5
                """.formatted(node.name(), node.dc(), node.rack(),
                topology.clusterName(), initialToken(topology, node), seeds, addr, addr,
                STORAGE_PORT, NATIVE_PORT,
                home.resolve("data"), home.resolve("commitlog"), home.resolve("hints"),
                home.resolve("saved_caches"), home.resolve("cdc_raw"),
                profile.concurrency(), profile.concurrency(), profile.concurrency(), profile.concurrency(), profile.keyCache());
    }

    /** Logback configuration: {@code system.log} in {@code logDir}, bounded to 3 x 10 MB. */
    public static String logbackXml(Path logDir) {
        String log = logDir.resolve("system.log").toString();
        return """
                <configuration scan="false">
                  <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                    <file>%s</file>
                    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
                      <fileNamePattern>%s.%%i</fileNamePattern>
                      <minIndex>1</minIndex>
                      <maxIndex>2</maxIndex>
                    </rollingPolicy>
                    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
                      <maxFileSize>10MB</maxFileSize>
                    </triggeringPolicy>
                    <encoder>
                      <pattern>%%-5level [%%thread] %%date{ISO8601} %%F:%%L - %%msg%%n</pattern>
                    </encoder>
                  </appender>
                  <root level="INFO">
                    <appender-ref ref="FILE"/>
                  </root>
                </configuration>
                """.formatted(log, log);
    }
}
