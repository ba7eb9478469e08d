package booth.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster really was over a run: when the schedule cut and restored each node's power,
 * and what each node's gossip believed of every other (from the lines Cassandra's
 * {@code Gossiper} logs: "InetAddress /a:7000 is now DOWN", "... is now UP"). The truth checker
 * asks it, for a span of time, whether a node was certainly alive, certainly dead, or either.
 */
final class ClusterHistory {
    /**
     * A node's power cut: certainly off from {@code from} until {@code to}, possibly already from
     * {@code mayFrom} (the launcher signals a rack's nodes one by one, milliseconds apart: a write
     * that starts in between may still reach the node) and possibly still until {@code until}
     * (the thaw or relaunch, and the node's start).
     */
    record Cut(String node, Instant mayFrom, Instant from, Instant to, Instant until, boolean killed) {
        /** A cut whose bounds are known to the millisecond (tests). */
        Cut(String node, Instant from, Instant to, boolean killed) {
            this(node, from, from, to, to, killed);
        }
    }

    /** What {@code observer}'s gossip decided about {@code subject} at {@code at}. */
    record Belief(Instant at, String observer, String subject, boolean up) {
    }

    /** A node over a span of time, as far as the cluster could tell. */
    enum Life { ALIVE, DEAD, EITHER }

    private final List<String> nodes;
    private final List<Cut> cuts;
    private final Map<String, List<Belief>> beliefs = new HashMap<>();
    private final List<Belief> logged;

    /**
     * @param nodes    every node's name
     * @param cuts     every power cut of the run
     * @param beliefs  every gossip decision logged during the run, by node names
     */
    ClusterHistory(List<String> nodes, List<Cut> cuts, List<Belief> beliefs) {
        this.nodes = List.copyOf(nodes);
        this.cuts = List.copyOf(cuts);
        this.logged = List.copyOf(beliefs);
        List<Belief> all = new ArrayList<>(beliefs);
        // A killed node comes back knowing nobody: until its gossip hears from a node it counts
        // that node down, without logging it.
        for (Cut c : cuts) {
            if (c.killed() && c.to() != Instant.MAX) {
                for (String other : nodes) {
                    if (!other.equals(c.node())) {
                        all.add(new Belief(c.to(), c.node(), other, false));
                    }
                }
            }
        }
        all.sort(Comparator.comparing(Belief::at));
        for (Belief b : all) {
            beliefs(b.observer(), b.subject()).add(b);
        }
    }

    List<String> nodes() {
        return nodes;
    }

    List<Cut> cuts() {
        return cuts;
    }

    /** Whether {@code node} had power at some moment of [from, to]. */
    boolean poweredDuring(String node, Instant from, Instant to) {
        return cuts.stream().noneMatch(c -> c.node().equals(node) && !c.from().isAfter(from) && !c.to().isBefore(to));
    }

    /** Whether {@code node} had power at every moment of [from, to]. */
    boolean poweredThroughout(String node, Instant from, Instant to) {
        return cuts.stream().noneMatch(c -> c.node().equals(node) && c.mayFrom().isBefore(to) && c.until().isAfter(from));
    }

    /**
     * {@code node} over [from, to]: ALIVE when it had power throughout and every node with power
     * believed it up throughout; DEAD when its power was cut throughout and every node with
     * power believed it down throughout; EITHER otherwise (a cut not yet convicted, a node coming
     * back, observers that disagree).
     */
    Life life(String node, Instant from, Instant to) {
        boolean powered = poweredThroughout(node, from, to);
        boolean cut = !poweredDuring(node, from, to);
        if (!powered && !cut) {
            return Life.EITHER;
        }
        boolean allUp = true;
        boolean allDown = true;
        for (String o : nodes) {
            if (o.equals(node) || !poweredDuring(o, from, to)) {
                continue;
            }
            List<Belief> bs = beliefs.getOrDefault(key(o, node), List.of());
            boolean up = true;
            for (Belief b : bs) {
                if (b.at().isAfter(to)) {
                    break;
                }
                if (b.at().isAfter(from) && b.up() != up) {
                    return Life.EITHER; // this observer changed its mind within the span
                }
                up = b.up();
            }
            allUp &= up;
            allDown &= !up;
        }
        if (powered && allUp) {
            return Life.ALIVE;
        }
        if (cut && allDown) {
            return Life.DEAD;
        }
        return Life.EITHER;
    }

    /** The first moment in [from, to) at which some live node's gossip convicted {@code node}. */
    java.util.Optional<Instant> firstConviction(String node, Instant from, Instant to) {
        return logged.stream()
                .filter(b -> b.subject().equals(node) && !b.up() && !b.at().isBefore(from) && b.at().isBefore(to))
                .map(Belief::at).min(Comparator.naturalOrder());
    }

    private List<Belief> beliefs(String observer, String subject) {
        return beliefs.computeIfAbsent(key(observer, subject), k -> new ArrayList<>());
    }

    private static String key(String observer, String subject) {
        return observer + ">" + subject;
    }
}
