package booth.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local servers' processes (Cassandra nodes, Kafka brokers), as the launchers see them:
 * found through /proc by a marker on their command line, signalled with kill(1), waited for.
 * A marker names the server's directory, so a launcher only ever touches its own processes.
 */
final class Processes {
    private static final Duration POLL = Duration.ofMillis(250);

    private Processes() {
    }

    /** The live process whose command line contains {@code marker} as a whole argument. */
    static Optional<Long> find(String marker) {
        byte[] needle = (marker + "\0").getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> contains(readOrEmpty(p.resolve("cmdline")), needle))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> !isGone(pid))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
    }

    /**
     * Whether the process with {@code marker} is gone, looked for three times 100 ms apart: a
     * server just launched was once not found for a moment in /proc while it was running (a
     * Kafka broker, seen in CI), so one miss is not proof that it exited.
     */
    static boolean gone(String marker) {
        for (int i = 0; i < 3; i++) {
            if (find(marker).isPresent()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Frozen by SIGSTOP. */
    static boolean isStopped(long pid) {
        return state(pid) == 'T';
    }

    /** Exited (a zombie counts: it only waits to be reaped). */
    static boolean isGone(long pid) {
        char s = state(pid);
        return s == 'Z' || s == 'X' || s == '?';
    }

    /** Waits until {@code pid} has exited; false when it is still there after {@code limit}. */
    static boolean awaitExit(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isGone(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** kill -SIGNAL pid; a process that is already gone is not an error. */
    static void signal(long pid, String signal) throws ClusterException {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 && ProcessHandle.of(pid).isPresent()) {
                throw new ClusterException("kill -" + signal + " " + pid + " failed: " + out);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while signalling " + pid, e);
        }
    }

    /**
     * Stops the given processes together (a Kafka quorum stopped one by one leaves the last
     * hanging): SIGTERM and SIGCONT to each, then SIGKILL to any still there after {@code grace}.
     *
     * @return the ones that had to be killed
     */
    static List<Long> stopAll(List<Long> pids, Duration grace) throws ClusterException {
        for (long pid : pids) {
            signal(pid, "TERM");
            signal(pid, "CONT"); // a frozen process acts on SIGTERM only once thawed
        }
        long deadline = System.nanoTime() + grace.toNanos();
        List<Long> killed = new java.util.ArrayList<>();
        for (long pid : pids) {
            if (!awaitExit(pid, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                signal(pid, "KILL");
                awaitExit(pid, Duration.ofSeconds(10));
                killed.add(pid);
            }
        }
        return killed;
    }

    static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last {@code lines} lines of a log file, or a note that there is none. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    /** The one-letter state of /proc/PID/stat (R, S, T, Z, ...), or '?' when gone. */
    private static char state(long pid) {
        String stat = new String(readOrEmpty(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.UTF_8);
        int paren = stat.lastIndexOf(')');
        return paren > 0 && paren + 2 < stat.length() ? stat.charAt(paren + 2) : '?';
    }

    private static byte[] readOrEmpty(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0]; // the process ended while we looked
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
