package booth.protocol.config;

/**
 * A documented configuration key of one block ({@code booth} or {@code screen}): its type, its
 * default as HOCON (null: required) and what it does. Messages name it by {@link #path()}.
 */
public interface ConfigKey {
    /**
     * What documents a key.
     *
     * @param key          within its block, for example {@code kafka.outcome-topic}
     * @param defaultValue as HOCON, or null when the key is required
     */
    record Spec(String key, String type, String defaultValue, String doc) {
    }

    Spec spec();

    /** The block the key lives in, for example {@code booth}. */
    String block();

    default String key() {
        return spec().key();
    }

    /** The full path, for example {@code booth.kafka.outcome-topic}: how messages name it. */
    default String path() {
        return block() + "." + key();
    }

    default String type() {
        return spec().type();
    }

    default String defaultValue() {
        return spec().defaultValue();
    }

    default String doc() {
        return spec().doc();
    }
}
