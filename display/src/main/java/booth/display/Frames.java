package booth.display;

import booth.hal.Backlight;
import booth.hal.CharacterRom;
import booth.hal.Glyph;
import booth.hal.PlateFrame;
import booth.model.ClockSync;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.Level;
import booth.model.OutcomeKind;
import booth.model.Prediction;
import booth.model.ReadBack;
import booth.model.Stats;
import booth.model.WriteOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every page of the client box as the LCD shows it, a frame: two rows of exactly 16 characters
 * and a backlight colour. ("Screen" is kept for the booth screen, the TV.)
 *
 * <p>Colours carry the meaning from across the booth: green, the write was served by the local
 * DC; blue, by a remote DC (failover); red, it failed; white while starting; yellow while
 * connecting and on the statistics; teal on the read page; violet when staff paused the demo.
 * Pages: the write page (the main screen), the read page and the statistics, cycled with
 * LEFT/RIGHT; UP/DOWN change the level shown. The two glyphs at the end of a page's first row
 * say so: an up-down arrow, and a right arrow for "more pages".
 */
public final class Frames {
    /** Custom glyphs, loaded in every frame (drawing them again costs nothing). */
    public static final List<Glyph> GLYPHS = List.of(
            Glyph.parse("..#..", ".###.", "#.#.#", "..#..", "#.#.#", ".###.", "..#..", "....."), // 0: up-down
            Glyph.parse(".....", "..#..", ".#...", "#####", ".#...", "..#..", ".....", "....."), // 1: left
            Glyph.parse(".....", "..#..", "...#.", "#####", "...#.", "..#..", ".....", "....."), // 2: right
            Glyph.parse(".....", "....#", "...##", "#.##.", "###..", ".#...", ".....", ".....")); // 3: tick
    public static final char UP_DOWN = CharacterRom.glyph(0);
    public static final char LEFT = CharacterRom.glyph(1);
    public static final char RIGHT = CharacterRom.glyph(2);
    public static final char TICK = CharacterRom.glyph(3);

    /** How a terminal draws each glyph of {@link #GLYPHS}, in slot order. */
    public static final String GLYPH_LOOKS = "\u2195\u2190\u2192\u2713";

    /**
     * The row as a terminal or a web page can draw it: glyph stand-ins become the characters they
     * look like ({@link #GLYPH_LOOKS}); an unknown slot becomes '?'.
     */
    public static String looks(String row) {
        StringBuilder b = new StringBuilder(row.length());
        for (char c : row.toCharArray()) {
            int slot = c - CharacterRom.GLYPH_BASE;
            b.append(slot >= 0 && slot < GLYPH_LOOKS.length() ? GLYPH_LOOKS.charAt(slot)
                    : slot >= 0 && slot < 8 ? '?' : c);
        }
        return b.toString();
    }

    /** Statistics pages: the counts, the latencies, then the failure kinds two by two, then skipped ticks. */
    public static final int STATS_PAGES = 7;

    private Frames() {
    }

    public static PlateFrame starting() {
        return frame("Resilience demo", "starting...", Backlight.WHITE);
    }

    /** The cluster has not answered yet: says to what it is connecting and for how long. */
    public static PlateFrame connecting(String target, Duration trying) {
        String top = trying.toSeconds() < 2 ? "Connecting to" : "Connecting " + seconds(trying);
        return frame(top, target, Backlight.YELLOW);
    }

    /** The main screen, showing a failure's numbers (not where it happened). */
    public static PlateFrame writePage(Level level, Optional<WriteOutcome> last, String localDc, boolean paused) {
        return writePage(level, last, localDc, paused, false);
    }

    /**
     * The main screen: the write level and what became of the last write. A failure's second
     * row has no room for both its numbers and its coordinator, so when the coordinator is
     * known the row alternates between the two: {@code showWhere} picks the coordinator.
     */
    public static PlateFrame writePage(Level level, Optional<WriteOutcome> last, String localDc, boolean paused,
                                       boolean showWhere) {
        String top = "W:" + pad(level.name(), 12) + UP_DOWN + RIGHT;
        if (paused) {
            return frame(top, "PAUSED by staff", Backlight.VIOLET);
        }
        if (last.isEmpty() || last.get().writeLevel() != level) {
            // a new level applies from the next write: say so rather than show the old level's result
            return frame(top, "next write...", Backlight.WHITE);
        }
        WriteOutcome o = last.get();
        if (o.failure().isPresent()) {
            Failure f = o.failure().get();
            String bottom;
            if (f instanceof Failure.ConnectionLost && o.coordinator().isPresent()) {
                bottom = "Lost " + o.coordinator().get().label(); // the line says where: nothing to alternate with
            } else {
                bottom = showWhere && o.coordinator().isPresent() ? "at " + o.coordinator().get().label() : failureLine(f);
            }
            return frame(top, bottom, Backlight.RED);
        }
        if (o.coordinator().isEmpty()) {
            // written, but the driver did not say by whom: no colour claims local or remote
            return frame(top, pad("ok, node ?", 10) + padLeft(latency(o.latency()), 6), Backlight.WHITE);
        }
        Coordinator c = o.coordinator().get();
        Backlight colour = c.dc().equals(localDc) ? Backlight.GREEN : Backlight.BLUE;
        return frame(top, pad(c.label(), 10) + padLeft(latency(o.latency()), 6), colour);
    }

