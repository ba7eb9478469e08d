package booth.protocol;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What one reader refused from outside, counted by {@link Rejection kind}, and said in at most
 * one line per kind per {@link #QUIET}: a flood of poison must neither fill the journal nor hide
 * the one line that says it is happening. The line names the kind, the count so far and the
 * first reason of the period (made {@link ShownText showable}); the counts are where staff look
 * (the page, {@code democtl status}). Thread-safe: the consumer thread counts, others read.
 */
public final class Rejections {
    /** At most one line per kind this often. */
    public static final Duration QUIET = Duration.ofMinutes(1);
    /** The longest reason a line quotes. */
    private static final int REASON = 120;

    private final String what;
    private final Consumer<String> say;
    private final LongSupplier nanos;
    private final Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
    private final Map<Rejection, Long> saidAt = new EnumMap<>(Rejection.class);

    /**
     * @param what  what refused them, as the line says it ({@code "booth screen: events"})
     * @param say   where the lines go (a logger's warn)
     * @param nanos the clock the quiet period is measured on ({@code System::nanoTime})
     */
    public Rejections(String what, Consumer<String> say, LongSupplier nanos) {
        this.what = what;
        this.say = say;
        this.nanos = nanos;
    }

    /** Counts one refusal of {@code kind}, saying so unless a line of that kind was said within {@link #QUIET}. */
    public void reject(Rejection kind, String why) {
        long now = nanos.getAsLong();
        long n;
        boolean speak;
        synchronized (this) {
            n = counts.merge(kind, 1L, Long::sum);
            Long last = saidAt.get(kind);
            speak = last == null || now - last >= QUIET.toNanos();
            if (speak) {
                saidAt.put(kind, now);
            }
        }
        if (speak) {
            say.accept(what + ": rejected " + kind.wireName() + " (" + ShownText.of(why, REASON) + "); " + n
                    + " so far, the next in " + QUIET.toSeconds() + " s counted without a line");
        }
    }

    public synchronized long count(Rejection kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts by kind, kinds never seen left out. */
    public synchronized Map<Rejection, Long> counts() {
        return Map.copyOf(counts);
    }
}
