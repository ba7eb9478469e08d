package booth.chaos;

import booth.hal.CharacterRom;
import booth.hal.PlateView;
import booth.hal.record.TraceReplay.Shown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the LCD really held what each outcome line says it showed ({@code screen} and
 * {@code backlight}): judged from the LCD's own memory, the daemon's plate bus recording decoded
 * by the virtual chips ({@link booth.hal.record.TraceReplay#screens}), never from the daemon's word.
 *
 * <p>Timing, as the daemon does it: the write's answer comes, its read-back follows, and the
 * outcome is posted to the ui thread; the next write starts only after that ({@code WriteLoop}:
 * one write in flight). The ui thread hands the frame to the plate's bus thread, then writes the
 * line; the bus thread draws it at its next step. So the outcome's screen cannot be on the LCD
 * before the write's answer ({@link Observed#end()}), and it has been drawn by the time the next
 * outcome's own answer is in, give or take the ui thread's and the bus thread's lag
 * ({@link #DRAW_LAG}). Between the two, ticks may change the screen too (a failure's two
 * alternating bottom rows): the line's screen must be the LCD's at <em>some</em> moment of that
 * window, and the moments matched keep the stream's order. One exception, measured: the bus
 * thread draws only the latest frame, so when the run itself changed the box's screen through
 * the control socket (a level, a pause, a reset) right after an outcome, the outcome's frame may
 * never be drawn (a clean ChaosIT had one such outcome per client, its screen replaced by
 * "next write..." within milliseconds): a line whose window holds such a change is not judged.
 */
public final class LcdJudge {
    /**
     * How long after the next outcome's answer this outcome's frame may still be waiting to be
     * drawn: the ui thread's queue and the bus thread's step. The clean ChaosIT measured at most
     * a few tens of milliseconds past the read-back (docs/chaos-soak.md); a full collection by the
     * sampler pauses both threads for tens of milliseconds more.
     */
    static final Duration DRAW_LAG = Duration.ofMillis(500);
    /**
     * How long a state must stay on the LCD to count as shown. A frame is drawn as a burst of
     * transactions (a full one takes 12 ms at 100 kHz), the backlight's three LEDs one write each:
     * the states in between (new text in the old colour, a colour on the way to another) last
     * microseconds, and a lie must not pass by matching one of them. A liquid crystal takes a
     * hundred milliseconds or more to turn, so no person saw them either.
     */
    static final Duration VISIBLE = Duration.ofMillis(50);

    private LcdJudge() {
    }

    /**
     * Every outcome of {@code client} whose line's screen the LCD never held in its window.
     *
     * @param outcomes the client's outcomes, in its stream's order
     * @param screens  what its LCD held, change by change, oldest first
     * @param changedByRun when the run changed the box's screen through its control socket
     */
    public static List<TruthChecker.Lie> judge(String client, List<Observed> outcomes, List<Shown> screens,
                                        List<Instant> changedByRun) {
        List<TruthChecker.Lie> lies = new ArrayList<>();
        List<Observed> ordered = outcomes.stream().sorted(Comparator.comparing(Observed::at)).toList();
        int matched = 0; // the LCD state the previous outcome was matched to: the order is kept
        for (int i = 0; i < ordered.size(); i++) {
            Observed o = ordered.get(i);
            Instant from = o.end();
            Instant to = i + 1 < ordered.size() ? ordered.get(i + 1).end().plus(DRAW_LAG) : Instant.MAX;
            Optional<Integer> held = firstHeld(o, screens, from, to, matched);
            if (held.isPresent()) {
                matched = held.get();
            } else if (changedByRun.stream().noneMatch(c -> !c.isBefore(o.at()) && !c.isAfter(to))) {
                lies.add(new TruthChecker.Lie(client, "lcd", "the screen differs from its JSON: the line says '"
                        + readable(o.top() + "|" + o.bottom()) + "' in " + o.backlight() + ", the LCD held "
                        + heldBetween(screens, from, to), o.line(), ""));
            }
        }
        return lies;
    }

    /** The first LCD state, from {@code start} on, that was on between {@code from} and {@code to} and shows {@code o}'s line. */
    private static Optional<Integer> firstHeld(Observed o, List<Shown> screens, Instant from, Instant to, int start) {
        for (int j = start; j < screens.size() && !screens.get(j).at().isAfter(to); j++) {
            Instant off = offAt(screens, j);
            if (off.isAfter(from) && !off.isBefore(screens.get(j).at().plus(VISIBLE)) && shows(screens.get(j).view(), o)) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }

    /** {@code text} with each custom glyph's stand-in (invisible in a terminal) as {@code {g0}} to {@code {g7}}. */
    private static String readable(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> {
            int slot = c - CharacterRom.GLYPH_BASE;
            b.append(slot >= 0 && slot < 8 ? "{g" + slot + "}" : String.valueOf((char) c));
        });
        return b.toString();
    }

    /** When state {@code j} gave way to the next (never, for the last). */
    private static Instant offAt(List<Shown> screens, int j) {
        return j + 1 < screens.size() ? screens.get(j + 1).at() : Instant.MAX;
    }

    private static boolean shows(PlateView v, Observed o) {
        return v.displayOn() && v.top().equals(o.top()) && v.bottom().equals(o.bottom())
                && v.backlight().name().equals(o.backlight());
    }

    /** What the LCD held longest from {@code from} to {@code to}, for the lie's detail. */
    private static String heldBetween(List<Shown> screens, Instant from, Instant to) {
        Optional<Shown> longest = Optional.empty();
        Duration longestFor = Duration.ZERO;
        int states = 0;
        for (int j = 0; j < screens.size() && !screens.get(j).at().isAfter(to); j++) {
            Instant on = screens.get(j).at().isBefore(from) ? from : screens.get(j).at();
            Instant off = offAt(screens, j).isAfter(to) ? to : offAt(screens, j);
            if (off.isAfter(on)) {
                states++;
                Duration held = Duration.between(on, off);
                if (longest.isEmpty() || held.compareTo(longestFor) > 0) {
                    longest = Optional.of(screens.get(j));
                    longestFor = held;
                }
            }
        }
        String window = " between " + from + " and " + (to.equals(Instant.MAX) ? "the end" : to);
        if (longest.isEmpty()) {
            return "nothing recorded" + window;
        }
        PlateView v = longest.get().view();
        return "'" + readable(v.text()) + "' in " + v.backlight() + (v.displayOn() ? "" : " (display off)")
                + (states > 1 ? " longest of " + states + " states" : "") + window;
    }
}
