package booth.screen;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * What changed, in a line each, at the client's time of the event: the last
 * {@link BoothScreen#TIMELINE} lines. The first line after a calm stretch opens an episode,
 * which the lines count from until the booth is calm again.
 */
final class Timeline {
    /** One line, and the start of its episode. */
    record Entry(Instant at, String text, Instant episodeStart) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private Instant episodeStart;

    void note(Instant at, String text) {
        if (episodeStart == null) {
            episodeStart = at;
        }
        entries.addLast(new Entry(at, text, episodeStart));
        if (entries.size() > BoothScreen.TIMELINE) {
            entries.removeFirst();
        }
    }

    /** Calm again: the next line opens a new episode. */
    void calm() {
        episodeStart = null;
    }

    /** The lines in the order of their times. */
    List<Entry> entries() {
        return entries.stream().sorted(Comparator.comparing(Entry::at)).toList();
    }
}
