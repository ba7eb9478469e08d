package booth.daemon.config;

import booth.protocol.config.ConfigException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.StaffButton;
import booth.model.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            booth {
              client-name = box1
              local-dc = DC1
              contact-points = ["127.0.1.1:9042"]
              replication { DC1 = 3, DC2 = 2 }
            }
            """;

    @Test
    void aMinimalFileTakesEveryDefault() throws ConfigException {
        BoothConfig c = ConfigLoader.parse(MINIMAL, "t");
        assertEquals("box1", c.clientName());
        assertEquals(Map.of("DC1", 3, "DC2", 2), c.replication());
        assertEquals("booth_demo", c.keyspace());
        assertEquals(Duration.ofSeconds(1), c.writeInterval());
        assertEquals(Level.LOCAL_QUORUM, c.writeLevel());
        assertEquals(Level.LOCAL_ONE, c.readLevel());
        assertTrue(c.readBack() && c.dcFailover());
        assertEquals(BoothConfig.Mode.HARDWARE, c.mode());
        assertEquals(1, c.hardware().i2cBus());
        assertEquals(0x20, c.hardware().i2cAddress());
        assertEquals(Map.of(StaffButton.POWER_OFF, 17, StaffButton.REBOOT, 22, StaffButton.RESTART_DISPLAY, 23,
                StaffButton.RESET_DEMO, 27), c.hardware().pitftPins());
        assertEquals(Optional.empty(), c.outcomeStream());
        assertEquals(Optional.empty(), c.hardware().recordBus());
        assertEquals("", c.driverConfig());
    }

    @Test
    void theShippedExamplesLoad() throws ConfigException {
        BoothConfig booth = ConfigLoader.load(Path.of("daemon/conf/booth.conf"));
        assertEquals(BoothConfig.Mode.HARDWARE, booth.mode());
        assertEquals(Map.of("DC1", 3, "DC2", 3), booth.replication());
        BoothConfig laptop = ConfigLoader.load(Path.of("daemon/conf/laptop.conf"));
        assertEquals(BoothConfig.Mode.TERMINAL, laptop.mode());
        assertEquals(Map.of("DC1", 3, "DC2", 2), laptop.replication());
        assertEquals(BoothConfig.Mode.TERMINAL, ConfigLoader.load(Path.of("daemon/conf/laptop-booth.conf")).mode());
    }

    @Test
    void theKafkaDemoDefaultsToItsOwnTopicAndAcksAll() throws ConfigException {
        BoothConfig c = ConfigLoader.parse(MINIMAL, "t");
        assertEquals(booth.model.Demo.CASSANDRA, c.demo());
        assertEquals(booth.model.Acks.ALL, c.kafkaDemo().acks());
        assertEquals(List.of("box1"), c.kafkaDemo().circle(), "alone, a box follows its own topic");
        assertEquals("booth.demo.box1", c.kafkaDemo().topic("box1"));
        BoothConfig k = ConfigLoader.parse(MINIMAL + "booth { demo = KAFKA, kafka-demo { acks = 1, circle = [box1, box2] } }", "t");
        assertEquals(booth.model.Demo.KAFKA, k.demo());
        assertEquals(booth.model.Acks.ONE, k.kafkaDemo().acks());
        assertEquals(List.of("box1", "box2"), k.kafkaDemo().circle());
    }

    @Test
    void theDriverBlockIsPassedThrough() throws ConfigException {
        BoothConfig c = ConfigLoader.parse(MINIMAL + "datastax-java-driver { basic.request.timeout = 2 seconds }", "t");
        assertTrue(c.driverConfig().startsWith("datastax-java-driver {"), c.driverConfig());
        assertTrue(c.driverConfig().contains("\"timeout\":\"2 seconds\""), c.driverConfig());
    }

    @Test
    void hexAndDecimalAddressesAndOverrides() throws ConfigException {
        BoothConfig c = ConfigLoader.parse(MINIMAL.replace("}\n", "}\n") + """
                booth.hardware.i2c-address = 39
                booth.write-interval = 250ms
                booth.write-level = all
                booth.mode = headless
                booth.outcome-stream = "-"
                """, "t");
        assertEquals(39, c.hardware().i2cAddress());
        assertEquals(Duration.ofMillis(250), c.writeInterval());
        assertEquals(Level.ALL, c.writeLevel());
        assertEquals(Optional.of("-"), c.outcomeStream());
    }

    /**
     * Every key that names nodes or brokers takes a list or one string with commas, and a name
     * is not looked up at load (the booth's DNS may come up after the box): .invalid never resolves.
     */
    @Test
    void hostPortListsAreCheckedNotResolved() throws ConfigException {
        BoothConfig c = ConfigLoader.parse(MINIMAL + """
                booth.contact-points = ["cassandra-1.invalid:9042", "10.0.1.21:9042"]
                booth.kafka.bootstrap-servers = "rpikafka1.invalid:9092, 10.0.1.12:9092"
                booth.kafka-demo.bootstrap-servers = ["rpikafka1.invalid:9092", "rpikafka2.invalid:9092"]
                """, "t");
        assertEquals(List.of(new booth.model.HostPort("cassandra-1.invalid", 9042), new booth.model.HostPort("10.0.1.21", 9042)),
                c.contactPoints());
        assertEquals("rpikafka1.invalid:9092,10.0.1.12:9092", c.kafka().bootstrapServers());
        assertEquals("rpikafka1.invalid:9092,rpikafka2.invalid:9092", c.kafkaDemo().bootstrapServers());
    }

    /** Each mistake: the line added to a minimal file, the key named, and a word of the problem. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            booth.write-intervall = 1s                        | booth.write-intervall       | unknown key (did you mean booth.write-interval?)
            booth.hardware.pins.power = 17                    | booth.hardware.pins.power   | unknown key
            booth.write-interval = fast                       | booth.write-interval        | expected a duration such as 1s or 500ms, got "fast"
            booth.write-interval = 10ms                       | booth.write-interval        | must be from 100 ms
            booth.write-level = STRONG                        | booth.write-level           | 'STRONG' is not one of ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY
            booth.read-level = EACH_QUORUM                    | booth.read-level            | 'EACH_QUORUM' is not one of ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM
            booth.read-back = maybe                           | booth.read-back             | expected boolean, got string "maybe"
            booth.mode = kiosk                                | booth.mode                  | 'kiosk' is not one of hardware, terminal, headless
            booth.hardware.i2c-address = "0x99"               | booth.hardware.i2c-address  | a 7-bit I2C address is from 0x03 to 0x77
            booth.hardware.i2c-address = "twenty"             | booth.hardware.i2c-address  | expected an address such as "0x20" or 32
            booth.hardware.i2c-bus = -1                       | booth.hardware.i2c-bus      | must be from 0 to 99, got -1
            booth.hardware.pitft-pins.reboot = 17             | booth.hardware.pitft-pins.power-off | the four PiTFT pins must be different
            booth.contact-points = ["127.0.1.1"]              | booth.contact-points        | '127.0.1.1' is not host:port
            booth.contact-points = []                         | booth.contact-points        | is empty
            booth.contact-points = 9042                       | booth.contact-points        | expected host:port list, got number 9042
            booth.contact-points = ["127.0.1.1:9042", "127.0.1.1:9042"] | booth.contact-points | names 127.0.1.1:9042 twice
            booth.kafka.bootstrap-servers = "rpikafka1"       | booth.kafka.bootstrap-servers | 'rpikafka1' is not host:port (no port); expected host:port, the host a name or an IPv4 address, the port a number from 1 to 65535, for example 127.0.3.1:9092 (t line 7)
            booth.kafka.bootstrap-servers = "127.0.3.1:9092;127.0.3.2:9092" | booth.kafka.bootstrap-servers | '127.0.3.1:9092;127.0.3.2' is not a host name
            booth.kafka.bootstrap-servers = "127.0.3.1:9092,"  | booth.kafka.bootstrap-servers | '' is not host:port (an empty entry (a stray comma?))
            booth.kafka.bootstrap-servers = ""                | booth.kafka.bootstrap-servers | is empty
            booth.kafka-demo.bootstrap-servers = "10.0.1.12:9092,10.0.1.322:9092" | booth.kafka-demo.bootstrap-servers | '10.0.1.322' is not an IPv4 address
            booth.local-dc = DC3                              | booth.replication           | has no entry for the local DC DC3
            booth.replication.DC2 = 12                        | booth.replication.DC2       | expected a replication factor from 1 to 9, got 12
            booth.client-name = "box one"                     | booth.client-name           | must be 1-32 letters, digits
            booth.keyspace = Demo                             | booth.keyspace              | must be lower-case letters
            kafka.enabled = true                              | kafka                       | unknown top-level key (expected booth and datastax-java-driver)
            booth { write-level = ALL                         | t                           | not valid HOCON
            booth.demo = redis                                | booth.demo                  | 'redis' is not one of cassandra, kafka
            booth.kafka-demo.acks = 2                         | booth.kafka-demo.acks       | '2' is not one of 0, 1, all
            booth.kafka-demo.min-insync-replicas = 4          | booth.kafka-demo.min-insync-replicas | more than the 3 replicas: acks=all could never succeed
            booth.kafka-demo.circle = ["box one"]             | booth.kafka-demo.circle     | 'box one' is not a client name
            booth.kafka-demo.topic-prefix = "a/b"             | booth.kafka-demo.topic-prefix | must make a Kafka topic name
            """)
    void mistakesNameTheKey(String line, String key, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(MINIMAL + line + "\n", "t"));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertEquals(e.key() + ": " + e.problem(), e.getMessage());
    }

    @Test
    void aMissingRequiredKeyIsNamedWithWhatItIsFor() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(MINIMAL.replace("  local-dc = DC1\n", ""), "t"));
        assertEquals("booth.local-dc: missing (required: the DC whose coordinators serve this box (DC-aware load balancing))",
                e.getMessage());
        assertEquals("booth: missing: the file needs a booth { ... } block",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse("", "t")).getMessage());
    }

    @Test
    void theKeyTableListsEverySetting() {
        String table = ConfigLoader.table();
        for (Setting s : Setting.values()) {
            assertTrue(table.contains("| `" + s.key() + "` |"), s.key());
        }
    }

    /** Where the plate is, from a file the daemon refuses, so that the plate can say why. */
    @Test
    void thePlateOfABadConfigurationIsFoundWhereItsKeysReadAndDefaultsElsewhere(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("booth.conf");
        java.nio.file.Files.writeString(file, "booth { write-level = NOT_A_LEVEL, hardware { i2c-address = \"0x21\", i2c-bus = x } }");
        BoothConfig.Hardware hw = ConfigLoader.plateOf(file, Optional.empty()).orElseThrow();
        assertEquals(List.of(0x21, 1), List.of(hw.i2cAddress(), hw.i2cBus()), "the address as written, the broken bus defaulted");
        java.nio.file.Files.writeString(file, "booth { mode = headless, write-level = NOT_A_LEVEL }");
        assertEquals(Optional.empty(), ConfigLoader.plateOf(file, Optional.empty()), "no plate in headless mode");
        java.nio.file.Files.writeString(file, "booth { {{ not HOCON");
        assertEquals(0x20, ConfigLoader.plateOf(file, Optional.empty()).orElseThrow().i2cAddress(), "unparsable: the defaults");
        assertEquals(Optional.empty(), ConfigLoader.plateOf(file, Optional.of("terminal")), "the command line's mode wins");
        assertEquals(Optional.empty(), ConfigLoader.plateOf(dir.resolve("missing.conf"), Optional.of("headless")));
    }
}
