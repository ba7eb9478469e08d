package booth.chaos;

import booth.chaos.TruthChecker.ClientFacts;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the LCD and backlight must show with an outcome: the write level on the top line, and on
 * the bottom the coordinator and latency in the local or remote colour, or the failure's own
 * numbers in red; or a staff screen, only while the run had a reset's notice or a pause on. The
 * invitation between visitors ({@link #INVITATION}) may take the bottom row of a success, in
 * the success's colour; over a failure it is a lie.
 */
final class ScreenJudge {
    /**
     * The daemon's invitation row (its {@code Frames.INVITATION}), written again here: the judge
     * keeps its own copy of what the booth may show. A soak whose daemons sit a minute without a
     * key shows it, so a drift is counted as lies.
     */
    static final String INVITATION = "Hit a red switch";
    private static final Pattern LATENCY = Pattern.compile("(\\d+)ms|(\\d+\\.\\d)s|(\\d+)s");
    private static final Pattern NODE_IN_RACK = Pattern.compile("(n\\d+)$");

    private ScreenJudge() {
    }

    /**
     * Whether the top row shows the write level {@code level}: "W:" and the level in its first 14
     * cells, blank after it, the two arrow glyphs after them (LOCAL_QUORUM fills all 14: no blank).
     */
    private static boolean showsLevel(String top, String level) {
        String want = "W:" + level;
        return top.startsWith(want) && top.length() == 16 && top.substring(want.length(), 14).isBlank();
    }

    /** Empty when the screen and backlight show this outcome and nothing else. */
    static Optional<String> judge(ClientFacts client, Observed o) {
        String top = o.top();
        if (o.backlight().equals("VIOLET")) {
            return staffScreen(client, o);
        }
        if (o.bottom().startsWith("next write...") && o.backlight().equals("WHITE")) {
            // the level changed while this write was out: the LCD says a write at the new level is coming
            return client.levelsInForce(o.at()).stream().anyMatch(c -> showsLevel(top, c.writeLevel())) ? Optional.empty()
                    : Optional.of("'next write...' under '" + top + "', a level the control socket had not set");
        }
        if (!showsLevel(top, o.writeLevel())) {
            return Optional.of("top line '" + top + "' does not show the write level " + o.writeLevel());
        }
        String bottom = o.bottom();
        if (bottom.length() != 16) {
            return Optional.of("bottom line '" + bottom + "' is not 16 characters");
        }
        String b = bottom.stripTrailing();
        // the invitation between visitors takes the result's row, never its colour: over a success only
        boolean invitation = bottom.equals(INVITATION);
        if (o.kind().equals("written")) {
            if (o.coordinator().isEmpty()) {
                if (!o.backlight().equals("WHITE") || !invitation && !b.startsWith("ok, node ?")) {
                    return Optional.of("a write with no known coordinator shown as '" + b + "' in " + o.backlight());
                }
                return invitation ? Optional.empty() : latencyShown(b, o);
            }
            Observed.Coordinator c = o.coordinator().get();
            String colour = c.dc().equals(client.localDc()) ? "GREEN" : "BLUE";
            if (!o.backlight().equals(colour)) {
                return Optional.of("served by " + c.dc() + " (local " + client.localDc() + ") but the backlight is "
                        + o.backlight() + ", not " + colour);
            }
            if (invitation) {
                return Optional.empty();
            }
            if (!b.startsWith(c.dc() + " " + c.rack())) {
                return Optional.of("served by " + c.dc() + " " + c.rack() + " but the screen says '" + b + "'");
            }
            return latencyShown(b, o);
        }
        if (!o.backlight().equals("RED")) {
            return Optional.of("a failure (" + o.kind() + ") with the backlight " + o.backlight() + ", not RED");
        }
        if (o.coordinator().isPresent() && b.startsWith("at " + o.coordinator().get().dc() + " " + o.coordinator().get().rack())) {
            return Optional.empty(); // the row that alternates with the numbers: where it happened
        }
        String want = switch (o.kind()) {
            case "unavailable" -> o.writeLevel().equals("EACH_QUORUM")
                    ? "Unav a DC <" + o.errorInt("required") + " up"
                    : "Unavail " + o.errorInt("alive") + "/" + o.errorInt("required") + " up";
            case "write_timeout" -> "Timeout " + o.errorInt("received") + "/" + o.errorInt("block_for") + " acks";
            case "client_timeout" -> "No answer " + seconds(o.errorInt("after_ms"));
            case "no_node_available" -> "No coordinator";
            case "connection_lost" -> o.coordinator().map(c -> "Lost " + c.dc() + " " + c.rack() + " "
                    + shortNode(c.name())).orElse("Connection lost");
            case "overloaded" -> "Overloaded";
            default -> null;
        };
        if (want == null) {
            return Optional.empty(); // judged as a kind elsewhere
        }
        want = want.length() > 16 ? want.substring(0, 16) : want;
        return b.equals(want.stripTrailing()) ? Optional.empty()
                : Optional.of("the screen says '" + b + "' where the outcome's numbers say '" + want + "'");
    }

    /** A staff screen (violet) instead of the outcome: only while a reset's notice or a pause is on. */
    private static Optional<String> staffScreen(ClientFacts client, Observed o) {
        if (o.top().startsWith("Demo reset")) {
            boolean justReset = client.resets().stream().anyMatch(r -> !o.at().isBefore(r.minus(TruthChecker.LEVEL_GRACE))
                    && !o.at().isAfter(r.plus(TruthChecker.NOTICE).plus(TruthChecker.LEVEL_GRACE)));
            return justReset ? Optional.empty() : Optional.of("'Demo reset' on the screen with no reset just before");
        }
        if (o.bottom().startsWith("PAUSED by staff")) {
            boolean paused = client.pauses().stream().anyMatch(p -> !o.end().isBefore(p.from().minus(TruthChecker.LEVEL_GRACE))
                    && !o.at().isAfter(p.to().plus(TruthChecker.LEVEL_GRACE)));
            return paused ? Optional.empty() : Optional.of("'PAUSED by staff' on the screen outside any pause");
        }
        return Optional.of("a staff screen '" + o.top().strip() + " / " + o.bottom().strip() + "' the run did not ask for");
    }

    /** "n1" of rpidc1r2n1: the node within its rack, as the booth labels it. */
    private static String shortNode(String name) {
        Matcher m = NODE_IN_RACK.matcher(name);
        return m.find() ? m.group(1) : name;
    }

    private static String seconds(int ms) {
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** The latency at the end of the bottom line must be the outcome's, as the screen rounds it. */
    private static Optional<String> latencyShown(String bottom, Observed o) {
        String[] parts = bottom.split("\\s+");
        String shown = parts[parts.length - 1];
        Matcher m = LATENCY.matcher(shown);
        if (!m.matches()) {
            return Optional.of("no latency at the end of '" + bottom + "'");
        }
        double ms = o.latency().toNanos() / 1e6;
        double shownMs = m.group(1) != null ? Double.parseDouble(m.group(1))
                : m.group(2) != null ? Double.parseDouble(m.group(2)) * 1000 : Double.parseDouble(m.group(3)) * 1000;
        double tolerance = m.group(1) != null ? 1 : m.group(2) != null ? 100 : 1000;
        return Math.abs(ms - shownMs) <= tolerance ? Optional.empty()
                : Optional.of("the screen shows " + shown + " for a latency of " + String.format(Locale.ROOT, "%.1f ms", ms));
    }
}
