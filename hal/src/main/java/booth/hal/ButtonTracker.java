package booth.hal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns samples of which buttons are down into debounced events: pure logic fed with samples
 * and their times, no threads, no hardware. A driver samples all its buttons at once at a
 * steady rate and passes each sample here.
 *
 * <p>A level change counts once it has held for {@link ButtonTiming#debounce()}; a bounce
 * shorter than that produces nothing. Each press gives exactly one PRESSED and one RELEASED,
 * with HELD and REPEATED in between while it lasts.
 */
public final class ButtonTracker {
    private static final class State {
        boolean down;
        /** The level last sampled, and since when it has been that level. */
        boolean raw;
        long rawSince;
        long pressedAt;
        long nextRepeat;
        long nextHold;
    }

    private final ButtonTiming timing;
    private final Map<Key, State> states = new LinkedHashMap<>();

    /** Tracks {@code keys}, all released to begin with. */
    public ButtonTracker(ButtonTiming timing, Iterable<? extends Key> keys) {
        this.timing = timing;
        for (Key k : keys) {
            states.put(k, new State());
        }
    }

    /**
     * One sample: {@code down} holds the buttons that read as pressed at {@code nowNanos}.
     *
     * @return the events this sample completes, in a stable order
     */
    public List<ButtonEvent> sample(Set<? extends Key> down, long nowNanos) {
        List<ButtonEvent> events = new ArrayList<>(0);
        for (Map.Entry<Key, State> e : states.entrySet()) {
            Key key = e.getKey();
            State s = e.getValue();
            boolean raw = down.contains(key);
            if (raw != s.raw) {
                s.raw = raw;
                s.rawSince = nowNanos;
            }
            if (s.raw != s.down && nowNanos - s.rawSince >= timing.debounce().toNanos()) {
                s.down = s.raw;
                if (s.down) {
                    s.pressedAt = s.rawSince;
                    s.nextRepeat = s.pressedAt + timing.repeatDelay().toNanos();
                    s.nextHold = s.pressedAt + timing.holdInterval().toNanos();
                    events.add(ButtonEvent.pressed(key));
                } else {
                    events.add(ButtonEvent.released(key, Duration.ofNanos(s.rawSince - s.pressedAt)));
                }
                continue;
            }
            if (s.down) {
                Duration held = Duration.ofNanos(nowNanos - s.pressedAt);
                if (nowNanos >= s.nextHold) {
                    events.add(new ButtonEvent(key, ButtonEvent.Kind.HELD, held));
                    s.nextHold = next(s.nextHold, timing.holdInterval(), nowNanos);
                }
                if (nowNanos >= s.nextRepeat) {
                    events.add(new ButtonEvent(key, ButtonEvent.Kind.REPEATED, held));
                    s.nextRepeat = next(s.nextRepeat, timing.repeatInterval(), nowNanos);
                }
            }
        }
        return events;
    }

    /** Releases every button that is down, as when the device that reads them disappears. */
    public List<ButtonEvent> releaseAll(long nowNanos) {
        List<ButtonEvent> events = new ArrayList<>(0);
        for (Map.Entry<Key, State> e : states.entrySet()) {
            State s = e.getValue();
            if (s.down) {
                events.add(ButtonEvent.released(e.getKey(), Duration.ofNanos(nowNanos - s.pressedAt)));
            }
            s.down = false;
            s.raw = false;
            s.rawSince = nowNanos;
        }
        return events;
    }

    /** The next multiple of {@code interval} after {@code now}: a late sample never makes a burst. */
    private static long next(long due, Duration interval, long now) {
        long step = interval.toNanos();
        long late = now - due;
        return due + (late / step + 1) * step;
    }
}
