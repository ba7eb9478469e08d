package booth.hal;

import static booth.hal.ButtonEvent.Kind.HELD;
import static booth.hal.ButtonEvent.Kind.PRESSED;
import static booth.hal.ButtonEvent.Kind.REPEATED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The debouncer as a table: each row is a timeline of samples taken every 20 ms for SELECT
 * ('#' down, '.' up) and the events it must produce, each as KIND@sampleIndex[:heldMs].
 */
class ButtonTrackerTest {
    private static final ButtonTiming TIMING = new ButtonTiming(Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(40), Duration.ofMillis(60));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            never pressed          | ..........          |
            one-sample bounce      | ..#.......          |
            bounces then press     | .#.#.##.............| PRESSED@6 RELEASED@8:40
            a short press          | ..##....            | PRESSED@3 RELEASED@5:40
            bounce on release      | .####.#.....        | PRESSED@2 HELD@4:60 REPEATED@6:100 HELD@7:120 RELEASED@8:120
            held: hold and repeat  | .#########....      | PRESSED@2 HELD@4:60 REPEATED@6:100 HELD@7:120 REPEATED@8:140 HELD@10:180 REPEATED@10:180 RELEASED@11:180
            """)
    void samplesBecomeEvents(String name, String timeline, String expected) {
        ButtonTracker tracker = new ButtonTracker(TIMING, List.of(KeypadButton.SELECT));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < timeline.length(); i++) {
            Set<KeypadButton> down = timeline.charAt(i) == '#' ? EnumSet.of(KeypadButton.SELECT) : Set.of();
            for (ButtonEvent e : tracker.sample(down, i * 20_000_000L)) {
                events.add(e.kind() + "@" + i + (e.kind() == PRESSED ? "" : ":" + e.held().toMillis()));
            }
        }
        assertEquals(expected == null ? "" : expected, String.join(" ", events));
    }

    @ParameterizedTest(name = "late samples make no burst")
    @CsvSource("500")
    void aLateSampleGivesOneRepeatNotABurst(long gapMs) {
        ButtonTracker tracker = new ButtonTracker(TIMING, List.of(KeypadButton.UP));
        Set<KeypadButton> up = EnumSet.of(KeypadButton.UP);
        tracker.sample(up, 0);
        assertEquals(List.of(PRESSED), kinds(tracker.sample(up, 20_000_000L)));
        assertEquals(List.of(HELD, REPEATED), kinds(tracker.sample(up, gapMs * 1_000_000L)));
        assertEquals(List.of(), kinds(tracker.sample(up, gapMs * 1_000_000L + 20_000_000L)));
    }

    @ParameterizedTest(name = "two keys at once")
    @CsvSource("x")
    void keysAreIndependentAndReleaseAllReleasesOnlyWhatIsDown(String unused) {
        ButtonTracker tracker = new ButtonTracker(TIMING, EnumSet.allOf(KeypadButton.class));
        tracker.sample(EnumSet.of(KeypadButton.UP, KeypadButton.LEFT), 0);
        List<ButtonEvent> pressed = tracker.sample(EnumSet.of(KeypadButton.UP, KeypadButton.LEFT), 20_000_000L);
        assertEquals(List.of(ButtonEvent.pressed(KeypadButton.UP), ButtonEvent.pressed(KeypadButton.LEFT)), pressed);
        assertEquals(List.of(ButtonEvent.released(KeypadButton.UP, Duration.ofMillis(50)),
                        ButtonEvent.released(KeypadButton.LEFT, Duration.ofMillis(50))),
                tracker.releaseAll(50_000_000L));
        assertEquals(List.of(), tracker.releaseAll(60_000_000L));
    }

    private static List<ButtonEvent.Kind> kinds(List<ButtonEvent> events) {
        return events.stream().map(ButtonEvent::kind).toList();
    }
}
