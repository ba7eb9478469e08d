package booth.cluster;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code demo-scripts/booth-config}: writes the booth's per-node, schema and client files from a
 * topology file, and lists nodes in the order the runbook needs. Exit status: 0 done, 1 a bad
 * topology file (with the line) or a file that cannot be written, 2 bad usage.
 */
public final class BoothFilesCommand {
    static final String USAGE = """
            usage: booth-config [--topology FILE] generate DIR     write every node's and client's files under DIR
                   booth-config [--topology FILE] nodes [--seeds-first | --seeds-last]
                                                                  one line per node: name address dc rack seed|-
                   booth-config [--topology FILE] clients         one line per client: name address dc
                   booth-config [--topology FILE] kafka           the Kafka demo, controller first:
                                                                  controller|broker id address port host
            (default topology: demo-scripts/topology/booth.topology)
            """;

    private BoothFilesCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path topologyFile = Path.of(System.getProperty("booth.repo", ".")).resolve("demo-scripts/topology/booth.topology");
        int i = 0;
        if (args.length >= 2 && args[0].equals("--topology")) {
            topologyFile = Path.of(args[1]);
            i = 2;
        }
        if (i >= args.length) {
            err.print(USAGE);
            return 2;
        }
        Topology t;
        try {
            t = TopologyFile.read(topologyFile);
        } catch (TopologyException e) {
            err.println("booth-config: topology: " + e.getMessage());
            return 1;
        }
        List<String> rest = List.of(args).subList(i + 1, args.length);
        switch (args[i]) {
            case "generate" -> {
                if (rest.size() != 1) {
                    err.print(USAGE);
                    return 2;
                }
                try {
                    List<Path> written = BoothFiles.write(t, topologyFile.getFileName().toString(), Path.of(rest.get(0)));
                    written.forEach(p -> out.println("wrote " + p));
                } catch (IOException e) {
                    err.println("booth-config: cannot write: " + e.getMessage());
                    return 1;
                }
            }
            case "nodes" -> {
                if (rest.size() > 1 || (rest.size() == 1 && !rest.get(0).matches("--seeds-(first|last)"))) {
                    err.print(USAGE);
                    return 2;
                }
                boolean seedsLast = rest.contains("--seeds-last");
                List<Topology.Node> order = new java.util.ArrayList<>(t.nodes());
                if (!rest.isEmpty()) {
                    order.sort((a, b) -> Boolean.compare(a.seed() == seedsLast, b.seed() == seedsLast));
                }
                for (Topology.Node n : order) {
                    out.println(n.name() + " " + n.address().getHostAddress() + " " + n.dc() + " " + n.rack() + " "
                            + (n.seed() ? "seed" : "-"));
                }
            }
            case "clients" -> {
                for (Topology.Client c : t.clients()) {
                    out.println(c.name() + " " + (c.address() == null ? c.name() : c.address().getHostAddress()) + " " + c.localDc());
                }
            }
            case "kafka" -> {
                if (t.kafka().isEmpty()) {
                    err.println("booth-config: " + topologyFile.getFileName() + " has no kafka-broker and kafka-controller lines");
                    return 1;
                }
                Topology.Kafka k = t.kafka().get();
                out.println("controller " + k.controllerId() + " " + k.controller().getHostAddress() + " "
                        + BoothFiles.KAFKA_CONTROLLER_PORT + " -");
                k.brokers().forEach((id, n) -> out.println("broker " + id + " " + n.address().getHostAddress() + " "
                        + BoothFiles.KAFKA_PORT + " " + n.name()));
            }
            default -> {
                err.println("booth-config: unknown command '" + args[i] + "'");
                err.print(USAGE);
                return 2;
            }
        }
        return 0;
    }
}
