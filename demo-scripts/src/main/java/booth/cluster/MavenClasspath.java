package booth.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's classpath as Maven resolves it from Maven Central for a runtime pom
 * ({@code dependency:build-classpath}), cached in a file and resolved again only when the cache
 * is missing, older than the pom, or names a jar that is gone.
 */
final class MavenClasspath {
    private MavenClasspath() {
    }

    /**
     * @param pom   the runtime pom, for example demo-scripts/cassandra/pom.xml
     * @param cache file to keep the classpath in
     * @param what  what is being resolved, for messages ("Cassandra's runtime")
     */
    static String resolve(Path pom, Path cache, String what, Consumer<String> report) throws ClusterException {
        if (!Files.isRegularFile(pom)) {
            throw new ClusterException(what + ": runtime pom not found at " + pom + " (run from the repository, or pass --repo)");
        }
        try {
            if (!isFresh(cache, pom)) {
                report.accept("resolving " + what + " with Maven (the first time downloads it from Maven Central)...");
                Files.createDirectories(cache.getParent());
                Path log = cache.resolveSibling(cache.getFileName() + ".maven.log");
                String mvn = System.getenv().getOrDefault("MVN", "mvn");
                // not -q: Maven's "Downloaded from" lines are the progress said every few seconds
                Process p = new ProcessBuilder(mvn, "-B", "-f", pom.toString(), "dependency:build-classpath",
                        "-Dmdep.outputFile=" + cache).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                long started = System.nanoTime();
                long deadline = started + TimeUnit.MINUTES.toNanos(15);
                while (!p.waitFor(5, TimeUnit.SECONDS)) {
                    if (System.nanoTime() > deadline) {
                        p.destroyForcibly();
                        throw new ClusterException("Maven took over 15 minutes to resolve " + what + "; see " + log);
                    }
                    report.accept("  resolving " + what + ": " + (System.nanoTime() - started) / 1_000_000_000 + " s, "
                            + downloaded(Files.readAllLines(log, StandardCharsets.UTF_8)));
                }
                if (p.exitValue() != 0 || !Files.isRegularFile(cache)) {
                    throw new ClusterException("Maven could not resolve " + what + " (exit " + p.exitValue()
                            + "); its output is in " + log + ":\n" + Processes.tail(log, 15));
                }
            }
            return Files.readString(cache, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ClusterException("cannot resolve " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while resolving " + what, e);
        }
    }

    /** "12 files downloaded (31.4 MB)", from Maven's batch-mode lines. */
    static String downloaded(java.util.List<String> mavenLines) {
        Pattern size = Pattern.compile("^Downloaded from .*\\((\\d+(?:\\.\\d+)?) (B|kB|KB|MB|GB)");
        int files = 0;
        double bytes = 0;
        for (String line : mavenLines) {
            Matcher m = size.matcher(line.replaceFirst("^\\[INFO\\] ", ""));
            if (m.find()) {
                files++;
                double n = Double.parseDouble(m.group(1));
                bytes += switch (m.group(2)) {
                    case "kB", "KB" -> n * 1e3;
                    case "MB" -> n * 1e6;
                    case "GB" -> n * 1e9;
                    default -> n;
                };
            }
        }
        return files + " files downloaded (" + String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6) + ")";
    }

    private static boolean isFresh(Path cache, Path pom) throws IOException {
        if (!Files.isRegularFile(cache)
                || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(pom)) < 0) {
            return false;
        }
        String cp = Files.readString(cache, StandardCharsets.UTF_8).strip();
        return !cp.isEmpty() && Arrays.stream(cp.split(":")).allMatch(j -> Files.isRegularFile(Path.of(j)));
    }
}
