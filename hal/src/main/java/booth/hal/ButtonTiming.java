package booth.hal;

import java.time.Duration;

/**
 * How raw button samples become events.
 *
 * @param debounce       a change counts once the new level has been seen for this long
 * @param repeatDelay    first {@link ButtonEvent.Kind#REPEATED} after the press
 * @param repeatInterval then one every interval while held
 * @param holdInterval   a {@link ButtonEvent.Kind#HELD} at every multiple of this while held
 */
public record ButtonTiming(Duration debounce, Duration repeatDelay, Duration repeatInterval, Duration holdInterval) {
    /** 20 ms debounce (one poll), repeat after 500 ms then every 150 ms, a hold event every 500 ms. */
    public static final ButtonTiming DEFAULT = new ButtonTiming(Duration.ofMillis(20), Duration.ofMillis(500),
            Duration.ofMillis(150), Duration.ofMillis(500));

    public ButtonTiming {
        for (Duration d : new Duration[] {debounce, repeatDelay, repeatInterval, holdInterval}) {
            if (d.isNegative() || (d != debounce && d.isZero())) {
                throw new IllegalArgumentException("button timings must be positive: " + d);
            }
        }
    }
}
