package booth.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome stream: one JSON line per write ({@link booth.protocol.OutcomeJson}), written
 * by a thread of its own ("outcome-stream", which alone touches the output) from a bounded
 * queue, so a slow reader (a pipe nobody drains) never holds up the screen or the writes; lines
 * that do not fit in the queue are dropped and counted.
 */
public final class OutcomeStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeStream.class);
    private static final String STOP = "";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(1000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    /** Nothing is written until {@link #start()}. */
    public OutcomeStream(OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        thread = new Thread(() -> {
            try {
                while (true) {
                    String line = queue.take();
                    if (line == STOP) {
                        break;
                    }
                    writer.write(line);
                    if (queue.isEmpty()) {
                        writer.flush();
                    }
                }
                writer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                log.warn("outcome stream closed: {}", e.getMessage());
            }
        }, "outcome-stream");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues one line (newline included); never blocks. */
    public void publish(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped because the reader was too slow. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes what is queued (two seconds at most), then stops. */
    @Override
    public void close() {
        try {
            queue.offer(STOP, 1, TimeUnit.SECONDS);
            if (thread.isAlive()) {
                thread.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
