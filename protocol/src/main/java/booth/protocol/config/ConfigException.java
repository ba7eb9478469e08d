package booth.protocol.config;

/** A configuration the daemon cannot run with: names the key and the problem. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The full key, for example {@code booth.write-interval}, or the file for a syntax error. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