    /**
     * The prediction page: the write level and what it survives now, from the driver's view of
     * the client's replicas ({@code prediction} empty until the driver has one). Not an answer,
     * so a fixed colour of its own (docs/colours.md); UP / DOWN go through the levels as on the
     * write page.
     */
    public static PlateFrame predictionPage(Level level, Optional<Prediction> prediction) {
        String top = pad(level.name(), 14) + UP_DOWN + RIGHT;
        return frame(top, prediction.map(Prediction::words).orElse("no view yet"), Backlight.TEAL);
    }

    /** The invitation's row, in the write page's place for the last write's result. */
    public static final String INVITATION = "Hit a red switch";

    /**
     * {@code writePage} inviting the next visitor: its level on top and its backlight (the last
     * write's truth: it succeeded), the invitation below.
     */
    public static PlateFrame invitation(PlateFrame writePage) {
        return frame(writePage.top(), INVITATION, writePage.backlight());
    }

    /** The read page: the read level and what the last read-back found. */
    public static PlateFrame readPage(Level level, boolean readBackOn, Optional<WriteOutcome> last) {
        last = last.filter(o -> o.readLevel() == level);
        String top = "R:" + pad(level.name(), 12) + UP_DOWN + RIGHT;
        if (!readBackOn) {
            return frame(top, "read off: SELECT", Backlight.TEAL);
        }
        ReadBack r = last.map(WriteOutcome::readBack).orElse(ReadBack.NOT_READ);
        if (last.isPresent() && last.get().failure().isPresent()) {
            return frame(top, "write failed", Backlight.TEAL);
        }
        String bottom;
        if (r instanceof ReadBack.Current c) {
            bottom = pad("read " + TICK + " ok", 10) + padLeft(latency(c.latency()), 6);
        } else if (r instanceof ReadBack.Stale s) {
            bottom = pad("STALE read", 10) + padLeft(latency(s.latency()), 6);
        } else if (r instanceof ReadBack.Missing m) {
            bottom = pad("MISSING", 10) + padLeft(latency(m.latency()), 6); // "row MISSING" left no room for "100ms"
        } else if (r instanceof ReadBack.Failed f) {
            bottom = failureLine(f.failure());
        } else {
            bottom = "next read...";
        }
        return frame(top, bottom, Backlight.TEAL);
    }

    /**
     * Statistics page {@code page} (0 to {@link #STATS_PAGES} - 1); the last one also says whether
     * the Pi's clock is synchronised.
     */
    public static PlateFrame statsPage(int page, Stats stats, ClockSync clock) {
        return switch (page) {
            case 0 -> frame(count("ok", stats.succeeded(), 16), count("failed", stats.failed(), 16), Backlight.YELLOW);
            case 1 -> frame(pair("p50 write", latency(stats.percentile(50))),
                    pair("p99 write", latency(stats.percentile(99))), Backlight.YELLOW);
            case 2 -> frame(count("Unavail", stats.count(OutcomeKind.UNAVAILABLE), 16),
                    count("Wr timeout", stats.count(OutcomeKind.WRITE_TIMEOUT), 16), Backlight.YELLOW);
            case 3 -> frame(count("Rd timeout", stats.count(OutcomeKind.READ_TIMEOUT), 16),
                    count("No answer", stats.count(OutcomeKind.CLIENT_TIMEOUT), 16), Backlight.YELLOW);
            case 4 -> frame(count("No node", stats.count(OutcomeKind.NO_NODE_AVAILABLE), 16),
                    count("Conn lost", stats.count(OutcomeKind.CONNECTION_LOST), 16), Backlight.YELLOW);
            case 5 -> frame(count("Overloaded", stats.count(OutcomeKind.OVERLOADED), 16),
                    count("Other", stats.count(OutcomeKind.OTHER), 16), Backlight.YELLOW);
            case 6 -> frame(count("Ticks skip", stats.skipped(), 16), clock.words(), Backlight.YELLOW);
            default -> throw new IllegalArgumentException("no statistics page " + page);
        };
    }

    /**
     * A power button held: what will happen and in how long. Violet is the staff colour
     * (countdowns, notices, pause).
     */
    public static PlateFrame countdown(String action, Duration left) {
        return frame(pair(action, String.format(Locale.ROOT, "%.1fs", Math.max(0, left.toMillis()) / 1000.0)),
                "release: cancel", Backlight.VIOLET);
    }

