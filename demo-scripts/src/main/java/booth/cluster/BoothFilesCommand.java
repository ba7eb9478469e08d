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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code demo-scripts/booth-config}: writes the booth's per-node, schema and client files from a
 * topology file, and lists machines in the order the runbook needs.
 */
@Command(name = "booth-config", mixinStandardHelpOptions = true,
        description = "The booth's files from its topology file: writes every node's and client's files and the schema, "
                + "and lists the machines in the order the runbook needs.",
        subcommands = {BoothFilesCommand.Generate.class, BoothFilesCommand.Nodes.class, BoothFilesCommand.Clients.class,
            BoothFilesCommand.Kafka.class, HelpCommand.class})
@Exit(value = ExitCode.OK, when = "done")
@Exit(value = ExitCode.FAILED, when = "a bad topology file (with the line), a file that cannot be written, or kafka asked of a "
        + "topology without Kafka lines")
@Exit(value = ExitCode.USAGE, when = "bad usage")
public final class BoothFilesCommand implements FailureMapper {
    public static final Program PROGRAM = Program.of(BoothFilesCommand::new).withManPage(
            new ManPage.Section("FILES",
                    new ManPage.Item("demo-scripts/topology/booth.topology", "the booth: its nodes, racks, clients and Kafka demo")),
            new ManPage.Section("SEE ALSO", ManPage.Item.text("local-cluster(1), booth-daemon(1)")));

    @Option(names = "--topology", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "the topology file (default demo-scripts/topology/booth.topology)")
    Path topologyFile = Path.of(System.getProperty("booth.repo", ".")).resolve("demo-scripts/topology/booth.topology");

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    BoothFilesCommand(PrintStream out, PrintStream err) {
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
        return e instanceof IOException ? Optional.of(new CommandFailure(ExitCode.FAILED, "cannot write: " + e.getMessage()))
                : Optional.empty();
    }

    private Topology topology() throws TopologyException {
        return TopologyFile.read(topologyFile);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes every node's and client's files under DIR.")
    static final class Generate implements Callable<ExitCode> {
        @ParentCommand
        BoothFilesCommand top;
        @Parameters(paramLabel = "DIR", description = "where the files go")
        Path dir;

        @Override
        public ExitCode call() throws TopologyException, IOException {
            List<Path> written = BoothFiles.write(top.topology(), top.topologyFile.getFileName().toString(), dir);
            written.forEach(p -> top.out.println("wrote " + p));
            return ExitCode.OK;
        }
    }

    @Command(name = "nodes", mixinStandardHelpOptions = true, description = "One line per node: name address dc rack seed|-")
    static final class Nodes implements Callable<ExitCode> {
        @ParentCommand
        BoothFilesCommand top;
        @ArgGroup(exclusive = true)
        Order order;

        static final class Order {
            @Option(names = "--seeds-first", required = true, description = "seeds before the other nodes")
            boolean first;
            @Option(names = "--seeds-last", required = true, description = "seeds after the other nodes")
            boolean last;
        }

        @Override
        public ExitCode call() throws TopologyException {
            List<Topology.Node> nodes = new ArrayList<>(top.topology().nodes());
            if (order != null) {
                boolean seedsLast = order.last;
                nodes.sort((a, b) -> Boolean.compare(a.seed() == seedsLast, b.seed() == seedsLast));
            }
            for (Topology.Node n : nodes) {
                top.out.println(n.name() + " " + n.address().getHostAddress() + " " + n.dc() + " " + n.rack() + " "
                        + (n.seed() ? "seed" : "-"));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "clients", mixinStandardHelpOptions = true, description = "One line per client: name address dc")
    static final class Clients implements Callable<ExitCode> {
        @ParentCommand
        BoothFilesCommand top;

        @Override
        public ExitCode call() throws TopologyException {
            for (Topology.Client c : top.topology().clients()) {
                top.out.println(c.name() + " " + (c.address() == null ? c.name() : c.address().getHostAddress()) + " " + c.localDc());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "kafka", mixinStandardHelpOptions = true,
            description = "The Kafka demo, controller first: controller|broker id address port host")
    static final class Kafka implements Callable<ExitCode> {
        @ParentCommand
        BoothFilesCommand top;

        @Override
        public ExitCode call() throws TopologyException, CommandFailure {
            Topology t = top.topology();
            if (t.kafka().isEmpty()) {
                throw new CommandFailure(ExitCode.FAILED, top.topologyFile.getFileName() + " has no kafka-broker and kafka-controller lines");
            }
            Topology.Kafka k = t.kafka().get();
            top.out.println("controller " + k.controllerId() + " " + k.controller().getHostAddress() + " "
                    + BoothFiles.KAFKA_CONTROLLER_PORT + " -");
            k.brokers().forEach((id, n) -> top.out.println("broker " + id + " " + n.address().getHostAddress() + " "
                    + BoothFiles.KAFKA_PORT + " " + n.name()));
            return ExitCode.OK;
        }
    }
}
