package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Standard error whose reader stalls: the writers go on, the lines that do not fit are counted. */
class LogLaneTest {
    @Test
    void aStalledReaderNeverHoldsUpAWriterAndEveryDropIsCounted() throws Exception {
        CountDownLatch journalBack = new CountDownLatch(1);
        ByteArrayOutputStream journal = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    journalBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (journal) {
                    journal.write(b, off, len);
                }
            }
        };
        LogLane lane = new LogLane(stalled);
        lane.start();
        PrintStream err = new PrintStream(lane, true, StandardCharsets.UTF_8);
        int lines = 3 * LogLane.WRITES;
        // a writer that waited on the journal would never finish: the first line would hold it
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < lines; i++) {
                err.print("line " + i + "\n");
            }
        });
        journalBack.countDown();
        lane.drain(Duration.ofSeconds(10));
        long written;
        synchronized (journal) {
            written = journal.toString(StandardCharsets.UTF_8).lines().count();
        }
        // the copier took one line before stalling, so it may have kept one more than the queue holds
        assertEquals(lines, written + lane.dropped(), "every line written or counted");
        assertEquals(true, lane.dropped() >= lines - LogLane.WRITES - 1, lane.dropped() + " dropped");
    }
}
