package booth.daemon;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Standard output while the terminal shows the plate: keeps the last lines (the log) for the
 * terminal view to draw instead of letting them scribble over the screen.
 */
final class LogTail extends OutputStream {
    private final int keep;
    private final Deque<String> lines = new ArrayDeque<>();
    private final StringBuilder current = new StringBuilder();

    LogTail(int keep) {
        this.keep = keep;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        current.append(new String(b, off, len, StandardCharsets.UTF_8));
        int nl;
        while ((nl = current.indexOf("\n")) >= 0) {
            lines.addLast(current.substring(0, nl));
            current.delete(0, nl + 1);
            if (lines.size() > keep) {
                lines.removeFirst();
            }
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
