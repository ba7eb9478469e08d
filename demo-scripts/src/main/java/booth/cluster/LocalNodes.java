package booth.cluster;

import booth.model.Topology;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where each node of a {@link Topology} lives on this machine (its directory, log and ports)
 * and which process is its own: the one with a marker on its command line that names the
 * node's directory, whatever PID files say and whichever launcher instance started it.
 */
final class LocalNodes {
    private static final String MARKER_PROPERTY = "-Dbooth.cluster.node=";
    private static final int FIRST_JMX_PORT = 7199;

    private final Topology topology;
    private final Path home;

    /** @param home the cluster's directory, absolute and normalised; each node has a directory under it */
    LocalNodes(Topology topology, Path home) {
        this.topology = topology;
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path nodeHome(Topology.Node node) {
        return home.resolve(node.name());
    }

    Path systemLog(Topology.Node node) {
        return nodeHome(node).resolve("logs").resolve("system.log");
    }

    /** The JMX port of {@code node} on 127.0.0.1 (nodetool): 7199 for the first node, then up. */
    int jmxPort(Topology.Node node) {
        return FIRST_JMX_PORT + topology.nodes().indexOf(node);
    }

    /** The argument on a node's command line that makes its process recognisable in /proc. */
    String marker(Topology.Node n) {
        return MARKER_PROPERTY + nodeHome(n);
    }

    /** The node's process, found by the marker on its command line (not by a PID file that may lie). */
    Optional<Long> findProcess(Topology.Node n) {
        return Processes.find(marker(n));
    }

    /** Whether the node's process runs and is not frozen. */
    boolean running(Topology.Node n) {
        return findProcess(n).filter(pid -> !Processes.isStopped(pid)).isPresent();
    }

    /** Whether the node's CQL port takes a connection within 500 ms. */
    static boolean acceptsConnections(Topology.Node n) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(n.address(), CassandraNodeConfig.NATIVE_PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails, naming the port, when one that {@code nodes} would listen on is taken by another process. */
    void checkPortsFree(List<Topology.Node> nodes) throws ClusterException {
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
}
