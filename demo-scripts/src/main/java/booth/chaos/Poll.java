package booth.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way the chaos run waits for another process: look, and look again at a steady pace,
 * until a look finds what it waits for or a limit passes (a daemon's first write, its control
 * socket answering, its stream catching up with its status). The pause between looks is a
 * polling pace, never a synchronisation. ({@code booth.chaos.kafka}, below this package, keeps
 * its one loop of its own.)
 */
final class Poll {
    /** One look: the value once it is there, else empty; it may also throw to end the wait at once. */
    @FunctionalInterface
    interface Look<T> {
        Optional<T> look() throws IOException;
    }

    private Poll() {
    }

    /** The first value {@code look} finds, looking every {@code every} for at most {@code limit}; empty after that. */
    static <T> Optional<T> until(Duration limit, Duration every, Look<T> look) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> found = look.look();
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            pause(every);
        }
    }

    /** Sleeps for {@code d}; an interrupt (the run being stopped) ends the wait as an IOException. */
    static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting", e);
        }
    }
}
