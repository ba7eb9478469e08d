package booth.cluster;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.FailureMapper;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code demo-scripts/local-cluster}: the command line of {@link LocalCluster}. */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "A real multi-DC, multi-rack Cassandra cluster on this machine's loopback addresses, from a topology "
                + "file: start and stop it, see it, and cut and restore DCs, racks and nodes as the booth's e-stop switches do.",
        subcommands = {LocalClusterCommand.Start.class, LocalClusterCommand.Stop.class, LocalClusterCommand.Status.class,
            LocalClusterCommand.EStop.class, LocalClusterCommand.Restore.class, HelpCommand.class})
@Exit(value = ExitCode.OK, when = "done")
@Exit(value = ExitCode.FAILED, when = "the operation failed (the message says why)")
@Exit(value = ExitCode.USAGE, when = "bad usage")
public final class LocalClusterCommand implements FailureMapper {
    public static final Program PROGRAM = Program.of(LocalClusterCommand::new).withManPage(
            new ManPage.Section("FILES",
                    new ManPage.Item("demo-scripts/topology/*.topology", "the topologies: ci (5 nodes), booth-laptop (9 nodes)"),
                    new ManPage.Item(".local-cluster/CLUSTER", "each node's configuration, data, logs and pid")),
            new ManPage.Section("SEE ALSO", ManPage.Item.text("booth-config(1), booth-screen(1)")));

    // Options of the whole command, accepted before or after the subcommand's name.
    @Option(names = "--topology", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "topology file (default demo-scripts/topology/ci.topology)")
    Path topologyFile;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "where nodes keep configuration, data and logs (default .local-cluster/<cluster name> in the repository)")
    Path home;

    @Option(names = "--repo", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "the repository (default: the current directory)")
    Path repo = Path.of(System.getProperty("booth.repo", "."));

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    LocalClusterCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public Optional<CommandFailure> failure(Exception e) {
        if (e instanceof TopologyException) {
            return Optional.of(new CommandFailure(ExitCode.FAILED, "topology: " + e.getMessage()));
        }
        return e instanceof ClusterException ? Optional.of(new CommandFailure(ExitCode.FAILED, e.getMessage())) : Optional.empty();
    }

    private LocalCluster cluster() throws TopologyException, ClusterException {
        Topology topology = TopologyFile.read(topologyFile != null ? topologyFile : repo.resolve("demo-scripts/topology/ci.topology"));
        Path dir = home != null ? home : repo.resolve(".local-cluster").resolve(topology.clusterName());
        return new LocalCluster(topology, dir, repo.resolve("demo-scripts/cassandra/pom.xml"), out::println);
    }

    private static Duration seconds(CommandSpec spec, String option, long seconds) {
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1 second");
        }
        return Duration.ofSeconds(seconds);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Launches every node and waits until all are up.")
    static final class Start implements Callable<ExitCode> {
        @ParentCommand
        LocalClusterCommand top;
        @Spec
        CommandSpec spec;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "how long to wait (default ${DEFAULT-VALUE} s)")
        long timeout;

        @Override
        public ExitCode call() throws Exception {
            Duration wait = seconds(spec, "--timeout", timeout);
            LocalCluster cluster = top.cluster();
            cluster.start(wait);
            top.printStatus(cluster, false);
            return ExitCode.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops every node: SIGTERM, then SIGKILL after the grace.")
    static final class Stop implements Callable<ExitCode> {
        @ParentCommand
        LocalClusterCommand top;
        @Spec
        CommandSpec spec;
        @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30", description = "the grace (default ${DEFAULT-VALUE} s)")
        long grace;

        @Override
        public ExitCode call() throws Exception {
            Duration wait = seconds(spec, "--grace", grace);
            top.cluster().stop(wait);
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each node: name, DC, rack, address, pid, state.")
    static final class Status implements Callable<ExitCode> {
        @ParentCommand
        LocalClusterCommand top;
        @Option(names = "--gossip", description = "adds what the first node up says of each in its gossip (via nodetool)")
        boolean gossip;

        @Override
        public ExitCode call() throws Exception {
            top.printStatus(top.cluster(), gossip);
            return ExitCode.OK;
        }
    }

    @Command(name = "estop", mixinStandardHelpOptions = true,
            description = "Cuts a DC (DC1), a rack (DC1:r2) or a node (rpidc1r2n1): freezes its processes (SIGSTOP), or kills them.")
    static final class EStop implements Callable<ExitCode> {
        @ParentCommand
        LocalClusterCommand top;
        @Option(names = "--kill", description = "kill the processes instead of freezing them")
        boolean kill;
        @Parameters(paramLabel = "TARGET", description = "a DC, a rack such as DC1:r2, or a node")
        String target;

        @Override
        public ExitCode call() throws Exception {
            top.cluster().estop(target, kill ? LocalCluster.EStop.KILL : LocalCluster.EStop.FREEZE);
            return ExitCode.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Powers TARGET back on and waits until it serves.")
    static final class Restore implements Callable<ExitCode> {
        @ParentCommand
        LocalClusterCommand top;
        @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = "all", description = "a DC, a rack or a node (default: ${DEFAULT-VALUE})")
        String target;

        @Override
        public ExitCode call() throws Exception {
            top.cluster().restore(target, Duration.ofSeconds(300));
            return ExitCode.OK;
        }
    }

    private void printStatus(LocalCluster cluster, boolean gossip) throws ClusterException {
        Map<String, String> view = Map.of();
        Topology.Node via = null;
        if (gossip) {
            for (LocalCluster.NodeStatus s : cluster.status()) {
                if (s.state() == LocalCluster.State.UP) {
                    via = s.node();
                    view = cluster.gossipView(via);
                    break;
                }
            }
        }
        out.printf("%-12s %-5s %-5s %-12s %-8s %-9s%s%n", "NODE", "DC", "RACK", "ADDRESS", "PID", "STATE",
                gossip ? " GOSSIP" + (via == null ? " (no node up to ask)" : " (as " + via.name() + " sees it)") : "");
        for (LocalCluster.NodeStatus s : cluster.status()) {
            Topology.Node n = s.node();
            String address = n.address().getHostAddress();
            out.printf("%-12s %-5s %-5s %-12s %-8s %-9s%s%n", n.name(), n.dc(), n.rack(), address,
                    s.pid() == 0 ? "-" : Long.toString(s.pid()), s.state().name().toLowerCase(),
                    gossip ? " " + view.getOrDefault(address, "?") : "");
        }
    }
}
