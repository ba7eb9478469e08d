package booth.cluster;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code demo-scripts/local-cluster}: the command line of {@link LocalCluster}.
 * Exit status: 0 done, 1 the operation failed (the message says why), 2 bad usage.
 */
public final class LocalClusterCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: local-cluster [--topology FILE] [--home DIR] COMMAND
              start [--timeout SECONDS]   launch every node and wait until all are up (default 300 s)
              stop  [--grace SECONDS]     stop every node: SIGTERM, then SIGKILL after the grace (default 30 s)
              status [--gossip]           each node: name, DC, rack, address, pid, state
                                          (--gossip adds what the first seed's gossip says, via nodetool)
              estop [--kill] TARGET       cut a DC (DC1), a rack (DC1:r2) or a node (rpidc1r2n1):
                                          freeze its processes (SIGSTOP), or kill them with --kill
              restore [TARGET]            power TARGET (default: all) back on and wait until it serves
            options:
              --topology FILE   topology file (default demo-scripts/topology/ci.topology)
              --home DIR        where nodes keep configuration, data and logs
                                (default .local-cluster/<cluster name> in the repository)
              --repo DIR        the repository (default: the current directory)
            """;

    private LocalClusterCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path repo = Path.of(System.getProperty("booth.repo", "."));
        Path topologyFile = null;
        Path home = null;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--topology" -> topologyFile = Path.of(value(args, ++i, "--topology"));
                    case "--home" -> home = Path.of(value(args, ++i, "--home"));
                    case "--repo" -> repo = Path.of(value(args, ++i, "--repo"));
                    case "-h", "--help", "help" -> {
                        out.print(USAGE_TEXT);
                        return OK;
                    }
                    default -> rest.add(args[i]);
                }
            }
            if (rest.isEmpty()) {
                throw new UsageException("no command given");
            }
        } catch (UsageException e) {
            err.println("local-cluster: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (topologyFile == null) {
            topologyFile = repo.resolve("demo-scripts/topology/ci.topology");
        }
        try {
            Topology topology = TopologyFile.read(topologyFile);
            if (home == null) {
                home = repo.resolve(".local-cluster").resolve(topology.clusterName());
            }
            LocalCluster cluster = new LocalCluster(topology, home,
                    repo.resolve("demo-scripts/cassandra/pom.xml"), out::println);
            return execute(cluster, rest, out);
        } catch (UsageException e) {
            err.println("local-cluster: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (TopologyException e) {
            err.println("local-cluster: topology: " + e.getMessage());
            return FAILED;
        } catch (ClusterException e) {
            err.println("local-cluster: " + e.getMessage());
            return FAILED;
        }
    }

    private static int execute(LocalCluster cluster, List<String> args, PrintStream out)
            throws UsageException, ClusterException {
        String command = args.get(0);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        switch (command) {
            case "start" -> {
                cluster.start(Duration.ofSeconds(seconds(rest, "--timeout", 300)));
                printStatus(cluster, out, false);
            }
            case "stop" -> cluster.stop(Duration.ofSeconds(seconds(rest, "--grace", 30)));
            case "status" -> {
                boolean gossip = rest.remove("--gossip");
                noMore(rest);
                printStatus(cluster, out, gossip);
            }
            case "estop" -> {
                boolean kill = rest.remove("--kill");
                if (rest.size() != 1) {
                    throw new UsageException("estop needs exactly one TARGET (a DC, a rack such as DC1:r2, or a node)");
                }
                cluster.estop(rest.get(0), kill ? LocalCluster.EStop.KILL : LocalCluster.EStop.FREEZE);
            }
            case "restore" -> {
                if (rest.size() > 1) {
                    throw new UsageException("restore takes at most one TARGET");
                }
                cluster.restore(rest.isEmpty() ? "all" : rest.get(0), Duration.ofSeconds(300));
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        }
        return OK;
    }

    private static void printStatus(LocalCluster cluster, PrintStream out, boolean gossip) throws ClusterException {
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

    private static long seconds(List<String> rest, String option, long fallback) throws UsageException {
        long value = fallback;
        List<String> left = new ArrayList<>(rest);
        int i = left.indexOf(option);
        if (i >= 0) {
            String raw = value(left.toArray(String[]::new), i + 1, option);
            try {
                value = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a whole number of seconds, got '" + raw + "'");
            }
            if (value < 1) {
                throw new UsageException(option + " must be at least 1 second");
            }
            left.remove(i + 1);
            left.remove(i);
        }
        noMore(left);
        return value;
    }

    private static void noMore(List<String> rest) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException("unexpected argument '" + rest.get(0) + "'");
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** Bad command-line usage: exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
