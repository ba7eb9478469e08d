package booth.chaos;

import booth.cluster.ClusterException;
import booth.cluster.LocalCluster;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * {@code demo-scripts/chaos}: a chaos soak of the booth with its truth checker.
 * Exit status: 0 no lie, stall or unexpected log line; 1 some; 2 bad usage; 70 the run could
 * not be carried out (the cluster or a daemon would not start; the message says why).
 */
public final class ChaosCommand {
    static final int PASS = 0;
    static final int FAIL = 1;
    static final int USAGE = 2;
    static final int BROKEN = 70;

    static final String USAGE_TEXT = """
            usage: chaos [--topology FILE] [--minutes N] [--seed S] [--out DIR] [--home DIR]
            Starts the local cluster of the topology (or uses the one running), runs the real daemon
            for each client of the topology file (headless), and for N minutes cuts and restores
            racks, DCs, nodes and pairs of racks (frozen or killed, 5 to 90 s), spins the write and
            read levels, pauses and resets through the control sockets. Then checks every outcome
            against what the cluster really was (power, and each node's gossip) and reports lies,
            stalls, unexpected log lines, time to truth, stale reads by level pair and memory.
              --topology FILE   default demo-scripts/topology/ci.topology
                                (the booth: demo-scripts/topology/booth-laptop.topology)
              --minutes N       how long to run the schedule (default 5)
              --seed S          the schedule's seed, to replay a run (default: drawn, and printed)
              --out DIR         configurations, outcome streams, daemon logs, journal.jsonl and
                                report.json (default target/chaos/<cluster>-<seed>)
              --home DIR        the local cluster's directory (default .local-cluster/<cluster>)
            Exit status: 0 no lie, no stall, no unexpected log line; 1 otherwise; 2 bad usage;
            70 the run could not be carried out. A cluster this command started is stopped at the end.
            """;

    private ChaosCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path repo = Path.of(System.getProperty("booth.repo", "."));
        Path topologyFile = repo.resolve("demo-scripts/topology/ci.topology");
        Path outDir = null;
        Path home = null;
        long minutes = 5;
        long seed = new Random().nextInt(1_000_000);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--topology" -> topologyFile = Path.of(value(args, ++i));
                    case "--minutes" -> minutes = positive(args, ++i);
                    case "--seed" -> seed = number(args, ++i);
                    case "--out" -> outDir = Path.of(value(args, ++i));
                    case "--home" -> home = Path.of(value(args, ++i));
                    case "-h", "--help" -> {
                        out.print(USAGE_TEXT);
                        return PASS;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("chaos: " + e.getMessage() + " (see chaos --help)");
            return USAGE;
        }
        Topology topology;
        try {
            topology = TopologyFile.read(topologyFile);
        } catch (TopologyException e) {
            err.println("chaos: " + e.getMessage());
            return USAGE;
        }
        if (topology.clients().isEmpty()) {
            err.println("chaos: " + topologyFile + " names no client: the run needs at least one (a 'client' line)");
            return USAGE;
        }
        home = home != null ? home : repo.resolve(".local-cluster").resolve(topology.clusterName());
        outDir = outDir != null ? outDir : repo.resolve("target/chaos").resolve(topology.clusterName() + "-" + seed);
        Path jar = repo.resolve("target/booth.jar");
        if (!Files.exists(jar)) {
            err.println("chaos: " + jar + " is missing: build it with mvn -B -DskipTests package");
            return BROKEN;
        }
        try {
            LocalCluster cluster = new LocalCluster(topology, home, repo.resolve("demo-scripts/cassandra/pom.xml"),
                    line -> out.println("[cluster] " + line));
            boolean startedHere = cluster.status().stream().noneMatch(s -> s.pid() != 0);
            Thread stopper = new Thread(() -> stopQuietly(cluster, err), "chaos-cluster-stop");
            if (startedHere) {
                Runtime.getRuntime().addShutdownHook(stopper);
            } else {
                out.println("a local cluster is already running under " + home + ": using it, and leaving it running");
            }
            try {
                cluster.start(Duration.ofMinutes(5));
                ChaosReport report = ChaosRun.run(new ChaosRun.Settings(topology, topologyFile, jar,
                        Duration.ofMinutes(minutes), seed, outDir), cluster, out::println);
                out.print(report.summary());
                out.println("report: " + outDir.resolve("report.json"));
                return report.pass() ? PASS : FAIL;
            } finally {
                if (startedHere) {
                    stopQuietly(cluster, err);
                    try {
                        Runtime.getRuntime().removeShutdownHook(stopper);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook stops the cluster
                    }
                }
            }
        } catch (ClusterException | IOException e) {
            err.println("chaos: " + e.getMessage());
            return BROKEN;
        }
    }

    private static void stopQuietly(LocalCluster cluster, PrintStream err) {
        try {
            cluster.stop(Duration.ofSeconds(30));
        } catch (ClusterException | RuntimeException e) {
            err.println("chaos: could not stop the cluster: " + e.getMessage());
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i) {
        String v = value(args, i);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " needs a whole number, not '" + v + "'");
        }
    }

    private static long positive(String[] args, int i) {
        long n = number(args, i);
        if (n < 1) {
            throw new IllegalArgumentException(args[i - 1] + " must be at least 1, not " + n);
        }
        return n;
    }
}
