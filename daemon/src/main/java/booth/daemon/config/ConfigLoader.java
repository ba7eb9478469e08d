package booth.daemon.config;

import booth.hal.StaffButton;
import booth.model.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private static final Config DEFAULTS;

    static {
        StringBuilder hocon = new StringBuilder();
        for (Setting s : Setting.values()) {
            if (s.defaultValue() != null) {
                hocon.append("booth.").append(s.key()).append(" = ").append(s.defaultValue()).append('\n');
            }
        }
        DEFAULTS = ConfigFactory.parseString(hocon.toString());
    }

    private ConfigLoader() {
    }

    public static BoothConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses configuration text; {@code origin} names it in messages. */
    public static BoothConfig parse(String text, String origin) throws ConfigException {
        Config raw;
        try {
            raw = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(origin)).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException(origin, "not valid HOCON: " + e.getMessage());
        }
        for (String top : raw.root().keySet()) {
            if (!top.equals("booth") && !top.equals(DRIVER_BLOCK)) {
                throw new ConfigException(top, "unknown top-level key (expected booth and " + DRIVER_BLOCK + ")");
            }
        }
        if (!raw.hasPath("booth")) {
            throw new ConfigException("booth", "missing: the file needs a booth { ... } block");
        }
        checkKnown(raw.getConfig("booth"));
        Config c = raw.withFallback(DEFAULTS);
        for (Setting s : Setting.values()) {
            if (s.defaultValue() == null && !c.hasPath(s.path())) {
                throw new ConfigException(s.path(), "missing (required: " + s.doc() + ")");
            }
        }
        return read(new Reader(c), raw);
    }

    private static BoothConfig read(Reader r, Config raw) throws ConfigException {
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
                r.bool(Setting.LEDS_LIT_LOW), r.bool(Setting.KEYS_PRESSED_LOW), pins,
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
                        r.duration(Setting.KAFKA_HEALTH_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1))), driver);
    }

    /** Every leaf under booth must be a known setting (or inside a map setting). */
    private static void checkKnown(Config booth) throws ConfigException {
        Set<String> known = new HashSet<>();
        for (Setting s : Setting.values()) {
            known.add(s.key());
        }
        for (Map.Entry<String, ConfigValue> e : booth.entrySet()) {
            String key = e.getKey();
            boolean inMap = Setting.MAPS.stream().anyMatch(m -> key.startsWith(m.key() + "."));
            if (!known.contains(key) && !inMap) {
                String near = nearest(key, known);
                throw new ConfigException("booth." + key, "unknown key" + (near == null ? "" : " (did you mean booth." + near + "?)"));
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

    private static String quotePath(String key) {
        return key; // keys use only letters, digits, '-' and '.'
    }

    /** Typed reads that turn the library's exceptions into messages naming the key. */
    private record Reader(Config c) {
        ConfigException bad(Setting s, String problem) {
            return new ConfigException(s.path(), problem);
        }

        private ConfigValue value(Setting s) {
            return c.getValue(s.path());
        }

        private ConfigException wrongType(Setting s) {
            ConfigValue v = value(s);
            return bad(s, "expected " + s.type() + ", got " + v.valueType().name().toLowerCase(Locale.ROOT)
                    + " " + v.render(ConfigRenderOptions.concise()));
        }

        String string(Setting s) throws ConfigException {
            ConfigValue v = value(s);
            if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER
                    && v.valueType() != ConfigValueType.BOOLEAN) {
                throw wrongType(s);
            }
            return c.getString(s.path()).trim();
        }

        boolean bool(Setting s) throws ConfigException {
            try {
                return c.getBoolean(s.path());
            } catch (com.typesafe.config.ConfigException e) {
                throw wrongType(s);
            }
        }

        int integer(Setting s, int min, int max) throws ConfigException {
            int n;
            try {
                n = c.getInt(s.path());
            } catch (com.typesafe.config.ConfigException e) {
                throw wrongType(s);
            }
            if (n < min || n > max) {
                throw bad(s, "must be from " + min + " to " + max + ", got " + n);
            }
            return n;
        }

        int i2cAddress() throws ConfigException {
            Setting s = Setting.I2C_ADDRESS;
            String raw = string(s).toLowerCase(Locale.ROOT);
            int n;
            try {
                n = raw.startsWith("0x") ? Integer.parseInt(raw.substring(2), 16) : Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw bad(s, "expected an address such as \"0x20\" or 32, got '" + raw + "'");
            }
            if (n < 0x03 || n > 0x77) {
                throw bad(s, "a 7-bit I2C address is from 0x03 to 0x77, got " + raw);
            }
            return n;
        }

        Duration duration(Setting s, Duration min, Duration max) throws ConfigException {
            Duration d;
            try {
                d = c.getDuration(s.path());
            } catch (com.typesafe.config.ConfigException e) {
                throw bad(s, "expected a duration such as 1s or 500ms, got " + value(s).render(ConfigRenderOptions.concise()));
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw bad(s, "must be from " + min.toMillis() + " ms to " + max.toSeconds() + " s, got " + d.toMillis() + " ms");
            }
            return d;
        }

        Level level(Setting s, List<Level> allowed) throws ConfigException {
            String name = string(s);
            Optional<Level> level = Level.parse(name);
            if (level.isEmpty() || !allowed.contains(level.get())) {
                throw bad(s, "'" + name + "' is not one of " + Level.names(allowed));
            }
            return level.get();
        }

        BoothConfig.Mode mode() throws ConfigException {
            String name = string(Setting.MODE);
            try {
                return BoothConfig.Mode.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(Setting.MODE, "'" + name + "' is not one of hardware, terminal, headless");
            }
        }

        Map<String, Integer> replication() throws ConfigException {
            Setting s = Setting.REPLICATION;
            if (value(s).valueType() != ConfigValueType.OBJECT) {
                throw wrongType(s);
            }
            Map<String, Integer> out = new LinkedHashMap<>();
            Config map = c.getConfig(s.path());
            for (String dc : map.root().keySet().stream().sorted().toList()) {
                ConfigValue v = map.root().get(dc);
                if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer factor)
                        || factor < 1 || factor > 9) {
                    throw new ConfigException(s.path() + "." + dc, "expected a replication factor from 1 to 9, got "
                            + v.render(ConfigRenderOptions.concise()));
                }
                out.put(dc, factor);
            }
            if (out.isEmpty()) {
                throw bad(s, "names no DC");
            }
            return out;
        }

        String topic(Setting s) throws ConfigException {
            String t = string(s);
            if (!t.matches("[A-Za-z0-9._-]{1,249}")) {
                throw bad(s, "a Kafka topic name uses letters, digits, '.', '_' and '-', got '" + t + "'");
            }
            return t;
        }

        /** A command as an argument list: run as it is, never through a shell. */
        List<String> command(Setting s) throws ConfigException {
            List<String> argv;
            try {
                argv = c.getStringList(s.path());
            } catch (com.typesafe.config.ConfigException e) {
                throw wrongType(s);
            }
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw bad(s, "needs at least the program to run, for example [systemctl, poweroff]");
            }
            return argv;
        }

        List<InetSocketAddress> contactPoints() throws ConfigException {
            Setting s = Setting.CONTACT_POINTS;
            List<String> raw;
            try {
                raw = c.getStringList(s.path());
            } catch (com.typesafe.config.ConfigException e) {
                throw wrongType(s);
            }
            if (raw.isEmpty()) {
                throw bad(s, "is empty: name at least one node as host:port");
            }
            List<InetSocketAddress> out = new ArrayList<>();
            for (String hp : raw) {
                int colon = hp.lastIndexOf(':');
                int port = -1;
                if (colon > 0) {
                    try {
                        port = Integer.parseInt(hp.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                }
                if (port < 1 || port > 65535) {
                    throw bad(s, "'" + hp + "' is not host:port (for example 127.0.1.1:9042)");
                }
                InetSocketAddress address = new InetSocketAddress(hp.substring(0, colon), port);
                if (address.isUnresolved()) {
                    throw bad(s, "cannot resolve host '" + hp.substring(0, colon) + "'");
                }
                out.add(address);
            }
            return out;
        }
    }

    /** The documented keys, as the README lists them. */
    public static String table() {
        return java.util.Arrays.stream(Setting.values())
                .map(s -> "| `" + s.key() + "` | " + s.type() + " | " + (s.defaultValue() == null ? "required" : "`" + s.defaultValue().replace("\"", "") + "`")
                        + " | " + s.doc() + " |")
                .collect(Collectors.joining("\n"));
    }
}
