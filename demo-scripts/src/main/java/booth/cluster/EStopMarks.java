package booth.cluster;

import booth.cluster.LocalCluster.EStop;
import booth.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which nodes an e-stop cut, and how, kept on disk beside each node (a file {@code estop}): a
 * node down on purpose is "killed" in the status, not "down", whichever launcher asks.
 */
final class EStopMarks {
    private final LocalNodes nodes;

    EStopMarks(LocalNodes nodes) {
        this.nodes = nodes;
    }

    void mark(Topology.Node n, EStop how) throws ClusterException {
        try {
            Files.createDirectories(nodes.nodeHome(n));
            Files.writeString(file(n), how.name() + "\n");
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file(n) + ": " + e.getMessage(), e);
        }
    }

    /** How the node was cut; empty when it was not (or the mark cannot be read). */
    Optional<EStop> of(Topology.Node n) {
        try {
            return Optional.of(EStop.valueOf(Files.readString(file(n)).strip()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void clear(Topology.Node n) throws ClusterException {
        try {
            Files.deleteIfExists(file(n));
        } catch (IOException e) {
            throw new ClusterException("cannot remove " + file(n) + ": " + e.getMessage(), e);
        }
    }

    private Path file(Topology.Node n) {
        return nodes.nodeHome(n).resolve("estop");
    }
}
