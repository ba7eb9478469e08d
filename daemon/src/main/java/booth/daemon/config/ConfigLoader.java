package booth.daemon.config;

import booth.hal.I2cSpeed;
import booth.hal.StaffButton;
import booth.model.Level;
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
    private static final Config DEFAULTS = defaults(Setting.values());

    /** The keys' defaults as one configuration to fall back on. */
    static Config defaults(Key[] keys) {
        StringBuilder hocon = new StringBuilder();
        for (Key k : keys) {
            if (k.defaultValue() != null) {
                hocon.append(k.path()).append(" = ").append(k.defaultValue()).append('\n');
            }
        }
        return ConfigFactory.parseString(hocon.toString());
    }

    private ConfigLoader() {
    }

    public static BoothConfig load(Path file) throws ConfigException {
        return parse(read(file), file.toString());
    }

    /** A configuration file's text. */
    static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Parses configuration text; {@code origin} names it in messages. */
    public static BoothConfig parse(String text, String origin) throws ConfigException {
        Config raw = parse(text, origin, Setting.values(), Set.of(Setting.REPLICATION), DRIVER_BLOCK);
        return read(new SettingReader(raw.withFallback(DEFAULTS)), raw);
    }

    /**
     * Parses HOCON whose top level is the keys' block (and optionally {@code other}), every key
     * of it known and every required one there; what comes back has no defaults yet.
     */
    static Config parse(String text, String origin, Key[] keys, Set<? extends Key> maps, String other) throws ConfigException {
        String block = keys[0].block();
        Config raw;
        try {
            raw = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(origin)).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(origin, "not valid HOCON: " + e.getMessage());
        }
        for (String top : raw.root().keySet()) {
            if (!top.equals(block) && !top.equals(other)) {
                throw new ConfigException(top, "unknown top-level key (expected " + block
                        + (other == null ? "" : " and " + other) + ")");
            }
        }
        if (!raw.hasPath(block)) {
            throw new ConfigException(block, "missing: the file needs a " + block + " { ... } block");
        }
        checkKnown(raw.getConfig(block), block, keys, maps);
        for (Key k : keys) {
            if (k.defaultValue() == null && !raw.hasPath(k.path())) {
                throw new ConfigException(k.path(), "missing (required: " + k.doc() + ")");
            }
        }
        return raw;
    }

    private static BoothConfig read(SettingReader r, Config raw) throws ConfigException {
        String clientName = r.string(Setting.CLIENT_NAME);
        if (!clientName.matches("[A-Za-z0-9_-]{1,32}")) {
            throw r.bad(Setting.CLIENT_NAME, "must be 1-32 letters, digits, '-' or '_', got '" + clientName + "'");
        }
        String localDc = r.string(Setting.LOCAL_DC);
        Map<String, Integer> replication = r.replication();
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
        BoothConfig.Mode mode = r.mode();
        Duration idle = r.duration(Setting.IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1));

        Map<StaffButton, Integer> pins = new EnumMap<>(StaffButton.class);
        pins.put(StaffButton.POWER_OFF, r.integer(Setting.PIN_POWER_OFF, 0, 27));
        pins.put(StaffButton.REBOOT, r.integer(Setting.PIN_REBOOT, 0, 27));
        pins.put(StaffButton.RESTART_DISPLAY, r.integer(Setting.PIN_RESTART_DISPLAY, 0, 27));
        pins.put(StaffButton.RESET_DEMO, r.integer(Setting.PIN_RESET_DEMO, 0, 27));
        if (new HashSet<>(pins.values()).size() != pins.size()) {
            throw r.bad(Setting.PIN_POWER_OFF, "the four PiTFT pins must be different, got " + pins.values());
        }
        String record = r.string(Setting.RECORD_BUS);
        BoothConfig.Hardware hardware = new BoothConfig.Hardware(r.integer(Setting.I2C_BUS, 0, 99), r.i2cAddress(),
                new I2cSpeed(r.integer(Setting.I2C_HZ, I2cSpeed.MIN_HZ, I2cSpeed.MAX_HZ)), r.bool(Setting.LEDS_LIT_LOW), r.bool(Setting.KEYS_PRESSED_LOW), pins,
                record.isEmpty() ? Optional.empty() : Optional.of(Path.of(record)));
        BoothConfig.Staff staff = new BoothConfig.Staff(r.duration(Setting.POWER_HOLD, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                r.command(Setting.POWER_OFF_COMMAND), r.command(Setting.REBOOT_COMMAND));
        String outcomes = r.string(Setting.OUTCOME_STREAM);
        String driver = raw.hasPath(DRIVER_BLOCK)
                ? DRIVER_BLOCK + " " + raw.getConfig(DRIVER_BLOCK).root().render(ConfigRenderOptions.concise())
                : "";
        return new BoothConfig(clientName, localDc, r.contactPoints(), keyspace, replication, interval, writeLevel,
                readLevel, r.bool(Setting.READ_BACK), r.bool(Setting.DC_FAILOVER),
                topology.isEmpty() ? Optional.empty() : Optional.of(Path.of(topology)), mode, idle, hardware, staff,
                Path.of(r.string(Setting.CONTROL_SOCKET)), r.string(Setting.CONTROL_SOCKET_GROUP), outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes),
                new BoothConfig.Kafka(r.bool(Setting.KAFKA_ENABLED), r.string(Setting.KAFKA_BOOTSTRAP),
                        r.topic(Setting.KAFKA_OUTCOME_TOPIC), r.topic(Setting.KAFKA_HEALTH_TOPIC),
                        r.duration(Setting.KAFKA_HEALTH_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)),
                        r.topic(Setting.KAFKA_CLUSTER_TOPIC)), r.demo(), kafkaDemo(r, clientName), driver);
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
        return new BoothConfig.KafkaDemo(r.string(Setting.KAFKA_DEMO_BOOTSTRAP), r.acks(Setting.KAFKA_DEMO_ACKS), prefix,
                circle.isEmpty() ? List.of(clientName) : circle, replicas, minInsync,
                r.duration(Setting.KAFKA_DEMO_LATE_AFTER, Duration.ofMillis(100), Duration.ofMinutes(10)));
    }

    /** Every leaf under the block must be a known key (or inside a map key). */
    private static void checkKnown(Config config, String block, Key[] keys, Set<? extends Key> maps) throws ConfigException {
        Set<String> known = new HashSet<>();
        for (Key k : keys) {
            known.add(k.key());
        }
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String key = e.getKey();
            boolean inMap = maps.stream().anyMatch(m -> key.startsWith(m.key() + "."));
            if (!known.contains(key) && !inMap) {
                String near = nearest(key, known);
                throw new ConfigException(block + "." + key, "unknown key" + (near == null ? "" : " (did you mean " + block + "." + near + "?)"));
            }
        }
    }

    /** The known key closest to a mistyped one, when one is close. */
    private static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 4;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The daemon's documented keys, as the README lists them. */
    public static String table() {
        return table(Setting.values());
    }

    /** Documented keys as a Markdown table's rows. */
    static String table(Key[] keys) {
        return java.util.Arrays.stream(keys)
                .map(s -> "| `" + s.key() + "` | " + s.type() + " | " + (s.defaultValue() == null ? "required" : "`" + s.defaultValue().replace("\"", "") + "`")
                        + " | " + s.doc() + " |")
                .collect(Collectors.joining("\n"));
    }
}
