package booth.cluster;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * One node's gossip view as {@code nodetool status} shows it, read from the node's
 * StorageService MBean over its local JMX port (127.0.0.1, no authentication, as nodetool).
 */
final class GossipView {
    private GossipView() {
    }

    static Map<String, String> read(int jmxPort) throws IOException, JMException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName storage = new ObjectName("org.apache.cassandra.db:type=StorageService");
            return states(addresses(jmx.getAttribute(storage, "LiveNodes")),
                    addresses(jmx.getAttribute(storage, "UnreachableNodes")),
                    addresses(jmx.getAttribute(storage, "JoiningNodes")),
                    addresses(jmx.getAttribute(storage, "LeavingNodes")),
                    addresses(jmx.getAttribute(storage, "MovingNodes")));
        }
    }

    /** nodetool's two letters: U(p) or D(own), then N(ormal), J(oining), L(eaving) or M(oving). */
    static Map<String, String> states(List<String> live, List<String> unreachable, List<String> joining,
                                      List<String> leaving, List<String> moving) {
        Map<String, String> view = new LinkedHashMap<>();
        TreeSet<String> all = new TreeSet<>(live);
        all.addAll(unreachable);
        all.addAll(joining);
        all.addAll(leaving);
        all.addAll(moving);
        for (String a : all) {
            String state = joining.contains(a) ? "J" : leaving.contains(a) ? "L" : moving.contains(a) ? "M" : "N";
            view.put(a, (live.contains(a) ? "U" : "D") + state);
        }
        return view;
    }

    private static List<String> addresses(Object attribute) {
        if (!(attribute instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(o -> String.valueOf(o).replaceFirst("^/", "").replaceFirst(":\\d+$", "")).toList();
    }
}
