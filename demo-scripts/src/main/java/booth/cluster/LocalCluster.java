package booth.cluster;

import booth.model.Topology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Cassandra cluster on one machine: one JVM per node of a {@link Topology}, each bound
 * to its own loopback address, all state under one directory.
 *
 * <p>Processes are recognised by a marker on their command line that names their node's
 * directory, so every operation touches only processes this launcher started from this
 * directory, whatever PID files say and whichever launcher instance started them. All
 * mutating operations take a file lock, so two launchers on one directory never interleave.
 *
 * <p>An e-stop freezes a rack's processes with SIGSTOP by default: like a power cut, their
 * connections go silent with no reset, so clients see timeouts until gossip convicts the
 * nodes and coordinators start answering Unavailable. {@link EStop#KILL} kills them instead
 * (connections reset at once) and {@link #restore} relaunches them.
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

    private static final String MARKER_PROPERTY = "-Dbooth.cluster.node=";
    private static final int FIRST_JMX_PORT = 7199;

    private final Topology topology;
    private final Path home;
    private final Path runtimePom;
    private final Consumer<String> report;
    private CassandraRuntime runtime;

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
        this.runtimePom = runtimePom.toAbsolutePath().normalize();
        this.report = report;
    }

    public Topology topology() {
        return topology;
    }

    public Path home() {
        return home;
    }

    public Path nodeHome(Topology.Node node) {
        return home.resolve(node.name());
    }

    public Path systemLog(Topology.Node node) {
        return nodeHome(node).resolve("logs").resolve("system.log");
    }

    /** The JMX port of {@code node} on 127.0.0.1 (nodetool): 7199 for the first node, then up. */
    public int jmxPort(Topology.Node node) {
        return FIRST_JMX_PORT + topology.nodes().indexOf(node);
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
        withLock(() -> {
            long began = System.nanoTime();
            List<Topology.Node> toLaunch = new ArrayList<>();
            for (NodeStatus s : status()) {
                switch (s.state()) {
                    case UP, STARTING -> report.accept(s.node().name() + ": already running (pid " + s.pid() + ")");
                    case FROZEN -> {
                        Processes.signal(s.pid(), "CONT");
                        clearEStop(s.node());
                        report.accept(s.node().name() + ": was frozen, thawed");
                    }
                    case KILLED, DOWN -> toLaunch.add(s.node());
                }
            }
            checkPortsFree(toLaunch);
            for (Topology.Node n : toLaunch) {
                launch(n);
            }
            long deadline = deadline(timeout);
            awaitUp(topology.nodes(), deadline);
            awaitGossipUp(topology.nodes(), deadline);
            report.accept(String.format("all %d nodes up in %.1f s", topology.nodes().size(),
                    (System.nanoTime() - began) / 1e9));
            return null;
        });
    }

    /**
     * Stops every node this launcher started: SIGTERM (Cassandra drains and exits), then
     * SIGKILL for any still running after {@code grace}. Frozen nodes are thawed so they can
     * act on the SIGTERM. Safe to re-run; stops nothing it did not start.
     */
    public void stop(Duration grace) throws ClusterException {
        withLock(() -> {
            stopNodes(topology.nodes(), grace);
            for (Topology.Node n : topology.nodes()) {
                clearEStop(n);
            }
            return null;
        });
    }

    /** The state of every node, in topology order. */
    public List<NodeStatus> status() {
        List<NodeStatus> out = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            Optional<Long> pid = findProcess(n);
            State state;
            if (pid.isEmpty()) {
                state = eStopMark(n).filter(m -> m == EStop.KILL).isPresent() ? State.KILLED : State.DOWN;
            } else if (Processes.isStopped(pid.get())) {
                state = State.FROZEN;
            } else {
                state = acceptsConnections(n) ? State.UP : State.STARTING;
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
        withLock(() -> {
            for (Topology.Node n : nodes) {
                Optional<Long> pid = findProcess(n);
                if (pid.isEmpty()) {
                    report.accept(n.name() + ": not running, nothing to cut");
                    continue;
                }
                if (how == EStop.FREEZE) {
                    if (Processes.isStopped(pid.get())) {
                        report.accept(n.name() + ": already frozen");
                        continue;
                    }
                    markEStop(n, how);
                    Processes.signal(pid.get(), "STOP");
                    report.accept(n.name() + " (" + n.rackId() + "): frozen (pid " + pid.get() + ")");
                } else {
                    markEStop(n, how);
                    Processes.signal(pid.get(), "KILL");
                    Processes.awaitExit(pid.get(), Duration.ofSeconds(10));
                    report.accept(n.name() + " (" + n.rackId() + "): killed (pid " + pid.get() + ")");
                }
            }
            return null;
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
        withLock(() -> {
            List<Topology.Node> relaunch = new ArrayList<>();
            for (Topology.Node n : nodes) {
                Optional<Long> pid = findProcess(n);
                if (pid.isPresent() && Processes.isStopped(pid.get())) {
                    Processes.signal(pid.get(), "CONT");
                    report.accept(n.name() + " (" + n.rackId() + "): thawed");
                } else if (pid.isEmpty()) {
                    relaunch.add(n);
                } else {
                    report.accept(n.name() + ": running, nothing to restore");
                }
                clearEStop(n);
            }
            checkPortsFree(relaunch);
            for (Topology.Node n : relaunch) {
                launch(n);
            }
            long deadline = deadline(timeout);
            awaitUp(nodes, deadline);
            awaitGossipUp(nodes, deadline);
            return null;
        });
    }

    /**
     * The gossip view of one node, read from its StorageService over JMX (what {@code nodetool
     * status} reads, without starting a nodetool JVM on every poll: during a cluster start those
     * JVMs competed with the starting nodes for the CPU): address to two-letter state ({@code UN}
     * up and normal, {@code DN} down, {@code UJ} joining ...). Empty when that node cannot be
     * asked within 15 s (not up yet, frozen).
     */
    public Map<String, String> gossipView(Topology.Node via) throws ClusterException {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gossip-view");
            t.setDaemon(true); // a frozen node's JMX never answers: the thread is abandoned
            return t;
        });
        try {
            return one.submit(() -> GossipView.read(jmxPort(via))).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking " + via.name() + " for its gossip view", e);
        } finally {
            one.shutdownNow();
        }
    }

    /**
     * The addresses of the replicas of one partition, as {@code nodetool getendpoints} of
     * {@code via} reports them (the cluster's own answer, not a computation of ours).
     */
    public List<String> replicas(Topology.Node via, String keyspace, String table, String key) throws ClusterException {
        List<String> out = nodetool(via, "getendpoints", keyspace, table, key)
                .orElseThrow(() -> new ClusterException("nodetool getendpoints on " + via.name() + " did not answer"));
        List<String> addresses = out.stream().map(String::strip).filter(l -> l.matches("[0-9.]+")).toList();
        if (addresses.isEmpty()) {
            throw new ClusterException("nodetool getendpoints " + keyspace + " " + table + " " + key + " on "
                    + via.name() + " named no replica: " + out);
        }
        return addresses;
    }

    /** The output lines of nodetool run against {@code via}; empty when it did not finish within 30 s. */
    private Optional<List<String>> nodetool(Topology.Node via, String... args) throws ClusterException {
        Path out = nodeHome(via).resolve("nodetool.out");
        List<String> cmd = runtime().nodetoolCommand(jmxPort(via), args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(Files.readAllLines(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClusterException("cannot run nodetool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running nodetool", e);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Launching and waiting

    private void launch(Topology.Node n) throws ClusterException {
        Path nodeHome = nodeHome(n);
        Path conf = nodeHome.resolve("conf");
        Path logs = nodeHome.resolve("logs");
        try {
            for (String dir : List.of("conf", "logs", "data", "commitlog", "hints", "saved_caches", "cdc_raw")) {
                Files.createDirectories(nodeHome.resolve(dir));
            }
            CassandraNodeConfig.Profile profile = CassandraNodeConfig.Profile.laptop(nodeHome);
            Files.writeString(conf.resolve("cassandra.yaml"), CassandraNodeConfig.cassandraYaml(topology, n, profile));
            Files.writeString(conf.resolve("cassandra-rackdc.properties"), CassandraNodeConfig.rackDcProperties(n));
            Files.writeString(conf.resolve("logback.xml"), CassandraNodeConfig.logbackXml(logs));
            List<String> cmd = new ArrayList<>();
            // A session of its own: a Ctrl-C in the terminal that ran the launcher must not
            // reach the nodes; only stop and e-stop end them.
            cmd.add("setsid");
            cmd.addAll(runtime().nodeCommand(profile, conf, logs, jmxPort(n), marker(n)));
            Process p = new ProcessBuilder(cmd)
                    .directory(nodeHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("stdout.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(nodeHome.resolve("pid"), p.pid() + "\n");
            report.accept(n.name() + " (" + n.rackId() + ", " + n.address().getHostAddress() + "): launched, pid " + p.pid());
        } catch (IOException e) {
            throw new ClusterException(n.name() + ": cannot launch: " + e.getMessage(), e);
        }
    }

    private void awaitUp(List<Topology.Node> nodes, long deadline) throws ClusterException {
        List<Topology.Node> waiting = new ArrayList<>(nodes);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Topology.Node n = it.next();
                Optional<Long> pid = findProcess(n);
                if (pid.isEmpty() && Processes.gone(marker(n))) {
                    throw new ClusterException(n.name() + " exited while starting; last lines of "
                            + systemLog(n) + ":\n" + Processes.tail(systemLog(n), 20)
                            + "\nand of its stdout.log:\n" + Processes.tail(systemLog(n).resolveSibling("stdout.log"), 10));
                }
                if (pid.isPresent() && !Processes.isStopped(pid.get()) && acceptsConnections(n)) {
                    report.accept(n.name() + ": up, serving CQL on " + n.address().getHostAddress() + ":"
                            + CassandraNodeConfig.NATIVE_PORT);
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("not up before the deadline: "
                            + waiting.stream().map(Topology.Node::name).toList()
                            + "; see their logs under " + home);
                }
                Processes.pause();
            }
        }
    }

    /**
     * Waits until gossip sees every one of {@code nodes} up and normal (UN): only then can ALL
     * succeed. Asks a node outside {@code nodes} when there is one (seeds first), because a
     * node's view of itself proves nothing.
     */
    private void awaitGossipUp(List<Topology.Node> nodes, long deadline) throws ClusterException {
        List<Topology.Node> candidates = new ArrayList<>(topology.seeds());
        candidates.addAll(topology.nodes());
        // a frozen or killed node cannot answer nodetool: ask one that runs
        Topology.Node via = candidates.stream().filter(n -> !nodes.contains(n) && running(n)).findFirst()
                .orElse(candidates.get(0));
        while (true) {
            Map<String, String> view = gossipView(via);
            if (nodes.stream().allMatch(n -> "UN".equals(view.get(n.address().getHostAddress())))) {
                report.accept("gossip of " + via.name() + " sees " + (nodes.size() == topology.nodes().size()
                        ? "all " + nodes.size() + " nodes" : nodes.stream().map(Topology.Node::name).toList())
                        + " up (UN)");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("gossip of " + via.name() + " does not see every node up before the deadline: "
                        + view + "; see " + systemLog(via));
            }
            Processes.pause();
        }
    }

    private void stopNodes(List<Topology.Node> nodes, Duration grace) throws ClusterException {
        Map<Topology.Node, Long> running = new LinkedHashMap<>();
        for (Topology.Node n : nodes) {
            findProcess(n).ifPresent(pid -> running.put(n, pid));
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

    private void checkPortsFree(List<Topology.Node> nodes) throws ClusterException {
        for (Topology.Node n : nodes) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (var socket : List.of(
                    new InetSocketAddress(n.address(), CassandraNodeConfig.STORAGE_PORT),
                    new InetSocketAddress(n.address(), CassandraNodeConfig.NATIVE_PORT),
                    new InetSocketAddress(loopback, jmxPort(n)))) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(socket);
                } catch (IOException e) {
                    throw new ClusterException(n.name() + ": port " + socket.getPort() + " on "
                            + socket.getAddress().getHostAddress() + " is in use by a process this launcher did not"
                            + " start (another local cluster? see `ss -ltnp 'sport = :" + socket.getPort() + "'`)");
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // Processes

    private String marker(Topology.Node n) {
        return MARKER_PROPERTY + nodeHome(n);
    }

    /** Whether the node's process runs and is not frozen. */
    private boolean running(Topology.Node n) {
        return findProcess(n).filter(pid -> !Processes.isStopped(pid)).isPresent();
    }

    /** The node's process, found by the marker on its command line (not by a PID file that may lie). */
    Optional<Long> findProcess(Topology.Node n) {
        return Processes.find(marker(n));
    }

    private static boolean acceptsConnections(Topology.Node n) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(n.address(), CassandraNodeConfig.NATIVE_PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------
    // E-stop marks: remember that a node is down on purpose, so status says "killed", not "down".

    private Path eStopFile(Topology.Node n) {
        return nodeHome(n).resolve("estop");
    }

    private void markEStop(Topology.Node n, EStop how) throws ClusterException {
        try {
            Files.createDirectories(nodeHome(n));
            Files.writeString(eStopFile(n), how.name() + "\n");
        } catch (IOException e) {
            throw new ClusterException("cannot write " + eStopFile(n) + ": " + e.getMessage(), e);
        }
    }

    private Optional<EStop> eStopMark(Topology.Node n) {
        try {
            return Optional.of(EStop.valueOf(Files.readString(eStopFile(n)).strip()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void clearEStop(Topology.Node n) throws ClusterException {
        try {
            Files.deleteIfExists(eStopFile(n));
        } catch (IOException e) {
            throw new ClusterException("cannot remove " + eStopFile(n) + ": " + e.getMessage(), e);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Plumbing

    private interface LockedAction {
        Void run() throws ClusterException;
    }

    private void withLock(LockedAction action) throws ClusterException {
        try {
            Files.createDirectories(home);
            try (FileChannel ch = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    report.accept("another launcher is working on " + home + "; waiting for it...");
                    lock = ch.lock();
                }
                try {
                    action.run();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new ClusterException("cannot lock " + home + ": " + e.getMessage(), e);
        }
    }

    private CassandraRuntime runtime() throws ClusterException {
        if (runtime == null) {
            runtime = CassandraRuntime.resolve(runtimePom, home.resolve("cassandra.classpath"), report);
        }
        return runtime;
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
