package booth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The tests' way to run a command of this machine (a script, a Debian tool) to its end. */
public final class Commands {
    private Commands() {
    }

    /** A command's status and everything it printed, standard error included. */
    public record Ran(int exit, String output) {
    }

    /** Runs {@code command} from the repository; fails if it has not ended within {@code limit}. */
    public static Ran run(Duration limit, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read while it runs: a full pipe would stop it
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output lost: ").append(e.getMessage()).append(')');
            }
        });
        reader.start();
        try {
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not end within " + limit.toSeconds() + " s");
            }
            reader.join(10_000);
            return new Ran(p.exitValue(), out.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The verdict on a test script that prints "ok - ..." per check and "not ok - ..." on a
     * failure (packaging/test-*): its output printed (the figures are in it), status 0, no "not
     * ok" line, and a line beginning with each of {@code steps}, so that a script that skipped a
     * check cannot pass.
     */
    public static void assertPassed(Ran r, List<String> steps) {
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of(), r.output().lines().filter(l -> l.startsWith("not ok")).toList());
        for (String step : steps) {
            assertTrue(r.output().lines().anyMatch(l -> l.startsWith(step)), "missing step '" + step + "' in:\n" + r.output());
        }
    }

    /** Fails, saying which Debian package has it, unless {@code command} is on the PATH. */
    public static void present(String command, String debianPackage) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        assertEquals(0, p.waitFor(), command + " is missing: apt-get install " + debianPackage + " (.ci/run does)");
    }
}
