package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    @Test
    void aHealthyBoxIsLeftRunning() {
        AtomicInteger exits = new AtomicInteger();
        Supervisor s = new Supervisor((now, hung) -> Optional.empty(), () -> new StackTraceElement[0], Optional.empty(),
                Ticker.SYSTEM, exits::incrementAndGet, () -> { });
        assertTrue(s.check());
        assertEquals(0, exits.get());
    }

    @Test
    void troubleEndsTheDaemonOnceAndHaltsItWhenTheExitHangs() throws Exception {
        AtomicInteger exits = new AtomicInteger();
        AtomicReference<Duration> askedHung = new AtomicReference<>();
        java.util.concurrent.CountDownLatch halted = new java.util.concurrent.CountDownLatch(1);
        Supervisor s = new Supervisor((now, hung) -> {
            askedHung.set(hung);
            return Optional.of("the ui thread has not run for 9 s");
        }, Thread.currentThread()::getStackTrace, Optional.empty(), Ticker.SYSTEM, exits::incrementAndGet, halted::countDown);
        assertFalse(s.check());
        assertEquals(1, exits.get());
        assertEquals(Supervisor.HUNG, askedHung.get());
        // the exit "hangs" here (nothing ends the test JVM): the halt comes after the limit
        assertTrue(halted.await(Supervisor.EXIT_LIMIT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS),
                "no halt after the exit hung");
    }
}
