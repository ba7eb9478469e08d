package booth.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The file lock on a cluster's directory ({@code .lock}) that every mutating operation holds,
 * so two launchers on one directory, in one JVM or in two, never interleave.
 */
final class ClusterLock {
    /** An operation done while holding the lock. */
    @FunctionalInterface
    interface Locked {
        void run() throws ClusterException;
    }

    private final Path home;
    private final Consumer<String> report;

    ClusterLock(Path home, Consumer<String> report) {
        this.home = home;
        this.report = report;
    }

    /** Runs {@code action} holding the lock, waiting for (and saying so) another launcher that holds it. */
    void run(Locked action) throws ClusterException {
        try {
            Files.createDirectories(home);
            try (FileChannel ch = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    report.accept("another launcher is working on " + home + "; waiting for it...");
                    lock = ch.lock();
                }
                try {
                    action.run();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new ClusterException("cannot lock " + home + ": " + e.getMessage(), e);
        }
    }
}
