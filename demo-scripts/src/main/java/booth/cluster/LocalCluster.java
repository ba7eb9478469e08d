package booth.cluster;

import booth.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real Cassandra cluster on one machine: one JVM per node of a {@link Topology}, each bound
 * to its own loopback address, all state under one directory.
 *
 * <p>Processes are recognised by a marker on their command line that names their node's
 * directory ({@link LocalNodes}), so every operation touches only processes this launcher
 * started from this directory, whatever PID files say and whichever launcher instance started
 * them. All mutating operations take a file lock ({@link ClusterLock}), so two launchers on one
 * directory never interleave.
 *
 * <p>An e-stop freezes a rack's processes with SIGSTOP by default: like a power cut, their
 * connections go silent with no reset, so clients see timeouts until gossip convicts the
 * nodes and coordinators start answering Unavailable. {@link EStop#KILL} kills them instead
 * (connections reset at once) and {@link #restore} relaunches them; {@link EStopMarks} remembers
 * which nodes are down on purpose.
 */
public final class LocalCluster {
    /** How a node looks from outside. */
    public enum State {
        /** Process running and its CQL port accepting connections. */
        UP,
        /** Process running, CQL port not open yet (starting, or stopping). */
        STARTING,
        /** Process frozen by an e-stop (SIGSTOP). */
        FROZEN,
        /** Process killed by an e-stop; {@code restore} relaunches it. */
        KILLED,
        /** No process. */
        DOWN
    }

    /** The two kinds of e-stop. */
    public enum EStop { FREEZE, KILL }

    /** One line of {@code status}. {@code pid} is 0 when no process runs. */
    public record NodeStatus(Topology.Node node, long pid, State state) {
    }

    private final Topology topology;
    private final Path home;
    private final Consumer<String> report;
    private final LocalNodes localNodes;
    private final EStopMarks eStops;
    private final ClusterLock lock;
    private final NodeLauncher launcher;
    private final Nodetool nodetool;
    private final NodeReadiness readiness;

    /**
     * @param topology   the nodes to run; every address must be a loopback address
     * @param home       directory for every node's configuration, data and logs
     * @param runtimePom {@code demo-scripts/cassandra/pom.xml}, resolved by Maven on first start
     * @param report     receives one line per step, for the person watching
     */
    public LocalCluster(Topology topology, Path home, Path runtimePom, Consumer<String> report)
            throws ClusterException {
        for (Topology.Node n : topology.nodes()) {
            if (!n.address().isLoopbackAddress()) {
                throw new ClusterException("the local cluster runs on loopback addresses only, but "
                        + n.name() + " has " + n.address().getHostAddress() + " (use 127.x.y.z)");
            }
        }
        this.topology = topology;
        this.home = home.toAbsolutePath().normalize();
        this.report = report;
        this.localNodes = new LocalNodes(topology, this.home);
        this.eStops = new EStopMarks(localNodes);
        this.lock = new ClusterLock(this.home, report);
        CassandraRuntime.OnDemand runtime = new CassandraRuntime.OnDemand(runtimePom.toAbsolutePath().normalize(),
                this.home.resolve("cassandra.classpath"), report);
        this.launcher = new NodeLauncher(topology, localNodes, runtime, report);
        this.nodetool = new Nodetool(localNodes, runtime);
        this.readiness = new NodeReadiness(topology, localNodes, nodetool, report);
    }

    public Topology topology() {
        return topology;
    }

    public Path home() {
        return home;
    }

    public Path nodeHome(Topology.Node node) {
        return localNodes.nodeHome(node);
    }

    public Path systemLog(Topology.Node node) {
        return localNodes.systemLog(node);
    }

    /** The JMX port of {@code node} on 127.0.0.1 (nodetool): 7199 for the first node, then up. */
    public int jmxPort(Topology.Node node) {
        return localNodes.jmxPort(node);
    }

    // ----------------------------------------------------------------------------------------
    // Operations

    /**
     * Brings every node up: launches those that are not running, thaws frozen ones, and waits
     * until every node serves CQL and the first seed's gossip sees every node up. Safe to re-run.
     *
     * @throws ClusterException when a port is taken, a node dies while starting (with the tail
     *                          of its log) or the deadline passes
     */
    public void start(Duration timeout) throws ClusterException {
        lock.run(() -> {
            long began = System.nanoTime();
            List<Topology.Node> toLaunch = new ArrayList<>();
            for (NodeStatus s : status()) {
                switch (s.state()) {
                    case UP, STARTING -> report.accept(s.node().name() + ": already running (pid " + s.pid() + ")");
                    case FROZEN -> {
                        Processes.signal(s.pid(), "CONT");
                        eStops.clear(s.node());
                        report.accept(s.node().name() + ": was frozen, thawed");
                    }
                    case KILLED, DOWN -> toLaunch.add(s.node());
                }
            }
            localNodes.checkPortsFree(toLaunch);
            for (Topology.Node n : toLaunch) {
                launcher.launch(n);
            }
            readiness.await(topology.nodes(), deadline(timeout));
            report.accept(String.format("all %d nodes up in %.1f s", topology.nodes().size(),
                    (System.nanoTime() - began) / 1e9));
        });
    }

    /**
     * Stops every node this launcher started: SIGTERM (Cassandra drains and exits), then
     * SIGKILL for any still running after {@code grace}. Frozen nodes are thawed so they can
     * act on the SIGTERM. Safe to re-run; stops nothing it did not start.
     */
    public void stop(Duration grace) throws ClusterException {
        lock.run(() -> {
            stopNodes(topology.nodes(), grace);
            for (Topology.Node n : topology.nodes()) {
                eStops.clear(n);
            }
        });
    }

    /** The state of every node, in topology order. */
    public List<NodeStatus> status() {
        List<NodeStatus> out = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            Optional<Long> pid = localNodes.findProcess(n);
            State state;
            if (pid.isEmpty()) {
                state = eStops.of(n).filter(m -> m == EStop.KILL).isPresent() ? State.KILLED : State.DOWN;
            } else if (Processes.isStopped(pid.get())) {
                state = State.FROZEN;
            } else {
                state = LocalNodes.acceptsConnections(n) ? State.UP : State.STARTING;
            }
            out.add(new NodeStatus(n, pid.orElse(0L), state));
        }
        return out;
    }

    /**
     * Cuts the power of {@code target} (a DC, a rack such as {@code DC1:r2}, a node or
     * {@code all}): freezes or kills its node processes. Nodes already cut are left as they are,
     * except that a kill also kills frozen ones.
     */
    public void estop(String target, EStop how) throws ClusterException {
        List<Topology.Node> nodes = select(target);
        lock.run(() -> {
            for (Topology.Node n : nodes) {
                Optional<Long> pid = localNodes.findProcess(n);
                if (pid.isEmpty()) {
                    report.accept(n.name() + ": not running, nothing to cut");
                    continue;
                }
                if (how == EStop.FREEZE) {
                    if (Processes.isStopped(pid.get())) {
                        report.accept(n.name() + ": already frozen");
                        continue;
                    }
                    eStops.mark(n, how);
                    Processes.signal(pid.get(), "STOP");
                    report.accept(n.name() + " (" + n.rackId() + "): frozen (pid " + pid.get() + ")");
                } else {
                    eStops.mark(n, how);
                    Processes.signal(pid.get(), "KILL");
                    Processes.awaitExit(pid.get(), Duration.ofSeconds(10));
                    report.accept(n.name() + " (" + n.rackId() + "): killed (pid " + pid.get() + ")");
                }
            }
        });
    }

    /**
     * Powers {@code target} back on: thaws frozen nodes, relaunches killed or stopped ones, and
     * waits until every one of them serves CQL again.
     */
    public void restore(String target, Duration timeout) throws ClusterException {
        restore(List.of(target), timeout);
    }

    /**
     * Powers every one of {@code targets} back on at once (as one switch would), then waits
     * until all of them serve CQL again.
     */
    public void restore(List<String> targets, Duration timeout) throws ClusterException {
        List<Topology.Node> nodes = new ArrayList<>();
        for (String target : targets) {
            select(target).stream().filter(n -> !nodes.contains(n)).forEach(nodes::add);
        }
        lock.run(() -> {
            List<Topology.Node> relaunch = new ArrayList<>();
            for (Topology.Node n : nodes) {
                Optional<Long> pid = localNodes.findProcess(n);
                if (pid.isPresent() && Processes.isStopped(pid.get())) {
                    Processes.signal(pid.get(), "CONT");
                    report.accept(n.name() + " (" + n.rackId() + "): thawed");
                } else if (pid.isEmpty()) {
                    relaunch.add(n);
                } else {
                    report.accept(n.name() + ": running, nothing to restore");
                }
                eStops.clear(n);
            }
            localNodes.checkPortsFree(relaunch);
            for (Topology.Node n : relaunch) {
                launcher.launch(n);
            }
            readiness.await(nodes, deadline(timeout));
        });
    }

    /**
     * The gossip view of one node, read from its StorageService over JMX, as {@code nodetool
     * status} reads it: address to two-letter state ({@code UN} up and normal, {@code DN} down,
     * {@code UJ} joining ...). Empty when that node cannot be asked within 15 s (not up yet, frozen).
     */
    public Map<String, String> gossipView(Topology.Node via) throws ClusterException {
        return nodetool.gossipView(via);
    }

    /**
     * The addresses of the replicas of one partition, as {@code nodetool getendpoints} of
     * {@code via} reports them (the cluster's own answer, not a computation of ours).
     */
    public List<String> replicas(Topology.Node via, String keyspace, String table, String key) throws ClusterException {
        return nodetool.replicas(via, keyspace, table, key);
    }

    private void stopNodes(List<Topology.Node> nodes, Duration grace) throws ClusterException {
        Map<Topology.Node, Long> running = new LinkedHashMap<>();
        for (Topology.Node n : nodes) {
            localNodes.findProcess(n).ifPresent(pid -> running.put(n, pid));
        }
        if (running.isEmpty()) {
            report.accept("no node running");
            return;
        }
        List<Long> killed = Processes.stopAll(List.copyOf(running.values()), grace);
        for (var e : running.entrySet()) {
            report.accept(e.getKey().name() + (killed.contains(e.getValue())
                    ? ": did not stop within " + grace.toSeconds() + " s, killed" : ": stopped"));
        }
    }

    private List<Topology.Node> select(String target) throws ClusterException {
        try {
            return topology.select(target);
        } catch (IllegalArgumentException e) {
            throw new ClusterException(e.getMessage());
        }
    }

    private static long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }
}
