package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The wrong wall clock the chaos run and ClockIT give a daemon (libfaketime, {@link
 * ClientProcess#wallClock}) changes the wall clock and nothing else: a JVM under it reads the
 * clock 10 minutes off, and its timed waits still wait. With libfaketime 0.9.10's default, every
 * timed wait of the JVM returned at once and a daemon burned one and a half cores.
 */
class FakedClockIT {
    private static final int WAITS = 20;
    private static final long WAIT_MS = 100;

    /** The program run under the faked clock: waits, then says how often it woke, its CPU time and its wall clock. */
    public static final class Waiter {
        public static void main(String[] args) throws InterruptedException {
            Object lock = new Object();
            long woke = 0;
            long end = System.nanoTime() + WAITS * WAIT_MS * 1_000_000;
            while (System.nanoTime() < end) {
                synchronized (lock) {
                    lock.wait(WAIT_MS);
                }
                woke++;
            }
            long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            System.out.println(woke + " " + cpuMs + " " + System.currentTimeMillis());
        }
    }

    @Test
    void aJvmTenMinutesBehindReadsItsClockOffAndStillWaits() throws Exception {
        for (String offset : List.of("-10m", "+10m")) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Waiter.class.getName()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(ClientProcess.wallClock(offset));
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the waiter under " + offset + " ended within 60 s");
            long now = System.currentTimeMillis();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String[] f = out.split(" ");
            assertTrue(p.exitValue() == 0 && f.length == 3, offset + ": " + out);
            long woke = Long.parseLong(f[0]);
            long cpuMs = Long.parseLong(f[1]);
            long offsetS = (Long.parseLong(f[2]) - now) / 1000;
            System.out.printf("under %s: %d waits of %d ms woke %d times, %d ms of CPU, wall clock %+d s%n", offset, WAITS,
                    WAIT_MS, woke, cpuMs, offsetS);
            // waits that returned at once wake hundreds of thousands of times
            assertTrue(woke <= 2 * WAITS, offset + ": woke " + woke + " times for " + WAITS + " waits");
            long want = offset.startsWith("-") ? -600 : 600;
            assertTrue(Math.abs(offsetS - want) < 60, offset + ": the wall clock is " + offsetS + " s off");
        }
    }
}
