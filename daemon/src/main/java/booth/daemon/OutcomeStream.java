package booth.daemon;

import booth.hal.PlateFrame;
import booth.model.Coordinator;
import booth.model.Failure;
import booth.model.WriteOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome stream: one JSON object per write, with what the LCD showed for it. Written by a
 * thread of its own from a bounded queue, so a slow reader (a pipe nobody drains) never holds
 * up the screen or the writes; lines that do not fit in the queue are dropped and counted.
 *
 * <p>Fields (version 1; fields are only ever added): {@code v}, {@code seq}, {@code time} (ISO-8601),
 * {@code write_level}, {@code read_level}, {@code kind} ("written" or a failure kind),
 * {@code latency_ms}, {@code coordinator} (null or {dc, rack, address, name}), {@code error}
 * (null or the failure's numbers), {@code read_back} (kind, and the seq found when stale),
 * {@code screen} ([top, bottom]), {@code backlight}.
 */
public final class OutcomeStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeStream.class);
    private static final String STOP = "";

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(1000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

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
        thread.start();
    }

    /** Queues one line made by {@link #json}; never blocks. */
    public void publish(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped because the reader was too slow. */
    public long dropped() {
        return dropped.get();
    }

    /** The outcome's JSON line (newline included), with what the LCD showed for it. */
    static String json(WriteOutcome o, PlateFrame frame) {
        StringBuilder b = new StringBuilder(400);
        b.append("{\"v\":1,\"seq\":").append(o.seq())
                .append(",\"time\":").append(str(o.at().toString()))
                .append(",\"write_level\":").append(str(o.writeLevel().name()))
                .append(",\"read_level\":").append(str(o.readLevel().name()))
                .append(",\"kind\":").append(str(o.kind().wireName()))
                .append(",\"latency_ms\":").append(String.format(Locale.ROOT, "%.3f", o.latency().toNanos() / 1e6))
                .append(",\"coordinator\":");
        if (o.coordinator().isPresent()) {
            Coordinator c = o.coordinator().get();
            b.append("{\"dc\":").append(str(c.dc())).append(",\"rack\":").append(str(c.rack()))
                    .append(",\"address\":").append(str(c.address())).append(",\"name\":").append(str(c.name())).append('}');
        } else {
            b.append("null");
        }
        b.append(",\"error\":").append(o.failure().map(OutcomeStream::error).orElse("null"));
        b.append(",\"read_back\":{\"kind\":").append(str(o.readBack().kind()));
        if (o.readBack() instanceof booth.model.ReadBack.Stale s) {
            b.append(",\"found_seq\":").append(s.foundSeq());
        } else if (o.readBack() instanceof booth.model.ReadBack.Failed f) {
            b.append(",\"error\":").append(error(f.failure()));
        }
        b.append("},\"screen\":[").append(str(frame.top())).append(',').append(str(frame.bottom()))
                .append("],\"backlight\":").append(str(frame.backlight().name())).append("}\n");
        return b.toString();
    }

    /** The outcome as an event for other consumers: the same object, with its type and the client's name first. */
    static String event(String client, String outcomeJson) {
        String head = "{\"v\":1,";
        if (!outcomeJson.startsWith(head)) {
            throw new IllegalArgumentException("not an outcome line: " + outcomeJson);
        }
        return head + "\"type\":\"outcome\",\"client\":" + str(client) + "," + outcomeJson.substring(head.length());
    }

    private static String error(Failure f) {
        String numbers;
        if (f instanceof Failure.Unavailable u) {
            numbers = ",\"level\":" + str(u.level().name()) + ",\"required\":" + u.required() + ",\"alive\":" + u.alive();
        } else if (f instanceof Failure.WriteTimeout w) {
            numbers = ",\"level\":" + str(w.level().name()) + ",\"received\":" + w.received() + ",\"block_for\":"
                    + w.blockFor() + ",\"write_type\":" + str(w.writeType());
        } else if (f instanceof Failure.ReadTimeout r) {
            numbers = ",\"level\":" + str(r.level().name()) + ",\"received\":" + r.received() + ",\"block_for\":"
                    + r.blockFor() + ",\"data_present\":" + r.dataPresent();
        } else if (f instanceof Failure.ClientTimeout c) {
            numbers = ",\"after_ms\":" + c.after().toMillis();
        } else if (f instanceof Failure.Overloaded o) {
            numbers = ",\"message\":" + str(o.message());
        } else if (f instanceof Failure.Other o) {
            numbers = ",\"class\":" + str(o.className()) + ",\"message\":" + str(o.message());
        } else {
            numbers = "";
        }
        return "{\"kind\":" + str(f.kind().wireName()) + numbers + "}";
    }

    /** A JSON string (or null), escaped. */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        try {
            queue.offer(STOP, 1, TimeUnit.SECONDS);
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
