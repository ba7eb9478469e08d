package booth.daemon.cassandra;

import java.util.random.RandomGenerator;

/**
 * The box's runs of writes: the current run's name and the number of its next write. A run's
 * name is random (48 bits, 12 hexadecimal digits), never taken from the clock: a Pi that boots
 * to the same saved time every day must not meet its own earlier rows. Safe from any thread:
 * the writes thread numbers the writes, the control thread starts new runs.
 */
final class WriteRuns {
    /** The next write: its run and its number in it. */
    record Next(String run, long seq) {
    }

    private final RandomGenerator random;
    private String run;
    private long last;

    WriteRuns(RandomGenerator random) {
        this.random = random;
        startNew();
    }

    synchronized Next next() {
        return new Next(run, ++last);
    }

    synchronized String current() {
        return run;
    }

    synchronized void startNew() {
        run = String.format("%012x", random.nextLong() & 0xFFFF_FFFF_FFFFL);
        last = 0;
    }
}
