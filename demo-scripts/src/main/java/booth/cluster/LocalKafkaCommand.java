package booth.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code demo-scripts/local-kafka}: the command line of {@link LocalKafka}.
 * Exit status: 0 done, 1 the operation failed, 2 bad usage.
 */
public final class LocalKafkaCommand {
    static final String USAGE = """
            usage: local-kafka [--trio] COMMAND
              start              start the broker(s) (KRaft) and wait for them
              stop               stop them all together
              status             each broker: id, address, pid, state
              estop [--kill] N   freeze broker N (SIGSTOP), or kill it
              restore N          thaw or relaunch broker N
            --trio: three brokers, replication factor 3, min.insync.replicas 2 (NASA GCN's demo),
              and their controller on 127.0.3.10, which no e-stop cuts;
            --single: one broker, its own controller.
            Without either: the trio when it is running (laptop-demo --kafka-demo starts it),
            else the single broker. Brokers listen on 127.0.3.N:9092.
            """;

    private LocalKafkaCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path repo = Path.of(System.getProperty("booth.repo", "."));
        int i = 0;
        LocalKafka.Layout layout = null;
        if (args.length > 0 && (args[0].equals("--trio") || args[0].equals("--single"))) {
            layout = args[0].equals("--trio") ? LocalKafka.Layout.TRIO : LocalKafka.Layout.SINGLE;
            i = 1;
        }
        if (i >= args.length || args[i].equals("--help") || args[i].equals("-h")) {
            (i >= args.length ? err : out).print(USAGE);
            return i >= args.length ? 2 : 0;
        }
        if (layout == null) {
            layout = local(repo, LocalKafka.Layout.TRIO, out).running() ? LocalKafka.Layout.TRIO : LocalKafka.Layout.SINGLE;
        }
        LocalKafka kafka = local(repo, layout, out);
        try {
            switch (args[i]) {
                case "start" -> kafka.start(Duration.ofMinutes(3));
                case "stop" -> kafka.stop(Duration.ofSeconds(30));
                case "status" -> {
                    out.printf("%-7s %-10s %-8s %s%n", "BROKER", "ADDRESS", "PID", "STATE");
                    for (LocalKafka.BrokerStatus s : kafka.status()) {
                        out.printf("%-7s %-10s %-8s %s%n", s.id() == LocalKafka.CONTROLLER_ID ? "ctrl" : s.id(), s.address(),
                                s.pid() == 0 ? "-" : s.pid(), s.state());
                    }
                }
                case "estop" -> {
                    boolean kill = args.length > i + 1 && args[i + 1].equals("--kill");
                    kafka.estop(broker(args, i + (kill ? 2 : 1)), kill);
                }
                case "restore" -> kafka.restore(broker(args, i + 1), Duration.ofMinutes(2));
                default -> throw new IllegalArgumentException("unknown command '" + args[i] + "'");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("local-kafka: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (ClusterException e) {
            err.println("local-kafka: " + e.getMessage());
            return 1;
        }
    }

    /** The launcher of {@code layout}'s brokers, in the checkout's {@code .local-kafka}. */
    static LocalKafka local(Path repo, LocalKafka.Layout layout, PrintStream out) {
        return new LocalKafka(layout, repo.resolve(".local-kafka").resolve(layout.name().toLowerCase()),
                repo.resolve("demo-scripts/kafka/pom.xml"), out::println);
    }

    private static int broker(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("which broker? give its number");
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a broker is a number, got '" + args[i] + "'");
        }
    }
}
