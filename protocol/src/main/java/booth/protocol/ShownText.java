package booth.protocol;

/**
 * Text from outside (an event read from Kafka, a broker's message) as it may be shown on a
 * terminal or a page: escape sequences and control characters removed, and no longer than a
 * cap. Anyone on the booth network can write to Kafka; {@code democtl tail} prints to a staff
 * terminal, where an escape sequence could move the cursor, retitle the window or hide what
 * follows, and the TV lays out whatever length it is given. Every reader that shows such text
 * shows it through here.
 */
public final class ShownText {
    /** The longest free text shown (an outcome's {@code text}, a failure's {@code message}), in characters. */
    public static final int TEXT = 80;
    /** The longest name shown (a level, a kind, a DC, a rack, an address, a node's name, a state), in characters. */
    public static final int NAME = 40;
    private static final char ESC = 0x1b;
    private static final char CSI = 0x9b;
    private static final char OSC = 0x9d;
    private static final char ELLIPSIS = '…';

    private ShownText() {
    }

    /**
     * {@code raw} without its escape sequences and control characters (tabs and line breaks
     * become spaces), cut to {@code cap} characters with an ellipsis when longer.
     */
    public static String of(String raw, int cap) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), cap + 1));
        int i = 0;
        while (i < raw.length() && out.length() <= cap) {
            char c = raw.charAt(i);
            if (c == ESC || c == CSI || c == OSC) {
                i = afterSequence(raw, i);
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!isControl(c) && !(Character.isSurrogate(c) && !pairedAt(raw, i))) {
                out.append(c);
            }
            i++;
        }
        if (out.length() > cap) {
            out.setLength(Math.max(0, cap - 1));
            if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1); // never half a character before the ellipsis
            }
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /**
     * Whether {@code c} is a character no event of the booth holds and no terminal should be
     * sent: C0 controls (tab and line breaks apart: an exception's message may hold them), DEL,
     * C1 controls (U+009B is a terminal's CSI), and the bidirectional overrides and isolates,
     * which reorder what follows them on a page.
     */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
    }

    /** Whether {@code s} holds any {@link #isControl control character}. */
    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the escape sequence starting at {@code start} ends: ESC [ or CSI parameters up to a
     * final byte (@ to ~); ESC ] or OSC up to BEL or ESC \; otherwise ESC and the one character
     * after it.
     */
    private static int afterSequence(String s, int start) {
        char c = s.charAt(start);
        int i = start + 1;
        boolean csi = c == CSI || (c == ESC && i < s.length() && s.charAt(i) == '[');
        boolean osc = c == OSC || (c == ESC && i < s.length() && s.charAt(i) == ']');
        if (c == ESC && (csi || osc)) {
            i++;
        }
        if (csi) {
            while (i < s.length() && (s.charAt(i) < 0x40 || s.charAt(i) > 0x7e)) {
                i++;
            }
            return Math.min(s.length(), i + 1);
        }
        if (osc) {
            while (i < s.length() && s.charAt(i) != 0x07 && s.charAt(i) != ESC) {
                i++;
            }
            return i < s.length() && s.charAt(i) == ESC ? Math.min(s.length(), i + 2) : Math.min(s.length(), i + 1);
        }
        return Math.min(s.length(), i + 1);
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
