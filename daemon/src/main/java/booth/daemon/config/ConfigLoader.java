package booth.daemon.config;

import booth.protocol.config.ConfigException;
import booth.protocol.config.ConfigFiles;
import booth.protocol.config.SettingReader;

import booth.hal.I2cSpeed;
import booth.hal.StaffButton;
import booth.model.Demo;
import booth.model.HostPort;
import booth.model.Level;
import booth.protocol.kafka.KafkaClients;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the daemon's HOCON configuration (the format of the Cassandra driver's own
 * configuration): a {@code booth { ... }} block of {@link Setting}s and an optional
 * {@code datastax-java-driver { ... }} block passed to the driver. Every problem stops with a
 * {@link ConfigException} naming the key: an unknown key, a missing required one, a wrong type,
 * a bad value.
 */
public final class ConfigLoader {
    private static final String DRIVER_BLOCK = "datastax-java-driver";
    /**
     * logind's long press (systemd's LONG_PRESS_DURATION, fixed): on the Pi it powers off or
     * reboots after this hold whatever the daemon shows, so the daemon's count-down is no longer.
     */
    static final Duration LOGIND_LONG_PRESS = Duration.ofSeconds(5);
    private static final Config DEFAULTS = ConfigFiles.defaults(Setting.values());


    private ConfigLoader() {
    }

    public static BoothConfig load(Path file) throws ConfigException {
        return parse(ConfigFiles.read(file), file.toString());
    }


    /**
     * Where the plate is, read from a configuration the daemon cannot run with, so that the plate
     * can say why: each of the plate's keys that is wrong or missing takes its default, and a file
     * that cannot be parsed at all is the defaults (hardware mode, the plate at 0x20 on bus 1).
     * Empty when the file (or {@code modeOverride}, the command line's) says another mode: then
     * there is no plate to speak through.
     */
    public static Optional<BoothConfig.Hardware> plateOf(Path file, Optional<String> modeOverride) {
        Config raw;
        try {
            raw = ConfigFactory.parseString(ConfigFiles.read(file), ConfigParseOptions.defaults()).resolve();
        } catch (ConfigException | com.typesafe.config.ConfigException e) {
            raw = ConfigFactory.empty();
        }
        Lenient lenient = new Lenient(new SettingReader(raw.withFallback(DEFAULTS)), new SettingReader(DEFAULTS));
        try {
            BoothConfig.Mode mode = modeOverride.isPresent()
                    ? BoothConfig.Mode.valueOf(modeOverride.get().toUpperCase(java.util.Locale.ROOT))
                    : lenient.read(r -> r.choice(Setting.MODE, BoothConfig.Mode.class));
            if (mode != BoothConfig.Mode.HARDWARE) {
                return Optional.empty();
            }
            return Optional.of(new BoothConfig.Hardware(lenient.read(r -> r.integer(Setting.I2C_BUS, 0, 99)),
                    lenient.read(r -> r.i2cAddress(Setting.I2C_ADDRESS)),
                    new I2cSpeed(lenient.read(r -> r.integer(Setting.I2C_HZ, I2cSpeed.MIN_HZ, I2cSpeed.MAX_HZ))),
                    lenient.read(r -> r.bool(Setting.LEDS_LIT_LOW)), lenient.read(r -> r.bool(Setting.KEYS_PRESSED_LOW)),
                    Map.of(), Optional.empty(), BoothConfig.KernelKeys.AUTO));
        } catch (ConfigException | IllegalArgumentException e) {
            return Optional.empty(); // a default that does not read: cannot happen; no plate then
        }
    }

    private interface Read<T> {
        T from(SettingReader r) throws ConfigException;
    }

    /** A setting as the file has it, or its default where the file's value does not read. */
    private record Lenient(SettingReader file, SettingReader defaults) {
        <T> T read(Read<T> setting) throws ConfigException {
            try {
                return setting.from(file);
            } catch (ConfigException | com.typesafe.config.ConfigException e) {
                return setting.from(defaults);
            }
        }
    }

    /** Parses configuration text; {@code origin} names it in messages. */
    public static BoothConfig parse(String text, String origin) throws ConfigException {
        Config raw = ConfigFiles.parse(text, origin, Setting.values(), Set.of(Setting.REPLICATION), DRIVER_BLOCK);
        return read(new SettingReader(raw.withFallback(DEFAULTS)), raw);
    }


