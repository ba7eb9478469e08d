package booth.protocol.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration machinery the daemon and the booth screen share: HOCON (the format of the
 * Cassandra driver's own configuration) whose top level is one block of documented
 * {@link ConfigKey}s. Every problem is a {@link ConfigException} naming the key: an unknown key
 * (with a "did you mean"), a missing required one, text that is not HOCON.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The origin of the defaults' values: a message about one names no file. */
    static final String DEFAULTS = "the defaults";

    /** The keys' defaults as one configuration to fall back on. */
    public static Config defaults(ConfigKey[] keys) {
        StringBuilder hocon = new StringBuilder();
        for (ConfigKey k : keys) {
            if (k.defaultValue() != null) {
                hocon.append(k.path()).append(" = ").append(k.defaultValue()).append('\n');
            }
        }
        return ConfigFactory.parseString(hocon.toString(), ConfigParseOptions.defaults().setOriginDescription(DEFAULTS));
    }

    /**
     * Parses a file's text whose only block is {@code keys}' and reads it with the keys'
     * defaults behind it: for a configuration that is exactly its catalogue (the booth screen's).
     */
    public static SettingReader reader(String text, String origin, ConfigKey[] keys) throws ConfigException {
        return new SettingReader(parse(text, origin, keys, Set.of(), null).withFallback(defaults(keys)));
    }

    /** A configuration file's text. */
    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses HOCON whose top level is the keys' block (and optionally {@code other}), every key
     * of it known and every required one there; what comes back has no defaults yet.
     */
    public static Config parse(String text, String origin, ConfigKey[] keys, Set<? extends ConfigKey> maps, String other) throws ConfigException {
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
        for (ConfigKey k : keys) {
            if (k.defaultValue() == null && !raw.hasPath(k.path())) {
                throw new ConfigException(k.path(), "missing (required: " + k.doc() + ")");
            }
        }
        return raw;
    }

    /** Every leaf under the block must be a known key (or inside a map key). */
    private static void checkKnown(Config config, String block, ConfigKey[] keys, Set<? extends ConfigKey> maps) throws ConfigException {
        Set<String> known = new HashSet<>();
        for (ConfigKey k : keys) {
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

    /** Documented keys as a Markdown table's rows. */
    public static String table(ConfigKey[] keys) {
        return Arrays.stream(keys)
                .map(s -> "| `" + s.key() + "` | " + cell(s.type()) + " | "
                        + (s.defaultValue() == null ? "required" : "`" + cell(shown(s.defaultValue())) + "`")
                        + " | " + cell(s.doc()) + " |")
                .collect(Collectors.joining("\n"));
    }

    /** A default as the table shows it: quotes off, an empty string as {@code ""}. */
    private static String shown(String defaultValue) {
        String bare = defaultValue.replace("\"", "");
        return bare.isEmpty() ? "\"\"" : bare;
    }

    /** A Markdown table cell's text: a {@code |} of its own would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
