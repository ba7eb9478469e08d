package booth.daemon;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Standard error that never holds up the thread writing to it. Every thread of the daemon logs
 * synchronously (logback's console appender writes to {@code System.err}, looked up at each
 * write), and under systemd standard error is a pipe to the journal: a journal that stalls, or a
 * pipe nobody reads, used to stop whichever thread logged next: the ui thread (its outcome
 * lines), the staff buttons' sampler (its audit line), a control client. Here each write (one
 * logged event, with its stack trace: logback writes an event in one call) is queued, and a
 * thread of its own ("log") copies the queue to the real standard error; a write that does not
 * fit in the queue is dropped and counted ({@code status.lanes.dropped_log_lines}).
 *
 * <p>Not logback's AsyncAppender: when its queue is full it blocks the caller by default, and
 * with {@code neverBlock} it drops without counting (1.5.18's {@code AsyncAppenderBase.put}
 * discards the result of {@code offer}); it also drops INFO lines, uncounted, once 80 % full.
 */
final class LogLane extends OutputStream {
    /** Writes waiting: a minute of a chatty daemon, a few hundred KiB at most. */
    static final int WRITES = 2000;

    private final OutputStream out;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(WRITES);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    /** Writes queued so far; those written so far, under {@code copied}'s monitor, which is notified after each. */
    private final AtomicLong queued = new AtomicLong();
    private final Object copied = new Object();
    private long written;

    LogLane(OutputStream out) {
        this.out = out;
        this.thread = new Thread(this::copy, "log");
        thread.setDaemon(true);
    }

    /** Puts a started lane in front of the process's standard error, for every thread; returns it. */
    static LogLane install() {
        LogLane lane = new LogLane(new FileOutputStream(FileDescriptor.err));
        lane.start();
        System.setErr(new PrintStream(lane, true));
        return lane;
    }

    void start() {
        thread.start();
    }

    /** Writes dropped because standard error did not take them in time. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (queue.offer(Arrays.copyOfRange(b, off, off + len))) {
            queued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Waits until what is queued has been written, {@code limit} at most: for the last lines before an exit. */
    void drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long target = queued.get();
        synchronized (copied) {
            long left;
            while (written < target && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(copied, left);
            }
        }
    }

    private void copy() {
        while (true) {
            byte[] next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                out.write(next);
                out.flush();
            } catch (IOException e) {
                dropped.incrementAndGet(); // nowhere to say it but the counter
            }
            synchronized (copied) {
                written++;
                copied.notifyAll();
            }
        }
    }
}