    private static BoothConfig read(SettingReader r, Config raw) throws ConfigException {
        String clientName = r.string(Setting.CLIENT_NAME);
        if (!clientName.matches("[A-Za-z0-9_-]{1,32}")) {
            throw r.bad(Setting.CLIENT_NAME, "must be 1-32 letters, digits, '-' or '_', got '" + clientName + "'");
        }
        String localDc = r.string(Setting.LOCAL_DC);
        Map<String, Integer> replication = r.replication(Setting.REPLICATION);
        if (!replication.containsKey(localDc)) {
            throw r.bad(Setting.REPLICATION, "has no entry for the local DC " + localDc);
        }
        String keyspace = r.string(Setting.KEYSPACE);
        if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
            throw r.bad(Setting.KEYSPACE, "must be lower-case letters, digits and '_', starting with a letter, got '" + keyspace + "'");
        }
        Duration interval = r.duration(Setting.WRITE_INTERVAL, Duration.ofMillis(100), Duration.ofHours(1));
        Level writeLevel = r.level(Setting.WRITE_LEVEL, Level.WRITE_LEVELS);
        Level readLevel = r.level(Setting.READ_LEVEL, Level.READ_LEVELS);
        String topology = r.string(Setting.TOPOLOGY_FILE);
        BoothConfig.Mode mode = r.choice(Setting.MODE, BoothConfig.Mode.class);
        Duration idle = r.duration(Setting.IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));
        Duration invite = r.duration(Setting.INVITE_AFTER, Duration.ZERO, Duration.ofHours(1));

        Map<StaffButton, Integer> pins = new EnumMap<>(StaffButton.class);
        pins.put(StaffButton.POWER_OFF, r.integer(Setting.PIN_POWER_OFF, 0, 27));
        pins.put(StaffButton.REBOOT, r.integer(Setting.PIN_REBOOT, 0, 27));
        pins.put(StaffButton.RESTART_DISPLAY, r.integer(Setting.PIN_RESTART_DISPLAY, 0, 27));
        pins.put(StaffButton.RESET_DEMO, r.integer(Setting.PIN_RESET_DEMO, 0, 27));
        if (new HashSet<>(pins.values()).size() != pins.size()) {
            throw r.bad(Setting.PIN_POWER_OFF, "the four PiTFT pins must be different, got " + pins.values());
        }
        String record = r.string(Setting.RECORD_BUS);
        BoothConfig.Hardware hardware = new BoothConfig.Hardware(r.integer(Setting.I2C_BUS, 0, 99), r.i2cAddress(Setting.I2C_ADDRESS),
                new I2cSpeed(r.integer(Setting.I2C_HZ, I2cSpeed.MIN_HZ, I2cSpeed.MAX_HZ)), r.bool(Setting.LEDS_LIT_LOW), r.bool(Setting.KEYS_PRESSED_LOW), pins,
                record.isEmpty() ? Optional.empty() : Optional.of(Path.of(record)),
                r.choice(Setting.KERNEL_KEYS, BoothConfig.KernelKeys.class));
        BoothConfig.Staff staff = new BoothConfig.Staff(r.duration(Setting.POWER_HOLD, Duration.ofSeconds(1), LOGIND_LONG_PRESS),
                r.command(Setting.POWER_OFF_COMMAND), r.command(Setting.REBOOT_COMMAND));
        String outcomes = r.string(Setting.OUTCOME_STREAM);
        String driver = raw.hasPath(DRIVER_BLOCK)
                ? DRIVER_BLOCK + " " + raw.getConfig(DRIVER_BLOCK).root().render(ConfigRenderOptions.concise())
                : "";
        return new BoothConfig(clientName, localDc, r.hostPorts(Setting.CONTACT_POINTS, "127.0.1.1:9042"), keyspace, replication, interval, writeLevel,
                readLevel, r.bool(Setting.READ_BACK), r.bool(Setting.DC_FAILOVER),
                topology.isEmpty() ? Optional.empty() : Optional.of(Path.of(topology)), mode, idle, invite, hardware, staff,
                Path.of(r.string(Setting.CONTROL_SOCKET)), r.string(Setting.CONTROL_SOCKET_GROUP), outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes),
                new BoothConfig.Kafka(r.bool(Setting.KAFKA_ENABLED), brokers(r, Setting.KAFKA_BOOTSTRAP),
                        r.topic(Setting.KAFKA_OUTCOME_TOPIC), r.topic(Setting.KAFKA_HEALTH_TOPIC),
                        r.duration(Setting.KAFKA_HEALTH_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)),
                        r.topic(Setting.KAFKA_CLUSTER_TOPIC)), r.choice(Setting.DEMO, Demo.class), kafkaDemo(r, clientName), driver);
    }

    private static BoothConfig.KafkaDemo kafkaDemo(SettingReader r, String clientName) throws ConfigException {
        String prefix = r.string(Setting.KAFKA_DEMO_TOPIC_PREFIX);
        if (!(prefix + clientName).matches("[A-Za-z0-9._-]{1,249}")) {
            throw r.bad(Setting.KAFKA_DEMO_TOPIC_PREFIX, "with the client name it must make a Kafka topic name (letters, digits, '.', '_' and '-'), got '" + prefix + "'");
        }
        List<String> circle = r.names(Setting.KAFKA_DEMO_CIRCLE);
        int replicas = r.integer(Setting.KAFKA_DEMO_REPLICATION, 1, 7);
        int minInsync = r.integer(Setting.KAFKA_DEMO_MIN_INSYNC, 1, 7);
        if (minInsync > replicas) {
            throw r.bad(Setting.KAFKA_DEMO_MIN_INSYNC, "is " + minInsync + ", more than the " + replicas
                    + " replicas: acks=all could never succeed");
        }
        return new BoothConfig.KafkaDemo(brokers(r, Setting.KAFKA_DEMO_BOOTSTRAP), r.acks(Setting.KAFKA_DEMO_ACKS), prefix,
                circle.isEmpty() ? List.of(clientName) : circle, replicas, minInsync,
                r.duration(Setting.KAFKA_DEMO_LATE_AFTER, Duration.ofMillis(100), Duration.ofMinutes(10)));
    }


    /** A checked broker list as Kafka's {@code bootstrap.servers} takes it. */
    private static String brokers(SettingReader r, Setting s) throws ConfigException {
        return HostPort.commaSeparated(r.hostPorts(s, KafkaClients.DEFAULT_BROKERS));
    }

    /** The daemon's documented keys, as the README lists them. */
    public static String table() {
        return ConfigFiles.table(Setting.values());
    }

}
