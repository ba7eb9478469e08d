package booth.hal;

import java.time.Duration;

/**
 * Something a person did with a button, after debouncing.
 *
 * @param key  the button
 * @param kind what happened
 * @param held how long the button has been down: zero for {@link Kind#PRESSED}, the whole
 *             press for {@link Kind#RELEASED}, so far for {@link Kind#HELD} and {@link Kind#REPEATED}
 */
public record ButtonEvent(Key key, Kind kind, Duration held) {
    public enum Kind {
        /** Went down. */
        PRESSED,
        /** Came up. */
        RELEASED,
        /** Still down: at every hold interval, for countdowns and long presses. */
        HELD,
        /** Still down: auto-repeat, as a keyboard repeats a held key. */
        REPEATED
    }

    public static ButtonEvent pressed(Key key) {
        return new ButtonEvent(key, Kind.PRESSED, Duration.ZERO);
    }

    public static ButtonEvent released(Key key, Duration held) {
        return new ButtonEvent(key, Kind.RELEASED, held);
    }
}
