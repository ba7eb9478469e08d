package booth.daemon.cassandra;

import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.NodeUnavailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.CoordinatorException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the driver reports into the project's outcome values: the coordinator of a
 * request, and the failure kind of an exception with its numbers.
 */
public final class Outcomes {
    /** A classified failure and the node that gave it, when known. */
    public record Classified(Failure failure, Optional<Node> node) {
    }

    private Outcomes() {
    }

    /**
     * The failure {@code error} stands for. AllNodesFailedException is unwrapped to the errors the
     * nodes actually gave, the most telling first (Unavailable and time-outs say more than a
     * connection that closed).
     *
     * @param requestTimeout the client's request time-out, reported with a client-side time-out
     */
    public static Classified classify(Throwable error, Duration requestTimeout) {
        try {
            return classifyUnwrapped(unwrap(error), requestTimeout);
        } catch (RuntimeException unexpected) {
            // a report this table does not know must still be an outcome on the screen
            return new Classified(new Failure.Other(unexpected.getClass().getSimpleName(),
                    String.valueOf(unexpected.getMessage())), Optional.empty());
        }
    }

    private static Classified classifyUnwrapped(Throwable e, Duration requestTimeout) {
        if (e instanceof NoNodeAvailableException) {
            return new Classified(new Failure.NoNodeAvailable(), Optional.empty());
        }
        if (e instanceof AllNodesFailedException all) {
            List<Map.Entry<Node, Throwable>> errors = all.getAllErrors().entrySet().stream()
                    .flatMap(en -> en.getValue().stream().map(t -> Map.entry(en.getKey(), t))).toList();
            // the most telling error: what a coordinator answered, then a connection that died with
            // the request on it, then anything; a node the driver had no connection to tells nothing
            Map.Entry<Node, Throwable> telling = errors.stream()
                    .filter(en -> unwrap(en.getValue()) instanceof CoordinatorException).findFirst()
                    .or(() -> errors.stream().filter(en -> connectionLost(unwrap(en.getValue()))).findFirst())
                    .or(() -> errors.stream().filter(en -> !(unwrap(en.getValue()) instanceof NodeUnavailableException)).findFirst())
                    .orElse(null);
            if (telling == null) {
                return new Classified(new Failure.NoNodeAvailable(), Optional.empty());
            }
            Classified inner = classify(telling.getValue(), requestTimeout);
            return new Classified(inner.failure(), inner.node().or(() -> Optional.of(telling.getKey())));
        }
        Optional<Node> node = e instanceof CoordinatorException ce ? Optional.ofNullable(ce.getCoordinator()) : Optional.empty();
        Failure f;
        if (e instanceof UnavailableException u) {
            f = new Failure.Unavailable(level(u.getConsistencyLevel()), u.getRequired(), u.getAlive());
        } else if (e instanceof WriteTimeoutException w) {
            f = new Failure.WriteTimeout(level(w.getConsistencyLevel()), w.getReceived(), w.getBlockFor(),
                    w.getWriteType().name());
        } else if (e instanceof ReadTimeoutException r) {
            f = new Failure.ReadTimeout(level(r.getConsistencyLevel()), r.getReceived(), r.getBlockFor(), r.wasDataPresent());
        } else if (e instanceof DriverTimeoutException) {
            f = new Failure.ClientTimeout(requestTimeout);
        } else if (connectionLost(e)) {
            f = new Failure.ConnectionLost(e.getClass().getSimpleName());
        } else if (e instanceof OverloadedException o) {
            f = new Failure.Overloaded(String.valueOf(o.getMessage()));
        } else {
            f = new Failure.Other(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
        return new Classified(f, node);
    }

    /** The coordinator as shown: DC and rack from the driver, the booth name from the topology. */
    public static Coordinator coordinator(Node node, Map<String, String> namesByAddress) {
        // a contact point the driver never reached has no broadcast address, and its end point
        // may be unresolved (the booth resolves names when used): its host string, not its
        // printed form ("127.0.1.3/<unresolved>:9042")
        String address = node.getBroadcastRpcAddress()
                .map(a -> a.getAddress().getHostAddress())
                .orElseGet(() -> node.getEndPoint().resolve() instanceof InetSocketAddress a ? a.getHostString()
                        : node.getEndPoint().resolve().toString());
        return new Coordinator(String.valueOf(node.getDatacenter()), String.valueOf(node.getRack()), address,
                namesByAddress.get(address));
    }

    /** The project's level for the driver's: every level by its own name, SERIAL and LOCAL_SERIAL included. */
    static Level level(ConsistencyLevel cl) {
        return Level.parse(cl.name()).orElseThrow(() -> new IllegalArgumentException("a consistency level "
                + "Cassandra does not have: " + cl.name()));
    }

    /**
     * The coordinator an answer names, or empty when the driver does not say: the execution info
     * or its coordinator may be null (the driver declares both nullable). A write whose
     * coordinator is unknown is still a write, shown as such.
     */
    public static Optional<Coordinator> coordinator(ExecutionInfo info, Map<String, String> namesByAddress) {
        return Optional.ofNullable(info).map(ExecutionInfo::getCoordinator).map(n -> coordinator(n, namesByAddress));
    }

    /**
     * The node stopped answering heartbeats, or closed the connection, with the request on it; or
     * the request was written on a channel that had just closed (the driver hands Netty's
     * {@code StacklessClosedChannelException} up as it is).
     */
    private static boolean connectionLost(Throwable e) {
        return e instanceof HeartbeatException || e instanceof ClosedConnectionException || e instanceof ClosedChannelException;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