    /** A staff message: a reset done, a hold cancelled, power going off. */
    public static PlateFrame notice(String top, String bottom) {
        return frame(top, bottom, Backlight.VIOLET);
    }

    /**
     * The daemon's last words before it exits with something a person must fix, in red: what is
     * wrong on top, the thing named below ("Config error" / "write-level"). A configuration key
     * too long for the row keeps its last parts ("power-off" of "hardware.pitft-pins.power-off");
     * a file (a syntax error names the file) its name.
     */
    public static PlateFrame cannotRun(String problem, String what) {
        if (what.contains("/")) {
            return frame(problem, what.substring(what.lastIndexOf('/') + 1), Backlight.RED);
        }
        String shown = what.startsWith("booth.") ? what.substring("booth.".length()) : what;
        while (shown.length() > 16 && shown.contains(".")) {
            shown = shown.substring(shown.indexOf('.') + 1);
        }
        return frame(problem, shown, Backlight.RED);
    }

    public static PlateFrame stopping() {
        return frame("Demo stopping...", "", Backlight.WHITE);
    }

    /**
     * The outcome in one line as the write page says it, without alternating: the coordinator and
     * latency of a write; a failure's numbers and, when known, its coordinator ("Unavail 4/5 up at
     * DC1 r1 n1"). For people who read the stream, where nothing alternates.
     */
    public static String outcomeText(WriteOutcome o) {
        if (o.failure().isEmpty()) {
            return o.coordinator().map(Coordinator::label).orElse("ok, node ?") + " " + latency(o.latency());
        }
        Failure f = o.failure().get();
        if (f instanceof Failure.ConnectionLost && o.coordinator().isPresent()) {
            return "Lost " + o.coordinator().get().label();
        }
        return failureLine(f) + o.coordinator().map(c -> " at " + c.label()).orElse("");
    }

    /**
     * One line for a failure, its numbers included (Unavailable: replicas up of those needed).
     * An EACH_QUORUM Unavailable says that a DC has fewer than its quorum up, never Cassandra's
     * {@code alive}, which is not a count then ({@link Failure.Unavailable#aliveKnown()}).
     */
    static String failureLine(Failure f) {
        if (f instanceof Failure.Unavailable u) {
            return u.aliveKnown() ? "Unavail " + u.alive() + "/" + u.required() + " up"
                    : "Unav a DC <" + u.required() + " up";
        } else if (f instanceof Failure.WriteTimeout w) {
            return "Timeout " + w.received() + "/" + w.blockFor() + " acks";
        } else if (f instanceof Failure.ReadTimeout r) {
            return "RdTimeout " + r.received() + "/" + r.blockFor();
        } else if (f instanceof Failure.ClientTimeout c) {
            return "No answer " + latency(c.after());
        } else if (f instanceof Failure.NoNodeAvailable) {
            return "No coordinator";
        } else if (f instanceof Failure.ConnectionLost) {
            return "Connection lost";
        } else if (f instanceof Failure.Overloaded) {
            return "Overloaded";
        }
        return ((Failure.Other) f).className(); // cut to 16 by frame(): its start says what it is
    }

    /**
     * At most five characters: "12ms", "999ms", "1.2s", "99.9s", "100s" (to 99999 s); "-" when
     * unknown. Tenths are cut, not rounded: 99 999 ms rounded would be "100.0s", six characters.
     */
    static String latency(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms < 100_000 ? ms / 1000 + "." + ms % 1000 / 100 + "s" : (ms / 1000) + "s";
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }

    /** "label      value" in 16 characters, the value right-aligned. */
    static String pair(String label, String value) {
        return label + " ".repeat(Math.max(1, 16 - label.length() - value.length())) + value;
    }

    /** "label   12345" in {@code width}, the number right-aligned; shortened ("123k", "1.2M") only where it cannot fit. */
    static String count(String label, long n, int width) {
        String number = counter(n, width - label.length() - 1);
        return label + " ".repeat(Math.max(1, width - label.length() - number.length())) + number;
    }

    /** A count in at most {@code room} characters: exact when it fits, else thousands or millions, cut. */
    static String counter(long n, int room) {
        String exact = Long.toString(n);
        if (exact.length() <= room) {
            return exact;
        }
        if (n < 1_000_000) {
            return n / 1000 + "k";
        }
        String millions = n / 1_000_000 + "." + n % 1_000_000 / 100_000 + "M";
        return millions.length() <= room ? millions : n / 1_000_000 + "M";
    }

    static PlateFrame frame(String top, String bottom, Backlight colour) {
        return new PlateFrame(fit(top), fit(bottom), colour, GLYPHS);
    }

    /** Exactly 16 characters: padded, or cut where a text (a class name) may be longer. */
    static String fit(String s) {
        return s.length() >= 16 ? s.substring(0, 16) : pad(s, 16);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
