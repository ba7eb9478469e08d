package booth.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Cassandra's consistency levels: those a visitor can choose, in the order the keypad cycles
 * them, and the serial levels of lightweight transactions, which the keypad never offers but an
 * error may still name (they are reported as themselves).
 */
public enum Level {
    ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY, SERIAL, LOCAL_SERIAL;

    /** Levels a write may use, in keypad order. */
    public static final List<Level> WRITE_LEVELS = List.of(ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM,
            EACH_QUORUM, ANY);
    /** Levels a read may use: Cassandra refuses ANY and EACH_QUORUM for reads. */
    public static final List<Level> READ_LEVELS = List.of(ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM);

    /** Whether the level counts only replicas of the coordinator's own DC. */
    public boolean local() {
        return this == LOCAL_ONE || this == LOCAL_QUORUM || this == LOCAL_SERIAL;
    }

    /** The level named {@code name}, case-insensitively, or empty. */
    public static Optional<Level> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The next (step +1) or previous (step -1) level of {@code cycle}, wrapping round. */
    public Level step(List<Level> cycle, int step) {
        int i = cycle.indexOf(this);
        return cycle.get(Math.floorMod((i < 0 ? 0 : i) + step, cycle.size()));
    }

    /** "ONE, TWO, ..." for messages that list the valid names. */
    public static String names(List<Level> levels) {
        return levels.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

}
