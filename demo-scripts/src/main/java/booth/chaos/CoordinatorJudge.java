package booth.chaos;

import booth.chaos.ClusterHistory.Life;
import booth.chaos.TruthChecker.ClientFacts;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which nodes a client's request could use, and whether an outcome's coordinator is one of them.
 *
 * <p>The nodes a request could use: the driver's load balancing as the daemon configures it
 * ({@code DemoCluster.driverConfig}: {@code local-datacenter} the client's DC,
 * {@code dc-failover.max-nodes-per-remote-dc} every node of each remote DC when failover is on and
 * none when it is off, {@code allow-for-local-consistency-levels = false}) may send it to any node
 * of the client's DC and, with failover and a level that is not LOCAL_, to any node of another DC;
 * its coordinator then waits for the row's replicas. A change of any other node cannot hold the
 * request up: a time-out during it alone is a lie.
 */
final class CoordinatorJudge {
    /** Every node of the topology as the outcome stream names it, by name. */
    private final Map<String, Observed.Coordinator> topology;

    CoordinatorJudge(Map<String, Observed.Coordinator> topology) {
        this.topology = Map.copyOf(topology);
    }

    /** The nodes the driver may send {@code client}'s request at {@code level} to. */
    Set<String> coordinators(ClientFacts client, String level) {
        boolean remote = client.failover() && !CassandraRules.isLocal(level);
        Set<String> out = new TreeSet<>();
        topology.values().stream().filter(n -> remote || n.dc().equals(client.localDc())).forEach(n -> out.add(n.name()));
        return out;
    }

    /** The nodes whose change can hold up {@code client}'s request at {@code level}: its coordinators and the row's replicas. */
    Set<String> involved(ClientFacts client, String level) {
        Set<String> out = coordinators(client, level);
        out.addAll(client.replicaNodes());
        return out;
    }

    /**
     * Empty when the outcome's coordinator is a node of the topology as the stream names it (its
     * address, DC and rack; a name when the topology gives one) and, for a write that succeeded,
     * a node the write could use that was not dead over {@code lives}' span.
     */
    Optional<String> judge(ClientFacts client, Observed o, Map<String, Life> lives) {
        if (o.coordinator().isEmpty()) {
            return Optional.empty(); // a failure not pinned on a node; a success shows "node ?" (ScreenJudge)
        }
        Observed.Coordinator said = o.coordinator().get();
        Optional<Observed.Coordinator> node = topology.values().stream()
                .filter(n -> n.address().equals(said.address())).findFirst();
        if (node.isEmpty()) {
            return Optional.of("coordinator " + describe(said) + " is no node of the topology");
        }
        Observed.Coordinator real = node.get();
        if (!real.equals(said)) {
            return Optional.of("coordinator " + describe(said) + ", but the topology's node at " + said.address()
                    + " is " + describe(real));
        }
        if (!o.kind().equals("written")) {
            return Optional.empty(); // a failure may come from a node that was going dark: that is the point
        }
        if (lives.get(real.name()) == Life.DEAD) {
            return Optional.of("written by " + real.name() + ", which was dead throughout (cut and convicted)");
        }
        Set<String> usable = coordinators(client, o.writeLevel());
        if (!usable.contains(real.name())) {
            return Optional.of("written by " + real.name() + " of " + real.dc() + ", which a write at " + o.writeLevel()
                    + " from " + client.localDc() + (client.failover() ? "" : " without failover") + " could not use");
        }
        return Optional.empty();
    }

    private static String describe(Observed.Coordinator c) {
        return (c.name().isEmpty() ? "(unnamed)" : c.name()) + " " + c.dc() + " " + c.rack() + " " + c.address();
    }
}
