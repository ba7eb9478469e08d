package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CassandraNodeConfigTest {
    private final Topology booth = read("demo-scripts/topology/booth-laptop.topology");

    @Test
    void tokensAreDistinctAndEvenlySpacedWithinEachDc() {
        Set<BigInteger> tokens = new HashSet<>();
        for (Topology.Node n : booth.nodes()) {
            assertTrue(tokens.add(CassandraNodeConfig.initialToken(booth, n)), "duplicate token for " + n.name());
        }
        List<BigInteger> dc2 = booth.nodesIn("DC2").stream().map(n -> CassandraNodeConfig.initialToken(booth, n)).toList();
        BigInteger third = BigInteger.ONE.shiftLeft(64).divide(BigInteger.valueOf(3));
        assertEquals(third, dc2.get(1).subtract(dc2.get(0)));
        assertEquals(BigInteger.ONE.shiftLeft(63).negate().add(BigInteger.valueOf(100)), dc2.get(0));
    }

    @Test
    void yamlCarriesTheNodesAddressesSeedsAndDemoTimings() {
        Topology.Node n = booth.node("rpidc1r2n2");
        String yaml = CassandraNodeConfig.cassandraYaml(booth, n, CassandraNodeConfig.Profile.laptop(Path.of("/tmp/x")));
        assertTrue(yaml.contains("listen_address: 127.0.1.22\n"), yaml);
        assertTrue(yaml.contains("rpc_address: 127.0.1.22\n"), yaml);
        assertTrue(yaml.contains("- seeds: \"127.0.1.11:7000,127.0.2.11:7000\"\n"), yaml);
        assertTrue(yaml.contains("cluster_name: 'booth'\n"), yaml);
        assertTrue(yaml.contains("endpoint_snitch: GossipingPropertyFileSnitch\n"), yaml);
        assertTrue(yaml.contains("initial_token: " + CassandraNodeConfig.initialToken(booth, n) + "\n"), yaml);
        assertTrue(yaml.contains("write_request_timeout: 500ms\n"), yaml);
        assertTrue(yaml.contains("phi_convict_threshold: 5\n"), yaml);
        assertTrue(yaml.contains("  - /tmp/x/data\n"), yaml);
    }

    @Test
    void rackDcPropertiesNameTheDcAndRack() {
        assertEquals("# generated from the topology file for rpidc1r2n2\ndc=DC1\nrack=r2\n",
                CassandraNodeConfig.rackDcProperties(booth.node("rpidc1r2n2")));
    }

    private static Topology read(String file) {
        try {
            return TopologyFile.read(Path.of(file));
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
