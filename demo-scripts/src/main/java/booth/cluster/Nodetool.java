package booth.cluster;

import booth.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a node says about the cluster, asked as nodetool asks it, over the node's JMX port: its
 * gossip view, and the replicas of a partition. These are the cluster's own answers, not
 * computations of ours.
 */
final class Nodetool {
    private final LocalNodes nodes;
    private final CassandraRuntime.OnDemand runtime;

    Nodetool(LocalNodes nodes, CassandraRuntime.OnDemand runtime) {
        this.nodes = nodes;
        this.runtime = runtime;
    }

    /**
     * The gossip view of one node, read from its StorageService over JMX (what {@code nodetool
     * status} reads, without starting a nodetool JVM on every poll: during a cluster start those
     * JVMs competed with the starting nodes for the CPU): address to two-letter state ({@code UN}
     * up and normal, {@code DN} down, {@code UJ} joining ...). Empty when that node cannot be
     * asked within 15 s (not up yet, frozen).
     */
    Map<String, String> gossipView(Topology.Node via) throws ClusterException {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gossip-view");
            t.setDaemon(true); // a frozen node's JMX never answers: the thread is abandoned
            return t;
        });
        try {
            return one.submit(() -> GossipView.read(nodes.jmxPort(via))).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking " + via.name() + " for its gossip view", e);
        } finally {
            one.shutdownNow();
        }
    }

    /** The addresses of the replicas of one partition, as {@code nodetool getendpoints} of {@code via} reports them. */
    List<String> replicas(Topology.Node via, String keyspace, String table, String key) throws ClusterException {
        List<String> out = run(via, "getendpoints", keyspace, table, key)
                .orElseThrow(() -> new ClusterException("nodetool getendpoints on " + via.name() + " did not answer"));
        List<String> addresses = out.stream().map(String::strip).filter(l -> l.matches("[0-9.]+")).toList();
        if (addresses.isEmpty()) {
            throw new ClusterException("nodetool getendpoints " + keyspace + " " + table + " " + key + " on "
                    + via.name() + " named no replica: " + out);
        }
        return addresses;
    }

    /** The output lines of nodetool run against {@code via}; empty when it did not finish within 30 s. */
    private Optional<List<String>> run(Topology.Node via, String... args) throws ClusterException {
        Path out = nodes.nodeHome(via).resolve("nodetool.out");
        List<String> cmd = runtime.get().nodetoolCommand(nodes.jmxPort(via), args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(Files.readAllLines(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClusterException("cannot run nodetool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running nodetool", e);
        }
    }
}
