package booth.cluster;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.Program;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo-scripts/booth-runbook check}: asks every node of the topology, itself, which DC
 * and rack it is in, and compares with the topology file.
 */
@Command(name = "booth-runbook check", mixinStandardHelpOptions = true,
        description = "Asks every node of the topology, itself, which DC and rack it is in, and compares with the topology file.")
@Exit(value = ExitCode.OK, when = "every node answers with the expected DC and rack")
@Exit(value = ExitCode.FAILED, when = "a node does not (the table says which), the topology file does not read, or the "
        + "cluster cannot be reached")
@Exit(value = ExitCode.USAGE, when = "bad usage")
public final class ClusterCheck implements Callable<ExitCode> {
    public static final Program PROGRAM = Program.of(ClusterCheck::new);

    @Option(names = "--topology", paramLabel = "FILE", required = true, description = "the booth's topology file")
    Path topologyFile;

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    ClusterCheck(PrintStream out, PrintStream err) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws CommandFailure {
        Topology t;
        try {
            t = TopologyFile.read(topologyFile);
        } catch (TopologyException e) {
            throw new CommandFailure(ExitCode.FAILED, "topology: " + e.getMessage());
        }
        Map<InetSocketAddress, Optional<String>> answers;
        try {
            answers = NodeSurvey.ask(t.nodes().stream().map(n -> new InetSocketAddress(n.address(), 9042)).toList(),
                    t.dcs().get(0));
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot reach the cluster: " + e.getMessage());
        }
        int bad = 0;
        out.printf("%-12s %-12s %-8s %-8s %s%n", "NODE", "ADDRESS", "EXPECTED", "REPORTED", "RESULT");
        for (Topology.Node n : t.nodes()) {
            Optional<String> reported = answers.getOrDefault(new InetSocketAddress(n.address(), 9042), Optional.empty());
            boolean ok = reported.map(n.rackId()::equals).orElse(false);
            bad += ok ? 0 : 1;
            out.printf("%-12s %-12s %-8s %-8s %s%n", n.name(), n.address().getHostAddress(), n.rackId(),
                    reported.orElse("-"), ok ? "ok" : reported.isEmpty() ? "NO ANSWER (powered? cabled? cassandra running?)"
                            : "WRONG DC/RACK (check its cassandra-rackdc.properties)");
        }
        out.println(bad == 0 ? "all " + t.nodes().size() + " nodes answer with the expected DC and rack"
                : bad + " of " + t.nodes().size() + " nodes need attention");
        return bad == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
