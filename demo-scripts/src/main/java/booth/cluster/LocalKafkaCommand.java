package booth.cluster;

import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.FailureMapper;
import booth.protocol.command.Program;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code demo-scripts/local-kafka}: the command line of {@link LocalKafka}. */
@Command(name = "local-kafka", mixinStandardHelpOptions = true,
        description = {"Real Kafka brokers (KRaft) on this machine's loopback addresses, listening on 127.0.3.N:9092.",
            "Without --trio or --single: the trio when it is running (laptop-demo --kafka-demo starts it), else the single broker."},
        subcommands = {LocalKafkaCommand.Start.class, LocalKafkaCommand.Stop.class, LocalKafkaCommand.Status.class,
            LocalKafkaCommand.EStop.class, LocalKafkaCommand.Restore.class, HelpCommand.class})
@Exit(value = ExitCode.OK, when = "done")
@Exit(value = ExitCode.FAILED, when = "the operation failed (a broker would not start or stop; the message says why)")
@Exit(value = ExitCode.USAGE, when = "bad usage")
public final class LocalKafkaCommand implements FailureMapper {
    public static final Program PROGRAM = Program.of(LocalKafkaCommand::new);

    @ArgGroup(exclusive = true)
    Layout layout;

    static final class Layout {
        @Option(names = "--trio", required = true, description = "three brokers, replication factor 3, min.insync.replicas 2 "
                + "(NASA GCN's demo), and their controller on 127.0.3.10, which no e-stop cuts")
        boolean trio;
        @Option(names = "--single", required = true, description = "one broker, its own controller")
        boolean single;
    }

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    LocalKafkaCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public Optional<CommandFailure> failure(Exception e) {
        return e instanceof ClusterException ? Optional.of(new CommandFailure(ExitCode.FAILED, e.getMessage())) : Optional.empty();
    }

    /** The launcher of {@code layout}'s brokers, in the checkout's {@code .local-kafka}. */
    private static LocalKafka local(Path repo, LocalKafka.Layout layout, PrintStream out) {
        return new LocalKafka(layout, repo.resolve(".local-kafka").resolve(layout.name().toLowerCase()),
                repo.resolve("demo-scripts/kafka/pom.xml"), out::println);
    }

    private LocalKafka kafka() {
        Path repo = Path.of(System.getProperty("booth.repo", "."));
        LocalKafka.Layout chosen = layout == null
                ? local(repo, LocalKafka.Layout.TRIO, out).running() ? LocalKafka.Layout.TRIO : LocalKafka.Layout.SINGLE
                : layout.trio ? LocalKafka.Layout.TRIO : LocalKafka.Layout.SINGLE;
        return local(repo, chosen, out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts the broker(s) and waits for them.")
    static final class Start implements Callable<ExitCode> {
        @ParentCommand
        LocalKafkaCommand top;

        @Override
        public ExitCode call() throws ClusterException {
            top.kafka().start(Duration.ofMinutes(3));
            return ExitCode.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops them all together.")
    static final class Stop implements Callable<ExitCode> {
        @ParentCommand
        LocalKafkaCommand top;

        @Override
        public ExitCode call() throws ClusterException {
            top.kafka().stop(Duration.ofSeconds(30));
            return ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each broker: id, address, pid, state.")
    static final class Status implements Callable<ExitCode> {
        @ParentCommand
        LocalKafkaCommand top;

        @Override
        public ExitCode call() {
            top.out.printf("%-7s %-10s %-8s %s%n", "BROKER", "ADDRESS", "PID", "STATE");
            for (LocalKafka.BrokerStatus s : top.kafka().status()) {
                top.out.printf("%-7s %-10s %-8s %s%n", s.id() == LocalKafka.CONTROLLER_ID ? "ctrl" : s.id(), s.address(),
                        s.pid() == 0 ? "-" : s.pid(), s.state());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "estop", mixinStandardHelpOptions = true, description = "Freezes broker N (SIGSTOP), or kills it.")
    static final class EStop implements Callable<ExitCode> {
        @ParentCommand
        LocalKafkaCommand top;
        @Option(names = "--kill", description = "kill it instead of freezing it")
        boolean kill;
        @Parameters(paramLabel = "N", description = "the broker's number")
        int broker;

        @Override
        public ExitCode call() throws ClusterException {
            top.kafka().estop(broker, kill);
            return ExitCode.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Thaws or relaunches broker N.")
    static final class Restore implements Callable<ExitCode> {
        @ParentCommand
        LocalKafkaCommand top;
        @Parameters(paramLabel = "N", description = "the broker's number")
        int broker;

        @Override
        public ExitCode call() throws ClusterException {
            top.kafka().restore(broker, Duration.ofMinutes(2));
            return ExitCode.OK;
        }
    }
}
