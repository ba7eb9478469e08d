package booth.daemon.config;

/**
 * A documented configuration key of one block ({@code booth} or {@code screen}): its type, its
 * default as HOCON (null: required) and what it does. Messages name it by {@link #path()}.
 */
public interface Key {
    /** The key within its block, for example {@code kafka.outcome-topic}. */
    String key();

    /** The block the key lives in, for example {@code booth}. */
    String block();

    /** The full path, for example {@code booth.kafka.outcome-topic}: how messages name it. */
    default String path() {
        return block() + "." + key();
    }

    String type();

    String defaultValue();

    String doc();
}
