package booth.daemon.cassandra;

import com.codahale.metrics.Counting;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import com.datastax.oss.driver.api.core.metrics.DefaultNodeMetric;
import com.datastax.oss.driver.api.core.session.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line when the driver loses a node and one when it has it back, instead of the
 * driver's warning with a stack trace on every failed reconnection (every 0.5 to 2 s per node,
 * 38 to 161 lines per e-stop into a Pi's journal; {@code logback.xml} silences that logger). The
 * failed attempts in between are counted by the driver's node metric and said in the second line.
 */
final class NodeWatch implements NodeStateListener {
    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);

    private final Map<String, String> names;
    private final Map<Node, Down> down = new ConcurrentHashMap<>();
    private volatile Session session;

    private record Down(long sinceNanos, long failedAttempts) {
    }

    NodeWatch(Map<String, String> names) {
        this.names = names;
    }

    @Override
    public void onSessionReady(Session session) {
        this.session = session;
    }

    @Override
    public void onDown(Node node) {
        down.put(node, new Down(System.nanoTime(), failedAttempts(node)));
        log.warn("node {} stopped answering: the driver keeps trying to reconnect (every 0.5 to 2 s, not logged)",
                name(node));
    }

    @Override
    public void onUp(Node node) {
        Down was = down.remove(node);
        if (was == null) {
            return; // up at start, or back from a state the driver had not called down
        }
        log.info("node {} answers again after {} s ({} failed connection attempts)", name(node),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - was.sinceNanos()) / 1e9),
                Math.max(0, failedAttempts(node) - was.failedAttempts()));
    }

    @Override
    public void onAdd(Node node) {
    }

    @Override
    public void onRemove(Node node) {
        down.remove(node);
    }

    @Override
    public void close() {
    }

    private long failedAttempts(Node node) {
        Session s = session;
        return Optional.ofNullable(s).flatMap(Session::getMetrics)
                .flatMap(m -> m.getNodeMetric(node, DefaultNodeMetric.CONNECTION_INIT_ERRORS))
                .filter(Counting.class::isInstance).map(c -> ((Counting) c).getCount()).orElse(0L);
    }

    /**
     * The node as staff know it. Never throws: the driver calls this listener on its own admin
     * threads, where an exception would skip the other listeners of the event (once, a label
     * that threw lost only this line; it could have stalled the control connection's next try).
     */
    private String name(Node node) {
        try {
            return Outcomes.coordinator(node, names).label() + " (" + node.getEndPoint() + ")";
        } catch (RuntimeException e) {
            return String.valueOf(node.getEndPoint());
        }
    }
}
