package booth.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the topology file format: one statement per line, {@code #} starts a comment.
 *
 * <pre>
 * cluster     booth                        # Cassandra cluster_name
 * replication DC1=3 DC2=3                  # demo keyspace, per DC
 * node        rpidc1r1n1 DC1 r1 127.0.1.1 seed
 * node        rpidc1r1n2 DC1 r1 127.0.1.2
 * client      rpiclient1 DC1 127.0.1.100     # the address is optional
 * kafka-broker     1 rpidc1r1n2             # the Kafka demo: a broker id on a node's Pi
 * kafka-controller 10 10.0.0.10             # its KRaft controller: an id and an address
 * </pre>
 *
 * Every problem is reported as a {@link TopologyException} naming the line and the reason.
 */
public final class TopologyFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,47}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private TopologyFile() {
    }

    public static Topology read(Path file) throws TopologyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TopologyException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new TopologyException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses {@code text}; {@code source} names it in error messages. */
    public static Topology parse(String source, String text) throws TopologyException {
        String cluster = null;
        Map<String, Integer> replication = null;
        int replicationLine = 0;
        List<Topology.Node> nodes = new ArrayList<>();
        List<Topology.Client> clients = new ArrayList<>();
        Map<String, Integer> clientLines = new HashMap<>();
        Set<String> names = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        Map<Integer, String> brokerNodes = new LinkedHashMap<>();
        Map<Integer, Integer> brokerLines = new HashMap<>();
        Integer controllerId = null;
        InetAddress controller = null;

        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "cluster" -> {
                    expect(source, lineNo, f, 2, 2, "cluster NAME");
                    if (cluster != null) {
                        throw new TopologyException(source, lineNo, "cluster is named twice");
                    }
                    cluster = name(source, lineNo, f[1], "cluster name");
                }
                case "replication" -> {
                    expect(source, lineNo, f, 2, Integer.MAX_VALUE, "replication DC=FACTOR ...");
                    if (replication != null) {
                        throw new TopologyException(source, lineNo, "replication is given twice");
                    }
                    replication = new LinkedHashMap<>();
                    replicationLine = lineNo;
                    for (int k = 1; k < f.length; k++) {
                        String[] kv = f[k].split("=", -1);
                        if (kv.length != 2) {
                            throw new TopologyException(source, lineNo,
                                    "replication entry '" + f[k] + "' is not DC=FACTOR");
                        }
                        String dc = name(source, lineNo, kv[0], "data centre");
                        int factor;
                        try {
                            factor = Integer.parseInt(kv[1]);
                        } catch (NumberFormatException e) {
                            factor = 0;
                        }
                        if (factor < 1 || factor > 9) {
                            throw new TopologyException(source, lineNo,
                                    "replication factor of " + dc + " must be a number from 1 to 9, got '" + kv[1] + "'");
                        }
                        if (replication.put(dc, factor) != null) {
                            throw new TopologyException(source, lineNo, "replication names " + dc + " twice");
                        }
                    }
                }
                case "node" -> {
                    expect(source, lineNo, f, 5, 6, "node NAME DC RACK ADDRESS [seed]");
                    String name = name(source, lineNo, f[1], "node name");
                    String dc = name(source, lineNo, f[2], "data centre");
                    String rack = name(source, lineNo, f[3], "rack");
                    InetAddress address = ipv4(source, lineNo, f[4]);
                    boolean seed = false;
                    if (f.length == 6) {
                        if (!f[5].equals("seed")) {
                            throw new TopologyException(source, lineNo,
                                    "unexpected '" + f[5] + "' after the address (only 'seed' may follow)");
                        }
                        seed = true;
                    }
                    if (!names.add(name)) {
                        throw new TopologyException(source, lineNo, "the name " + name + " is used twice");
                    }
                    if (!addresses.add(address)) {
                        throw new TopologyException(source, lineNo,
                                "the address " + f[4] + " is used by two nodes");
                    }
                    nodes.add(new Topology.Node(name, dc, rack, address, seed));
                }
                case "client" -> {
                    expect(source, lineNo, f, 3, 4, "client NAME DC [ADDRESS]");
                    String name = name(source, lineNo, f[1], "client name");
                    if (!names.add(name)) {
                        throw new TopologyException(source, lineNo, "the name " + name + " is used twice");
                    }
                    InetAddress address = f.length == 4 ? ipv4(source, lineNo, f[3]) : null;
                    if (address != null && !addresses.add(address)) {
                        throw new TopologyException(source, lineNo, "the address " + f[3] + " is used twice");
                    }
                    clients.add(new Topology.Client(name, name(source, lineNo, f[2], "data centre"), address));
                    clientLines.put(name, lineNo);
                }
                case "kafka-broker" -> {
                    expect(source, lineNo, f, 3, 3, "kafka-broker ID NODE");
                    int id = kafkaId(source, lineNo, f[1]);
                    if (brokerNodes.containsKey(id) || Integer.valueOf(id).equals(controllerId)) {
                        throw new TopologyException(source, lineNo, "the Kafka id " + id + " is used twice");
                    }
                    if (brokerNodes.containsValue(f[2])) {
                        throw new TopologyException(source, lineNo, "node " + f[2] + " already runs a Kafka broker");
                    }
                    brokerNodes.put(id, name(source, lineNo, f[2], "node name"));
                    brokerLines.put(id, lineNo);
                }
                case "kafka-controller" -> {
                    expect(source, lineNo, f, 3, 3, "kafka-controller ID ADDRESS");
                    if (controllerId != null) {
                        throw new TopologyException(source, lineNo, "kafka-controller is given twice");
                    }
                    controllerId = kafkaId(source, lineNo, f[1]);
                    if (brokerNodes.containsKey(controllerId)) {
                        throw new TopologyException(source, lineNo, "the Kafka id " + controllerId + " is used twice");
                    }
                    controller = ipv4(source, lineNo, f[2]);
                }
                default -> throw new TopologyException(source, lineNo, "unknown statement '" + f[0]
                        + "' (expected cluster, replication, node, client, kafka-broker or kafka-controller)");
            }
        }

        if (cluster == null) {
            throw new TopologyException(source, 0, "no 'cluster NAME' line");
        }
        if (nodes.isEmpty()) {
            throw new TopologyException(source, 0, "no 'node' lines");
        }
        if (replication == null) {
            throw new TopologyException(source, 0, "no 'replication DC=FACTOR ...' line");
        }
        Map<String, Integer> perDc = new LinkedHashMap<>();
        Map<String, Boolean> seeded = new LinkedHashMap<>();
        for (Topology.Node n : nodes) {
            perDc.merge(n.dc(), 1, Integer::sum);
            seeded.merge(n.dc(), n.seed(), Boolean::logicalOr);
        }
        for (var e : seeded.entrySet()) {
            if (!e.getValue()) {
                throw new TopologyException(source, 0, "data centre " + e.getKey()
                        + " has no seed node (mark one node line with 'seed')");
            }
        }
        for (var e : replication.entrySet()) {
            Integer count = perDc.get(e.getKey());
            if (count == null) {
                throw new TopologyException(source, replicationLine,
                        "replication names " + e.getKey() + " but no node is in it");
            }
            if (e.getValue() > count) {
                throw new TopologyException(source, replicationLine, "replication factor " + e.getValue()
                        + " for " + e.getKey() + " exceeds its " + count + " node(s)");
            }
        }
        for (Topology.Client c : clients) {
            if (!perDc.containsKey(c.localDc())) {
                throw new TopologyException(source, clientLines.get(c.name()),
                        "client " + c.name() + " is in " + c.localDc() + ", which has no nodes");
            }
        }
        java.util.Optional<Topology.Kafka> kafka = java.util.Optional.empty();
        if (!brokerNodes.isEmpty() || controllerId != null) {
            if (brokerNodes.isEmpty() || controllerId == null) {
                throw new TopologyException(source, 0, "the Kafka demo needs kafka-broker lines and one kafka-controller line");
            }
            Map<Integer, Topology.Node> brokers = new LinkedHashMap<>();
            for (var e : brokerNodes.entrySet()) {
                Topology.Node n = nodes.stream().filter(x -> x.name().equals(e.getValue())).findFirst()
                        .orElseThrow(() -> new TopologyException(source, brokerLines.get(e.getKey()),
                                "kafka-broker " + e.getKey() + " names " + e.getValue() + ", which is not a node of this file"));
                brokers.put(e.getKey(), n);
            }
            Set<InetAddress> onNodes = new HashSet<>();
            nodes.forEach(n -> onNodes.add(n.address()));
            if (onNodes.contains(controller)) {
                throw new TopologyException(source, 0, "the kafka-controller must not be on a node: an e-stop would cut it");
            }
            kafka = java.util.Optional.of(new Topology.Kafka(brokers, controllerId, controller));
        }
        return new Topology(cluster, replication, nodes, clients, kafka);
    }

    private static int kafkaId(String source, int line, String value) throws TopologyException {
        try {
            int id = Integer.parseInt(value);
            if (id >= 1 && id <= 999) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TopologyException(source, line, "a Kafka node id is a number from 1 to 999, got '" + value + "'");
    }

    private static void expect(String source, int line, String[] f, int min, int max, String form)
            throws TopologyException {
        if (f.length < min || f.length > max) {
            throw new TopologyException(source, line, "expected '" + form + "', got " + (f.length - 1)
                    + " value(s) after '" + f[0] + "'");
        }
    }

    private static String name(String source, int line, String value, String what) throws TopologyException {
        if (!NAME.matcher(value).matches()) {
            throw new TopologyException(source, line, what + " '" + value
                    + "' must start with a letter and use only letters, digits, '-' and '_'");
        }
        return value;
    }

    private static InetAddress ipv4(String source, int line, String value) throws TopologyException {
        var m = IPV4.matcher(value);
        if (!m.matches()) {
            throw new TopologyException(source, line, "address '" + value + "' is not an IPv4 address");
        }
        byte[] b = new byte[4];
        for (int k = 0; k < 4; k++) {
            int octet = Integer.parseInt(m.group(k + 1));
            if (octet > 255) {
                throw new TopologyException(source, line, "address '" + value + "' has an octet above 255");
            }
            b[k] = (byte) octet;
        }
        try {
            return InetAddress.getByAddress(b); // a literal: no name look-up
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }
}
