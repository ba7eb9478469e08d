package booth.daemon.config;

import booth.protocol.kafka.KafkaClients;
import booth.protocol.config.ConfigKey;

/**
 * Every key of the {@code booth { ... }} block, documented once: its value type, its default
 * (null: required) and what it does. The loader rejects keys not listed here; the README's
 * table is this list. None of them changes at run time except through democtl, where noted.
 */
public enum Setting implements ConfigKey {
    CLIENT_NAME("client-name", "string", null, "this client box's name, for example rpiclient1 (events, logs)"),
    LOCAL_DC("local-dc", "string", null, "the DC whose coordinators serve this box (DC-aware load balancing)"),
    CONTACT_POINTS("contact-points", "host:port list", null, "nodes to reach the cluster through, preferably of the local DC; names are looked up at each connection"),
    KEYSPACE("keyspace", "string", booth.model.DemoSchema.DEFAULT_KEYSPACE, "keyspace of the demo table, created if missing"),
    REPLICATION("replication", "map DC -> factor", null, "replication per DC of the keyspace (NetworkTopologyStrategy)"),
    WRITE_INTERVAL("write-interval", "duration", "1s", "one write per interval; a tick with a write still in flight is skipped"),
    WRITE_LEVEL("write-level", "level", "LOCAL_QUORUM", "write level at start and after a demo reset (keypad and democtl change it)"),
    READ_LEVEL("read-level", "level", "LOCAL_ONE", "read-back level at start and after a demo reset"),
    READ_BACK("read-back", "boolean", "true", "read the row back after each successful write (keypad SELECT on the read page toggles it)"),
    DC_FAILOVER("dc-failover", "boolean", "true", "non-LOCAL levels may use a remote DC's coordinators when the local DC is down"),
    TOPOLOGY_FILE("topology-file", "path", "\"\"", "topology file naming the nodes (rpidc1r2n1); empty: nodes shown by address"),
    MODE("mode", "hardware | terminal | headless", "hardware", "hardware: the plate and PiTFT; terminal: the plate drawn in this terminal; headless: a virtual plate, no terminal"),
    IDLE_TIMEOUT("idle-timeout", "duration", "20s", "a page other than the write page returns to it after this long without a key"),
    INVITE_AFTER("invite-after", "duration", "60s", "after this long without a key, while the writes succeed, the write page's bottom row alternates with an invitation to the next visitor; 0s: never"),
    I2C_BUS("hardware.i2c-bus", "integer", "1", "I2C bus of the plate (/dev/i2c-N)"),
    I2C_ADDRESS("hardware.i2c-address", "integer or \"0xNN\"", "\"0x20\"", "I2C address of the plate's MCP23017"),
    I2C_HZ("hardware.i2c-hz", "integer", "100000", "the plate's I2C clock, as dtparam=i2c_arm_baudrate sets it (10000-1700000): the driver adds the LCD's waits that the bus time does not cover"),
    LEDS_LIT_LOW("hardware.leds-lit-low", "boolean", "true", "backlight LEDs light when their pin is low (Adafruit's kit)"),
    KEYS_PRESSED_LOW("hardware.keys-pressed-low", "boolean", "true", "keys read low when pressed (Adafruit's kit)"),
    PIN_POWER_OFF("hardware.pitft-pins.power-off", "integer (BCM)", "17", "PiTFT button: power off (hold); a key of the kernel's gpio-keys (booth-config's config.txt lines), which the daemon watches and does not request"),
    PIN_REBOOT("hardware.pitft-pins.reboot", "integer (BCM)", "22", "PiTFT button: reboot (hold); a key of the kernel's gpio-keys, as power-off"),
    PIN_RESTART_DISPLAY("hardware.pitft-pins.restart-display", "integer (BCM)", "23", "PiTFT button: restart the display"),
    PIN_RESET_DEMO("hardware.pitft-pins.reset-demo", "integer (BCM)", "27", "PiTFT button: reset the demo"),
    KERNEL_KEYS("hardware.kernel-keys", "auto | on | off", "auto", "watch the kernel's power-off and reboot keys (/dev/input) for the hold's count-down: auto: in hardware mode; on: in every mode (a test machine's uinput keys); off: never (logind still acts on them)"),
    RECORD_BUS("hardware.record-bus", "path", "\"\"", "append every plate bus transaction to this file as JSON lines; empty: off"),
    POWER_HOLD("staff.power-hold", "duration", "5s", "how long the power-off and reboot buttons must be held (1-5 s): the daemon's count-down; logind acts after 5 s whatever it shows"),
    POWER_OFF_COMMAND("staff.power-off-command", "list of strings", "[systemctl, poweroff]", "run (without a shell) when the power-off hold completes; simulated outside hardware mode"),
    REBOOT_COMMAND("staff.reboot-command", "list of strings", "[systemctl, reboot]", "run (without a shell) when the reboot hold completes; simulated outside hardware mode"),
    CONTROL_SOCKET("control-socket", "path", "\"" + BoothConfig.DEFAULT_CONTROL_SOCKET + "\"", "democtl's Unix socket (mode 0660)"),
    CONTROL_SOCKET_GROUP("control-socket-group", "string", "\"\"", "group owning the socket (staff who may use democtl); empty: the daemon's group"),
    OUTCOME_STREAM("outcome-stream", "path", "\"\"", "one JSON line per write: \"-\" standard output, a file path, empty: off"),
    KAFKA_ENABLED("kafka.enabled", "boolean", "false", "publish every write outcome and the Pi's health to Kafka; off: no Kafka code runs at all"),
    KAFKA_BOOTSTRAP("kafka.bootstrap-servers", "host:port list", "\"" + KafkaClients.DEFAULT_BROKERS + "\"", "Kafka brokers; names are looked up when the producer is made and at each connection"),
    KAFKA_OUTCOME_TOPIC("kafka.outcome-topic", "string", KafkaClients.DEFAULT_OUTCOME_TOPIC, "topic of the write outcome events (key: client name)"),
    KAFKA_HEALTH_TOPIC("kafka.health-topic", "string", KafkaClients.DEFAULT_HEALTH_TOPIC, "topic of the health events (key: client name)"),
    KAFKA_HEALTH_INTERVAL("kafka.health-interval", "duration", "10s", "one health event per interval"),
    KAFKA_CLUSTER_TOPIC("kafka.cluster-topic", "string", KafkaClients.DEFAULT_CLUSTER_TOPIC, "topic of the driver's view of the cluster, sent on every change and every 10 s (key: client name)"),
    DEMO("demo", "cassandra | kafka", "cassandra", "the demo at start: Cassandra's consistency levels, or Kafka's acks (the keypad sequence and democtl demo switch it)"),
    KAFKA_DEMO_BOOTSTRAP("kafka-demo.bootstrap-servers", "host:port list", "\"" + KafkaClients.DEFAULT_DEMO_BROKERS + "\"", "the Kafka demo's brokers (the trio)"),
    KAFKA_DEMO_ACKS("kafka-demo.acks", "0 | 1 | all", "all", "the producer's acks at start and after a demo reset (keypad and democtl change it)"),
    KAFKA_DEMO_TOPIC_PREFIX("kafka-demo.topic-prefix", "string", KafkaClients.DEFAULT_DEMO_TOPIC_PREFIX, "each box produces to this prefix followed by its client name, a topic it creates if missing"),
    KAFKA_DEMO_CIRCLE("kafka-demo.circle", "list of strings", "[]", "the client names whose topics this box consumes and checks (the circle); empty: its own only"),
    KAFKA_DEMO_REPLICATION("kafka-demo.replication-factor", "integer", "3", "replicas of a demo topic, when this box creates it"),
    KAFKA_DEMO_MIN_INSYNC("kafka-demo.min-insync-replicas", "integer", "2", "min.insync.replicas of a demo topic, when this box creates it: acks=all fails below it"),
    KAFKA_DEMO_LATE_AFTER("kafka-demo.late-after", "duration", "2s", "a record consumed later than this after it was sent counts as late");

    private final Spec spec;

    Setting(String key, String type, String defaultValue, String doc) {
        this.spec = new Spec(key, type, defaultValue, doc);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public String block() {
        return "booth";
    }
}
