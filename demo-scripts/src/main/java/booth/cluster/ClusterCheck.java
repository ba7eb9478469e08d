package booth.cluster;

import booth.cluster.NodeSurvey;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code demo-scripts/booth-runbook check}: asks every node of the topology, itself, which DC
 * and rack it is in, and compares with the topology file. Exit status 0 when every node answers
 * as expected, 1 otherwise (the table says which), 2 bad usage.
 */
public final class ClusterCheck {
    private ClusterCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--topology")) {
            err.println("usage: ClusterCheck --topology FILE");
            return 2;
        }
        Topology t;
        try {
            t = TopologyFile.read(Path.of(args[1]));
        } catch (TopologyException e) {
            err.println("check: topology: " + e.getMessage());
            return 1;
        }
        Map<InetSocketAddress, Optional<String>> answers;
        try {
            answers = NodeSurvey.ask(t.nodes().stream().map(n -> new InetSocketAddress(n.address(), 9042)).toList(),
                    t.dcs().get(0));
        } catch (RuntimeException e) {
            err.println("check: cannot reach the cluster: " + e.getMessage());
            return 1;
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
        return bad == 0 ? 0 : 1;
    }
}
