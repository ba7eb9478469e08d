package booth.chaos;

import booth.cluster.ClusterException;
import booth.cluster.LocalCluster;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.FailureMapper;
import booth.protocol.command.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo-scripts/chaos}: a chaos soak of the booth with its truth checker. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Starts the local cluster of the topology (or uses the one running), runs the real daemon for each "
                + "client of the topology file (headless), and for N minutes cuts and restores racks, DCs, nodes and pairs "
                + "of racks (frozen or killed, 5 to 90 s), spins the write and read levels, pauses and resets through the "
                + "control sockets, floods a box's control socket and (with --kafka) writes poison to the events topics. "
                + "Then checks every outcome against what the cluster really was (power, and each node's gossip), and "
                + "what the booth screen made of the poison, and reports lies, stalls, unexpected log lines, time to truth, stale reads by level pair and memory.",
            "A cluster this command started is stopped at the end."})
@Exit(value = ExitCode.OK, when = "no lie, no stall, no unexpected log line")
@Exit(value = ExitCode.FAILED, when = "some lie, stall or unexpected log line")
@Exit(value = ExitCode.USAGE, when = "bad usage, or a topology file that does not read or names no client")
@Exit(value = ExitCode.SOFTWARE, when = "the run could not be carried out (the jar is missing, the cluster or a daemon would not start)")
public final class ChaosCommand implements Callable<ExitCode>, FailureMapper {
    public static final Program PROGRAM = Program.of(ChaosCommand::new);

    private final Path repo = Path.of(System.getProperty("booth.repo", "."));

    @Option(names = "--topology", paramLabel = "FILE",
            description = "default demo-scripts/topology/ci.topology (the booth: demo-scripts/topology/booth-laptop.topology)")
    Path topologyFile = repo.resolve("demo-scripts/topology/ci.topology");

    @Option(names = "--minutes", paramLabel = "N", description = "how long to run the schedule (default ${DEFAULT-VALUE})")
    long minutes = 5;

    @Option(names = "--seed", paramLabel = "S", description = "the schedule's seed, to replay a run (default: drawn, and printed)")
    long seed = new Random().nextInt(1_000_000);

    @Option(names = "--out", paramLabel = "DIR", description = "configurations, outcome streams, daemon logs, journal.jsonl and "
            + "report.json (default target/chaos/<cluster>-<seed>)")
    Path outDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "a Kafka broker (demo-scripts/local-kafka start): the boxes "
            + "publish their events to topics of the run's own, a booth screen reads them, and the schedule's poison is "
            + "written to them and judged (default: no Kafka, the poison not run)")
    String kafka;

    @Option(names = "--home", paramLabel = "DIR", description = "the local cluster's directory (default .local-cluster/<cluster>)")
    Path home;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    ChaosCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    /** What keeps the run from being carried out: the cluster, a daemon or a file. */
    @Override
    public Optional<CommandFailure> failure(Exception e) {
        return e instanceof ClusterException || e instanceof IOException
                ? Optional.of(new CommandFailure(ExitCode.SOFTWARE, e.getMessage())) : Optional.empty();
    }

    @Override
    public ExitCode call() throws CommandFailure, ClusterException, IOException {
        if (minutes < 1) {
            throw new ParameterException(spec.commandLine(), "--minutes must be at least 1, not " + minutes);
        }
        Topology topology;
        try {
            topology = TopologyFile.read(topologyFile);
        } catch (TopologyException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (topology.clients().isEmpty()) {
            throw new ParameterException(spec.commandLine(), topologyFile + " names no client: the run needs at least one (a 'client' line)");
        }
        Path clusterHome = home != null ? home : repo.resolve(".local-cluster").resolve(topology.clusterName());
        // absolute: each daemon runs in it, and reads its configuration by this path
        Path runDir = (outDir != null ? outDir : repo.resolve("target/chaos").resolve(topology.clusterName() + "-" + seed))
                .toAbsolutePath();
        Path jar = repo.resolve("target/booth.jar");
        if (!Files.exists(jar)) {
            throw new CommandFailure(ExitCode.SOFTWARE, jar + " is missing: build it with mvn -B -DskipTests package");
        }
        LocalCluster cluster = new LocalCluster(topology, clusterHome, repo.resolve("demo-scripts/cassandra/pom.xml"),
                line -> out.println("[cluster] " + line));
        boolean startedHere = cluster.status().stream().noneMatch(s -> s.pid() != 0);
        Thread stopper = new Thread(() -> stopQuietly(cluster, err), "chaos-cluster-stop");
        if (startedHere) {
            Runtime.getRuntime().addShutdownHook(stopper);
        } else {
            out.println("a local cluster is already running under " + clusterHome + ": using it, and leaving it running");
        }
        try {
            cluster.start(Duration.ofMinutes(5));
            ChaosReport report = ChaosRun.run(new ChaosRun.Settings(topology, topologyFile, jar,
                    Duration.ofMinutes(minutes), seed, runDir, Optional.ofNullable(kafka)), cluster, out::println);
            out.print(report.summary());
            out.println("report: " + runDir.resolve("report.json"));
            return report.pass() ? ExitCode.OK : ExitCode.FAILED;
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
    }

    private static void stopQuietly(LocalCluster cluster, PrintStream err) {
        try {
            cluster.stop(Duration.ofSeconds(30));
        } catch (ClusterException | RuntimeException e) {
            err.println("chaos: could not stop the cluster: " + e.getMessage());
        }
    }
}
