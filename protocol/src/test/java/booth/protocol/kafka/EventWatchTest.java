package booth.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.protocol.Rejections;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A watch ends when its thread is interrupted (democtl tail on Ctrl-C, a test's clean-up). */
class EventWatchTest {
    /**
     * No broker at the address (a port just closed): the watch looks for its topics with a
     * patience of a minute. Interrupted, it ends at once rather than spinning, each interrupted
     * wait returning at once, until the minute is over.
     */
    @Test
    void anInterruptedWatchEnds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CountDownLatch polling = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread watch = new Thread(() -> {
            try {
                polling.countDown();
                EventWatch.follow("127.0.0.1:" + port, List.of("nobody.writes.here"), Duration.ofMinutes(1),
                        new Rejections("test watch", line -> { }, System::nanoTime), value -> true);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, "watch");
        watch.setDaemon(true); // should it spin, it must not outlive the test run
        watch.start();
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        watch.interrupt();
        watch.join(Duration.ofSeconds(15).toMillis());
        assertFalse(watch.isAlive(), "the interrupted watch is still running");
        assertTrue(thrown.get() == null, "the watch ended by throwing " + thrown.get());
    }
}
