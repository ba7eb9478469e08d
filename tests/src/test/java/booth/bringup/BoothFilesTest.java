package booth.bringup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.cluster.BoothFiles;
import booth.cluster.BoothFilesCommand;
import booth.daemon.config.BoothConfig;
import booth.protocol.config.ConfigException;
import booth.daemon.config.ConfigLoader;
import booth.hal.StaffButton;
import booth.hal.staff.KernelKeys;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import booth.model.HostPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The booth's files, generated from the reference topology. */
class BoothFilesTest {
    private final Topology booth = read("demo-scripts/topology/booth.topology");
    private final Map<String, String> files = BoothFiles.files(booth, "booth.topology");

    private static Topology read(String file) {
        try {
            return TopologyFile.read(Path.of(file));
        } catch (TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void everyNodeGetsItsDcRackAddressesAndTheSeeds() throws Exception {
        List<String> expected = List.of(
                "rpidc1r1n1 DC1 r1 10.0.1.11", "rpidc1r1n2 DC1 r1 10.0.1.12", "rpidc1r2n1 DC1 r2 10.0.1.21",
                "rpidc1r2n2 DC1 r2 10.0.1.22", "rpidc1r3n1 DC1 r3 10.0.1.31", "rpidc1r3n2 DC1 r3 10.0.1.32",
                "rpidc2r1n1 DC2 r1 10.0.2.11", "rpidc2r1n2 DC2 r1 10.0.2.12", "rpidc2r1n3 DC2 r1 10.0.2.13");
        for (String line : expected) {
            String[] f = line.split(" ");
            Properties rackdc = new Properties();
            rackdc.load(new java.io.StringReader(files.get("nodes/" + f[0] + "/cassandra-rackdc.properties")));
            assertEquals(f[1], rackdc.getProperty("dc"), f[0]);
            assertEquals(f[2], rackdc.getProperty("rack"), f[0]);
            String yaml = files.get("nodes/" + f[0] + "/cassandra.yaml");
            assertTrue(yaml.contains("\nlisten_address: " + f[3] + "\n"), f[0]);
            assertTrue(yaml.contains("\nrpc_address: " + f[3] + "\n"), f[0]);
            assertTrue(yaml.contains("- seeds: \"10.0.1.11:7000,10.0.2.11:7000\"\n"), f[0]);
            assertTrue(yaml.contains("cluster_name: 'booth'\n"), f[0]);
            assertTrue(yaml.contains("endpoint_snitch: GossipingPropertyFileSnitch\n"), f[0]);
            assertTrue(yaml.contains("  - /var/lib/cassandra/data\n"), f[0]);
            assertTrue(yaml.contains("concurrent_writes: 8\n") && yaml.contains("write_request_timeout: 500ms\n"), f[0]);
            assertEquals("# append to /etc/cassandra/jvm-server.options\n-Xms1G\n-Xmx1G\n", files.get("nodes/" + f[0] + "/jvm-heap.options"));
        }
        assertEquals(9 * 3 + 1 + 2 * 2 + 6 + 1, files.size(), files.keySet().toString());
    }

    /** The Kafka demo's trio: each broker on its node's address, the controller apart, and the clients pointed at them. */
    @Test
    void theKafkaDemosBrokersControllerAndClientsAgree() throws Exception {
        for (String[] b : new String[][] {{"1", "10.0.1.12"}, {"2", "10.0.1.22"}, {"3", "10.0.1.32"}}) {
            Properties p = new Properties();
            p.load(new java.io.StringReader(files.get("kafka/broker-" + b[0] + "/server.properties")));
            assertEquals("broker", p.getProperty("process.roles"));
            assertEquals(b[0], p.getProperty("node.id"));
            assertEquals("PLAINTEXT://" + b[1] + ":9092", p.getProperty("listeners"));
            assertEquals("10@10.0.0.10:9193", p.getProperty("controller.quorum.voters"));
            assertEquals("3", p.getProperty("default.replication.factor"));
            assertEquals("2", p.getProperty("min.insync.replicas"));
            assertEquals("1500", p.getProperty("broker.session.timeout.ms"));
        }
        Properties c = new Properties();
        c.load(new java.io.StringReader(files.get("kafka/controller/server.properties")));
        assertEquals("controller", c.getProperty("process.roles"));
        assertEquals("CONTROLLER://10.0.0.10:9193", c.getProperty("listeners"));
        assertEquals("2", c.getProperty("min.insync.replicas"), "KIP-966: the controller's value is the cluster's default");
        String id = files.get("kafka/cluster.id").strip();
        assertEquals(22, id.length(), id);
        assertEquals(id, BoothFiles.files(booth, "again").get("kafka/cluster.id").strip(), "the same id every time");
        assertTrue(files.get("kafka/kafka-demo.service").contains("ExecStart=/opt/kafka/bin/kafka-server-start.sh /etc/kafka/server.properties\n"));
        BoothConfig one = ConfigLoader.parse(files.get("clients/rpiclient1/booth.conf"), "rpiclient1");
        assertEquals("10.0.1.12:9092,10.0.1.22:9092,10.0.1.32:9092", one.kafkaDemo().bootstrapServers());
        assertEquals(List.of("rpiclient1", "rpiclient2"), one.kafkaDemo().circle());
    }

    @Test
    void theRunbookListsTheKafkaDemoControllerFirst() {
        var out = new java.io.ByteArrayOutputStream();
        int exit = BoothFilesCommand.PROGRAM.run(new String[] {"--topology", "demo-scripts/topology/booth.topology", "kafka"},
                new java.io.PrintStream(out), new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertEquals(0, exit);
        assertEquals("""
                controller 10 10.0.0.10 9193 -
                broker 1 10.0.1.12 9092 rpidc1r1n2
                broker 2 10.0.1.22 9092 rpidc1r2n2
                broker 3 10.0.1.32 9092 rpidc1r3n2
                """, out.toString());
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(1, BoothFilesCommand.PROGRAM.run(new String[] {"--topology", "demo-scripts/topology/ci.topology", "kafka"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err)));
        assertEquals("booth-config: ci.topology has no kafka-broker and kafka-controller lines\n", err.toString());
    }

    @Test
    void theSchemaUsesThePerDcReplication() {
        assertEquals("""
                -- generated from booth.topology; run once with cqlsh against any node
                CREATE KEYSPACE IF NOT EXISTS booth_demo WITH replication = {'class': 'NetworkTopologyStrategy', 'DC1': 3, 'DC2': 3};
                CREATE TABLE IF NOT EXISTS booth_demo.writes (client text, run text, seq bigint, written_at timestamp, PRIMARY KEY (client, run, seq)) WITH CLUSTERING ORDER BY (run ASC, seq DESC) AND default_time_to_live = 86400 AND gc_grace_seconds = 3600;
                """, files.get("schema.cql"));
    }

    @Test
    void eachClientGetsAConfigurationTheDaemonAccepts() throws ConfigException {
        BoothConfig one = ConfigLoader.parse(files.get("clients/rpiclient1/booth.conf"), "rpiclient1");
        assertEquals("DC1", one.localDc());
        assertEquals(List.of(new HostPort("10.0.1.11", 9042), new HostPort("10.0.1.21", 9042),
                new HostPort("10.0.1.31", 9042)), one.contactPoints(), "one node of each rack");
        assertEquals(Map.of("DC1", 3, "DC2", 3), one.replication());
        assertEquals(BoothConfig.Mode.HARDWARE, one.mode());
        BoothConfig two = ConfigLoader.parse(files.get("clients/rpiclient2/booth.conf"), "rpiclient2");
        assertEquals("DC2", two.localDc());
        assertEquals(3, two.contactPoints().size(), "one rack: three of its nodes");
    }

    /**
     * The power-off and reboot buttons as the kernel's keys, on the lines the daemon's defaults
     * name, with the codes the daemon watches and logind acts on (KEY_POWER, KEY_RESTART).
     */
    @Test
    void eachClientsBootConfigurationGivesThePowerButtonsToTheKernel() {
        for (String client : List.of("rpiclient1", "rpiclient2")) {
            List<String> overlays = files.get("clients/" + client + "/config.txt").lines()
                    .filter(l -> !l.startsWith("#")).toList();
            assertEquals(List.of(
                    "dtoverlay=gpio-key,gpio=" + StaffButton.POWER_OFF.defaultBcm() + ",keycode=" + KernelKeys.KEY_POWER
                            + ",label=booth-power-off",
                    "dtoverlay=gpio-key,gpio=" + StaffButton.REBOOT.defaultBcm() + ",keycode=" + KernelKeys.KEY_RESTART
                            + ",label=booth-reboot"), overlays, client);
        }
        assertEquals(Map.of(KernelKeys.KEY_POWER, StaffButton.POWER_OFF, KernelKeys.KEY_RESTART, StaffButton.REBOOT),
                KernelKeys.PITFT);
    }

    @Test
    void theHostsFileIsTheNetworkPlan() {
        String hosts = files.get("hosts");
        assertTrue(hosts.contains("10.0.1.21       rpidc1r2n1\n"), hosts);
        assertTrue(hosts.contains("10.0.2.100      rpiclient2\n"), hosts);
    }

    @Test
    void aMalformedTopologyIsRefusedWithTheLineAndTheReason() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("bad", ".topology");
        java.nio.file.Files.writeString(bad, "cluster b\nreplication DC1=1\nnode n1 DC1 r1 10.0.1.11 seed\nnode n2 DC1 r1 10.0.1.11\n");
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();
        int exit = BoothFilesCommand.PROGRAM.run(new String[] {"--topology", bad.toString(), "generate", "/tmp/never"},
                new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(1, exit);
        assertEquals("booth-config: topology: " + bad + ":4: the address 10.0.1.11 is used by two nodes\n", err.toString());
        java.nio.file.Files.delete(bad);
    }

    /** booth-laptop.topology rehearses the same booth: the same nodes, racks, seeds and replication. */
    @Test
    void theLaptopBoothIsTheBoothOnLoopback() {
        Topology laptop = read("demo-scripts/topology/booth-laptop.topology");
        assertEquals(booth.replication(), laptop.replication());
        assertEquals(booth.nodes().stream().map(n -> n.name() + " " + n.rackId() + " " + n.seed()).toList(),
                laptop.nodes().stream().map(n -> n.name() + " " + n.rackId() + " " + n.seed()).toList());
        assertEquals(booth.clients().stream().map(c -> c.name() + " " + c.localDc()).toList(),
                laptop.clients().stream().map(c -> c.name() + " " + c.localDc()).toList());
        assertTrue(laptop.nodes().stream().allMatch(n -> n.address().isLoopbackAddress()));
    }
}
