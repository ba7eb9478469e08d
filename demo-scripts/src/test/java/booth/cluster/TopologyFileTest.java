package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologyFileTest {
    private static final String VALID = """
            cluster booth-ci
            replication DC1=3 DC2=2
            node rpidc1r1n1 DC1 r1 127.0.1.1 seed   # comment
            node rpidc1r2n1 DC1 r2 127.0.1.2
            node rpidc1r3n1 DC1 r3 127.0.1.3
            node rpidc2r1n1 DC2 r1 127.0.2.1 seed
            node rpidc2r1n2 DC2 r1 127.0.2.2
            client rpiclient1 DC1
            """;

    @Test
    void readsEveryStatement() throws TopologyException {
        Topology t = TopologyFile.parse("t", VALID);
        assertEquals("booth-ci", t.clusterName());
        assertEquals(Map.of("DC1", 3, "DC2", 2), t.replication());
        assertEquals(List.of("DC1", "DC2"), t.dcs());
        assertEquals(List.of("DC1:r1", "DC1:r2", "DC1:r3", "DC2:r1"), t.racks());
        assertEquals(List.of("rpidc1r1n1", "rpidc2r1n1"), t.seeds().stream().map(Topology.Node::name).toList());
        assertEquals("127.0.1.2", t.node("rpidc1r2n1").address().getHostAddress());
        assertFalse(t.node("rpidc1r2n1").seed());
        assertEquals(List.of(new Topology.Client("rpiclient1", "DC1", null)), t.clients());
        assertEquals(5, t.totalReplicas());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            all         | rpidc1r1n1 rpidc1r2n1 rpidc1r3n1 rpidc2r1n1 rpidc2r1n2
            DC1         | rpidc1r1n1 rpidc1r2n1 rpidc1r3n1
            dc2         | rpidc2r1n1 rpidc2r1n2
            DC1:r2      | rpidc1r2n1
            DC2:r1      | rpidc2r1n1 rpidc2r1n2
            rpidc2r1n2  | rpidc2r1n2
            """)
    void selectsTargets(String target, String expected) throws TopologyException {
        Topology t = TopologyFile.parse("t", VALID);
        assertEquals(List.of(expected.split(" ")), t.select(target).stream().map(Topology.Node::name).toList());
    }

    @Test
    void anUnknownTargetListsTheValidOnes() throws TopologyException {
        Topology t = TopologyFile.parse("t", VALID);
        var e = assertThrows(IllegalArgumentException.class, () -> t.select("DC1:r9"));
        assertTrue(e.getMessage().contains("DC1:r9") && e.getMessage().contains("DC1:r3"), e.getMessage());
    }

    /** One line per mistake: the line number it must name and a word of the reason. */
    @ParameterizedTest(name = "line {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "cluster a\\ncluster b"                                               | 2 | cluster is named twice
            "cluster a\\nreplication DC1=3\\nnode n1 DC1 r1 127.0.1.1 seed\\nnode n2 DC1 r1" | 4 | expected 'node NAME DC RACK ADDRESS [seed]'
            "cluster a\\nreplication DC1=x\\nnode n1 DC1 r1 127.0.1.1 seed"       | 2 | must be a number from 1 to 9
            "cluster a\\nreplication DC1\\nnode n1 DC1 r1 127.0.1.1 seed"         | 2 | is not DC=FACTOR
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.300 seed"     | 3 | octet above 255
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 localhost seed"       | 3 | is not an IPv4 address
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 sed"        | 3 | only 'seed' may follow
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nnode n1 DC1 r1 127.0.1.2" | 4 | used twice
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nnode n2 DC1 r1 127.0.1.1" | 4 | used by two nodes
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nrack r1" | 4 | unknown statement 'rack'
            "cluster a\\nreplication DC1=2\\nnode n1 DC1 r1 127.0.1.1 seed"       | 2 | exceeds its 1 node(s)
            "cluster a\\nreplication DC1=1 DC2=1\\nnode n1 DC1 r1 127.0.1.1 seed" | 2 | no node is in it
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nclient c1 DC9" | 4 | which has no nodes
            "cluster a\\nreplication DC1=1\\nnode 1n DC1 r1 127.0.1.1 seed"       | 3 | must start with a letter
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1"            | 0 | has no seed node
            "replication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed"                   | 0 | no 'cluster NAME' line
            "cluster a\\nnode n1 DC1 r1 127.0.1.1 seed"                           | 0 | no 'replication
            "cluster a\\nreplication DC1=1"                                       | 0 | no 'node' lines
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nkafka-broker 1 n9\\nkafka-controller 10 127.0.3.10" | 4 | names n9, which is not a node
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nkafka-broker x n1" | 4 | a Kafka node id is a number
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nkafka-broker 1 n1\\nkafka-controller 1 127.0.3.10" | 5 | the Kafka id 1 is used twice
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nkafka-broker 1 n1" | 0 | needs kafka-broker lines and one kafka-controller
            "cluster a\\nreplication DC1=1\\nnode n1 DC1 r1 127.0.1.1 seed\\nkafka-broker 1 n1\\nkafka-controller 10 127.0.1.1" | 0 | must not be on a node
            """)
    void rejectsMistakesNamingTheLine(String text, int line, String reason) {
        var e = assertThrows(TopologyException.class, () -> TopologyFile.parse("bad.topology", text.replace("\\n", "\n")));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith(line > 0 ? "bad.topology:" + line + ": " : "bad.topology: "), e.getMessage());
    }

    @Test
    void theBoothsKafkaBrokersAreOneOnEachRackOfDc1AndTheirControllerOnNone() throws TopologyException {
        Topology t = TopologyFile.read(Path.of("demo-scripts/topology/booth.topology"));
        Topology.Kafka k = t.kafka().orElseThrow();
        assertEquals(List.of("DC1:r1", "DC1:r2", "DC1:r3"), k.brokers().values().stream().map(Topology.Node::rackId).toList());
        assertEquals(List.of(1, 2, 3), List.copyOf(k.brokers().keySet()));
        assertEquals("10.0.0.10", k.controller().getHostAddress());
        assertTrue(TopologyFile.parse("t", VALID).kafka().isEmpty());
    }

    @Test
    void aMissingFileIsNamed() {
        var e = assertThrows(TopologyException.class, () -> TopologyFile.read(Path.of("/nonexistent/x.topology")));
        assertEquals("/nonexistent/x.topology: no such file", e.getMessage());
    }

    @Test
    void theShippedTopologiesAreTheIssuesLayouts() throws TopologyException {
        Topology ci = TopologyFile.read(Path.of("demo-scripts/topology/ci.topology"));
        assertEquals(List.of("DC1:r1", "DC1:r2", "DC1:r3", "DC2:r1"), ci.racks());
        assertEquals(List.of(1, 1, 1), List.of(ci.select("DC1:r1").size(), ci.select("DC1:r2").size(), ci.select("DC1:r3").size()));
        assertEquals(2, ci.select("DC2:r1").size());
        assertEquals(Map.of("DC1", 3, "DC2", 2), ci.replication());

        Topology booth = TopologyFile.read(Path.of("demo-scripts/topology/booth-laptop.topology"));
        assertEquals(List.of("DC1:r1", "DC1:r2", "DC1:r3", "DC2:r1"), booth.racks());
        for (String rack : List.of("DC1:r1", "DC1:r2", "DC1:r3")) {
            assertEquals(2, booth.select(rack).size(), rack);
        }
        assertEquals(3, booth.select("DC2:r1").size());
        assertEquals(Map.of("DC1", 3, "DC2", 3), booth.replication());
        for (Topology.Node n : booth.nodes()) {
            assertTrue(n.name().matches("rpidc\\d+r\\d+n\\d+"), n.name());
            assertTrue(n.name().startsWith("rpi" + n.dc().toLowerCase() + n.rack()), n.name() + " is named after its DC and rack");
            assertTrue(n.address().isLoopbackAddress(), n.name());
        }
    }
}
