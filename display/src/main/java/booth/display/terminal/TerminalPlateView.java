package booth.display.terminal;

import booth.display.Frames;
import booth.hal.Backlight;
import booth.hal.KeyboardButtons;
import booth.hal.PlateView;
import booth.hal.TypedKey;
import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Laptop mode's plate: draws what the virtual LCD shows, in its backlight colour, and turns
 * keys into button presses (arrows and Enter: the keypad; 1-4: the PiTFT staff buttons; q or
 * Ctrl-C: quit). Works in any terminal lanterna supports, inside tmux and over SSH; the
 * terminal is restored however it ends. The only package that knows lanterna.
 */
public final class TerminalPlateView {
    private static final long FRAME_MILLIS = 30;
    private static final String[] HELP = {
        "keypad: arrows = UP DOWN LEFT RIGHT, Enter = SELECT",
        "staff:  1 power off  2 reboot  3 restart display  4 reset demo",
        "q or Ctrl-C: quit. E-stops from another terminal: demo-scripts/local-cluster estop DC1:r2"};

    private final Screen screen;

    private TerminalPlateView(Screen screen) {
        this.screen = screen;
    }

    /**
     * Opens the terminal (it keeps the standard output it finds now): call before anything
     * else is sent to standard output.
     */
    public static TerminalPlateView open() throws IOException {
        Terminal terminal = new DefaultTerminalFactory()
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        return new TerminalPlateView(new com.googlecode.lanterna.screen.TerminalScreen(terminal));
    }

    /**
     * Runs until the person quits; restores the terminal before returning.
     *
     * @param view   what the virtual LCD shows now
     * @param keys   where typed keys go
     * @param log    recent log lines, newest last
     * @param status one line about the daemon (connection, last outcome)
     */
    public void run(Supplier<PlateView> view, KeyboardButtons keys, Supplier<List<String>> log,
                    Supplier<String> status) throws IOException, InterruptedException {
        screen.startScreen();
        try {
            screen.setCursorPosition(null);
            while (true) {
                KeyStroke k;
                while ((k = screen.pollInput()) != null) {
                    if (quits(k)) {
                        return;
                    }
                    TypedKey typed = typed(k);
                    if (typed != null) {
                        keys.typed(typed);
                    }
                }
                keys.tick();
                draw(view.get(), log.get(), status.get());
                Thread.sleep(FRAME_MILLIS);
            }
        } finally {
            screen.stopScreen();
        }
    }

    private static boolean quits(KeyStroke k) {
        return k.getKeyType() == KeyType.EOF
                || (k.getKeyType() == KeyType.Character && (k.getCharacter() == 'q' || k.getCharacter() == 'Q'
                || (k.isCtrlDown() && (k.getCharacter() == 'c' || k.getCharacter() == 'C'))));
    }

    static TypedKey typed(KeyStroke k) {
        return switch (k.getKeyType()) {
            case ArrowUp -> TypedKey.UP;
            case ArrowDown -> TypedKey.DOWN;
            case ArrowLeft -> TypedKey.LEFT;
            case ArrowRight -> TypedKey.RIGHT;
            case Enter -> TypedKey.ENTER;
            case Character -> switch (k.getCharacter()) {
                case '1' -> TypedKey.DIGIT_1;
                case '2' -> TypedKey.DIGIT_2;
                case '3' -> TypedKey.DIGIT_3;
                case '4' -> TypedKey.DIGIT_4;
                default -> null;
            };
            default -> null;
        };
    }

    private void draw(PlateView v, List<String> lines, String status) throws IOException {
        screen.doResizeIfNecessary();
        TextGraphics g = screen.newTextGraphics();
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.fill(' ');
        g.putString(2, 0, "Resilience demo booth: laptop mode", SGR.BOLD);
        g.putString(2, 2, "+----------------+");
        g.putString(2, 5, "+----------------+");
        TextColor back = colour(v.backlight());
        for (int row = 0; row < 2; row++) {
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
            g.putString(2, 3 + row, "|");
            g.putString(19, 3 + row, "|");
            g.setBackgroundColor(back);
            g.setForegroundColor(v.backlight() == Backlight.OFF || v.backlight() == Backlight.BLUE
                    ? TextColor.ANSI.WHITE : TextColor.ANSI.BLACK);
            g.putString(3, 3 + row, Frames.looks(row == 0 ? v.top() : v.bottom()));
        }
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.putString(22, 3, "backlight: " + v.backlight().name().toLowerCase());
        g.putString(22, 4, status);
        for (int i = 0; i < HELP.length; i++) {
            g.putString(2, 7 + i, HELP[i]);
        }
        int rows = Math.max(0, screen.getTerminalSize().getRows() - 12);
        int first = Math.max(0, lines.size() - rows);
        for (int i = first; i < lines.size(); i++) {
            g.putString(2, 11 + i - first, lines.get(i));
        }
        screen.refresh(Screen.RefreshType.DELTA);
    }

    private static TextColor colour(Backlight b) {
        return switch (b) {
            case RED -> TextColor.ANSI.RED_BRIGHT;
            case GREEN -> TextColor.ANSI.GREEN_BRIGHT;
            case BLUE -> TextColor.ANSI.BLUE_BRIGHT;
            case YELLOW -> TextColor.ANSI.YELLOW_BRIGHT;
            case TEAL -> TextColor.ANSI.CYAN_BRIGHT;
            case VIOLET -> TextColor.ANSI.MAGENTA_BRIGHT;
            case WHITE -> TextColor.ANSI.WHITE_BRIGHT;
            case OFF -> TextColor.ANSI.BLACK;
        };
    }
}
