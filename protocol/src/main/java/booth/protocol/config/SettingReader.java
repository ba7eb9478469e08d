package booth.protocol.config;

import booth.model.Acks;
import booth.model.HostPort;
import booth.model.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed reads that turn the library's exceptions into messages naming the key. */
public record SettingReader(Config c) {
    /** A problem with the key's value, said with where the value was written when a file gave it. */
    public ConfigException bad(ConfigKey s, String problem) {
        return new ConfigException(s.path(), problem + where(s));
    }

    /** " (FILE line N)" for a value from a file; nothing for a default. */
    private String where(ConfigKey s) {
        if (!c.hasPathOrNull(s.path())) {
            return "";
        }
        ConfigOrigin o = value(s).origin();
        String line = ": " + o.lineNumber();
        if (o.lineNumber() < 1 || !o.description().endsWith(line) || o.description().startsWith(ConfigFiles.DEFAULTS)) {
            return "";
        }
        return " (" + o.description().substring(0, o.description().length() - line.length()) + " line " + o.lineNumber() + ")";
    }

    private ConfigValue value(ConfigKey s) {
        return c.getValue(s.path());
    }

    private ConfigException wrongType(ConfigKey s) {
        ConfigValue v = value(s);
        return bad(s, "expected " + s.type() + ", got " + v.valueType().name().toLowerCase(Locale.ROOT)
                + " " + v.render(ConfigRenderOptions.concise()));
    }

    public String string(ConfigKey s) throws ConfigException {
        ConfigValue v = value(s);
        if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER
                && v.valueType() != ConfigValueType.BOOLEAN) {
            throw wrongType(s);
        }
        return c.getString(s.path()).trim();
    }

    public boolean bool(ConfigKey s) throws ConfigException {
        try {
            return c.getBoolean(s.path());
        } catch (com.typesafe.config.ConfigException e) {
            throw wrongType(s);
        }
    }

    public int integer(ConfigKey s, int min, int max) throws ConfigException {
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

    public int i2cAddress(ConfigKey s) throws ConfigException {
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

    public Duration duration(ConfigKey s, Duration min, Duration max) throws ConfigException {
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

    public Level level(ConfigKey s, List<Level> allowed) throws ConfigException {
        String name = string(s);
        Optional<Level> level = Level.parse(name);
        if (level.isEmpty() || !allowed.contains(level.get())) {
            throw bad(s, "'" + name + "' is not one of " + Level.names(allowed));
        }
        return level.get();
    }

    /** One of an enum's constants, written in lower case. */
    public <E extends Enum<E>> E choice(ConfigKey s, Class<E> type) throws ConfigException {
        String name = string(s);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw bad(s, "'" + name + "' is not one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    /** A map of DC names to replication factors (1-9). */
    public Map<String, Integer> replication(ConfigKey s) throws ConfigException {
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

    public String topic(ConfigKey s) throws ConfigException {
        String t = string(s);
        if (!t.matches("[A-Za-z0-9._-]{1,249}")) {
            throw bad(s, "a Kafka topic name uses letters, digits, '.', '_' and '-', got '" + t + "'");
        }
        return t;
    }

    public Acks acks(ConfigKey s) throws ConfigException {
        String v = string(s);
        return Acks.parse(v).orElseThrow(() -> bad(s, "'" + v + "' is not one of 0, 1, all"));
    }

    private List<String> strings(ConfigKey s) throws ConfigException {
        try {
            return c.getStringList(s.path());
        } catch (com.typesafe.config.ConfigException e) {
            throw wrongType(s);
        }
    }

    /** A list of client names (as client-name allows them). */
    public List<String> names(ConfigKey s) throws ConfigException {
        List<String> names = strings(s);
        for (String n : names) {
            if (!n.matches("[A-Za-z0-9_-]{1,32}")) {
                throw bad(s, "'" + n + "' is not a client name (1-32 letters, digits, '-' or '_')");
            }
        }
        return List.copyOf(names);
    }

    /** A command as an argument list: run as it is, never through a shell. */
    public List<String> command(ConfigKey s) throws ConfigException {
        List<String> argv = strings(s);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw bad(s, "needs at least the program to run, for example [systemctl, poweroff]");
        }
        return argv;
    }

    /**
     * A non-empty list of host:port: a HOCON list, or one string with commas as Kafka's
     * {@code bootstrap.servers} takes it. Names are not looked up: the client that connects does.
     */
    public List<HostPort> hostPorts(ConfigKey s, String example) throws ConfigException {
        List<String> raw;
        if (value(s).valueType() == ConfigValueType.STRING) {
            raw = Arrays.asList(c.getString(s.path()).split(",", -1));
        } else if (value(s).valueType() == ConfigValueType.LIST) {
            raw = strings(s);
        } else {
            throw wrongType(s);
        }
        if (raw.size() == 1 && raw.get(0).isBlank() || raw.isEmpty()) {
            throw bad(s, "is empty: name at least one as host:port, for example " + example);
        }
        List<HostPort> out = new ArrayList<>();
        for (String entry : raw) {
            HostPort hp = hostPort(s, entry, example, 1);
            if (out.contains(hp)) {
                throw bad(s, "names " + hp + " twice");
            }
            out.add(hp);
        }
        return List.copyOf(out);
    }

    /** An address to listen on: host:port, port 0 for any free one; resolved now, as it is bound at start. */
    public InetSocketAddress listenAddress(ConfigKey s) throws ConfigException {
        HostPort hp = hostPort(s, string(s), "127.0.0.1:8080", 0);
        InetSocketAddress address = new InetSocketAddress(hp.host(), hp.port());
        if (address.isUnresolved()) {
            throw bad(s, "cannot resolve host '" + hp.host() + "'");
        }
        return address;
    }

    private HostPort hostPort(ConfigKey s, String entry, String example, int lowestPort) throws ConfigException {
        try {
            return HostPortSyntax.parse(entry, lowestPort);
        } catch (HostPortSyntax.Invalid e) {
            throw bad(s, "'" + entry.strip() + "' is not host:port (" + e.getMessage() + "); expected "
                    + HostPortSyntax.EXPECTED + " from " + lowestPort + " to 65535, for example " + example);
        }
    }
}
