package booth.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cassandra's server runtime from Maven Central: the classpath of {@code org.apache.cassandra:cassandra-all}
 * as resolved by Maven from {@code demo-scripts/cassandra/pom.xml}, and the JVM options a node
 * needs to run from that bare jar on Java 17.
 */
public final class CassandraRuntime {
    static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    static final String NODETOOL_CLASS = "org.apache.cassandra.tools.NodeTool";

    /**
     * The module options of Cassandra's {@code conf/jvm17-server.options} (5.0): without them
     * Cassandra's use of JDK internals fails on Java 17.
     */
    private static final List<String> JAVA17_MODULE_OPTIONS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    /**
     * Sized for several nodes sharing 2 cores: C1 only, because start-up is CPU bound and C2
     * compilation nearly doubles it (measured: 22-25 s against 32 s for 5 nodes). The heap
     * comes from the node's {@link CassandraNodeConfig.Profile}.
     */
    private static final List<String> SMALL_MACHINE_OPTIONS = List.of(
            "-Xss256k", "-XX:TieredStopAtLevel=1",
            "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=300", "-XX:+ParallelRefProcEnabled",
            "-Djava.net.preferIPv4Stack=true");

    private final String java;
    private final String classpath;

    private CassandraRuntime(String java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    /**
     * Resolves the runtime, asking Maven only when the cached classpath is stale.
     *
     * @param runtimePom {@code demo-scripts/cassandra/pom.xml}
     * @param cache      file to keep the resolved classpath in
     */
    public static CassandraRuntime resolve(Path runtimePom, Path cache, Consumer<String> report)
            throws ClusterException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new CassandraRuntime(java, MavenClasspath.resolve(runtimePom, cache, "Cassandra's runtime", report));
    }

    /**
     * The runtime, resolved when first needed: a launcher whose nodes all run already never
     * asks Maven. Not thread-safe: one launcher operation at a time uses it.
     */
    static final class OnDemand {
        private final Path runtimePom;
        private final Path cache;
        private final Consumer<String> report;
        private CassandraRuntime resolved;

        /** As {@link CassandraRuntime#resolve}, on first use. */
        OnDemand(Path runtimePom, Path cache, Consumer<String> report) {
            this.runtimePom = runtimePom;
            this.cache = cache;
            this.report = report;
        }

        CassandraRuntime get() throws ClusterException {
            if (resolved == null) {
                resolved = resolve(runtimePom, cache, report);
            }
            return resolved;
        }
    }

    /** The command that runs one node; {@code marker} makes the process recognisable in /proc. */
    List<String> nodeCommand(CassandraNodeConfig.Profile profile, Path conf, Path logDir, int jmxPort, String marker) {
        Path home = profile.dataRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xms" + profile.heap());
        cmd.add("-Xmx" + profile.heap());
        cmd.addAll(SMALL_MACHINE_OPTIONS);
        cmd.addAll(JAVA17_MODULE_OPTIONS);
        cmd.add(marker);
        cmd.add("-Dcassandra.config=file://" + conf.resolve("cassandra.yaml"));
        cmd.add("-Dcassandra-rackdc.properties=file://" + conf.resolve("cassandra-rackdc.properties"));
        cmd.add("-Dlogback.configurationFile=file://" + conf.resolve("logback.xml"));
        cmd.add("-Dcassandra.logdir=" + logDir);
        cmd.add("-Dcassandra.storagedir=" + home);
        cmd.add("-Dcassandra.jmx.local.port=" + jmxPort);
        cmd.add("-Dcassandra-foreground=yes");
        // Nodes start together and form the ring from their initial tokens: no need to
        // wait for gossip to settle, and a short ring delay.
        cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        cmd.add("-Dcassandra.ring_delay_ms=5000");
        // Each node otherwise measures a memtable row's heap overhead at start by building rows
        // in a loop (SkipListMemtable.estimateRowOverhead): 6-7 s of CPU per node with five
        // starting on two cores. 180 bytes is what that loop measures on this JVM (the nodes
        // log "Estimated SkipListMemtable row overhead: 180"); it only sizes memtable accounting.
        cmd.add("-Dcassandra.memtable.row_overhead_size=180");
        // 0 would retry the default role set-up in a tight loop (tens of thousands of log lines).
        cmd.add("-Dcassandra.superuser_setup_delay_ms=2000");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(DAEMON_CLASS);
        return cmd;
    }

    /** The command that asks a node's JMX for {@code nodetool status}. */
    List<String> nodetoolCommand(int jmxPort, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx128m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(JAVA17_MODULE_OPTIONS);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(NODETOOL_CLASS);
        cmd.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(jmxPort)));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
