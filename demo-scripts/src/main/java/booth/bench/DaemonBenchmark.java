package booth.bench;

import booth.cluster.LocalCluster;
import booth.model.OutcomeKind;
import booth.model.Topology;
import booth.model.TopologyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code demo-scripts/daemon-benchmark}: the daemon as a visitor and a booth builder see it,
 * measured from outside on the local CI cluster. Runs the real daemon through its launcher
 * ({@code daemon/bin/booth-daemon}: the shipped JVM options) as a child process (headless,
 * writing at ALL, outcome stream on standard output) and prints: start-up to the
 * first successful write, resident memory and CPU time per write after some minutes, the time
 * from an e-stop of rack DC1:r3 to the first failure on the screen, and from its restore to
 * the first success on the screen. Starts the cluster if it is not running, and then stops it.
 */
public final class DaemonBenchmark {
    private static final Pattern KIND = Pattern.compile("\"kind\":\"([a-z_]+)\"");
    private static final Pattern BACKLIGHT = Pattern.compile("\"backlight\":\"([A-Z]+)\"");
    private static final Pattern SCREEN = Pattern.compile("\"screen\":\\[\"([^\"]*)\",\"([^\"]*)\"]");

    private record Line(long at, String kind, String backlight, String bottom) {
    }

    private DaemonBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length == 2 && args[0].equals("--minutes") ? Integer.parseInt(args[1]) : 3;
        Path repo = Path.of(System.getProperty("booth.repo", ".")).toAbsolutePath();
        Topology topology = TopologyFile.read(repo.resolve("demo-scripts/topology/ci.topology"));
        LocalCluster cluster = new LocalCluster(topology, repo.resolve(".local-cluster").resolve(topology.clusterName()),
                repo.resolve("demo-scripts/cassandra/pom.xml"), line -> { });
        boolean startedHere = cluster.status().stream().noneMatch(s -> s.state() == LocalCluster.State.UP);
        if (startedHere) {
            System.out.println("starting the local CI cluster...");
            cluster.start(Duration.ofMinutes(5));
        }
        Path config = Files.createTempFile("booth-bench", ".conf");
        Files.writeString(config, Files.readString(repo.resolve("daemon/conf/laptop.conf"))
                + "\nbooth.write-level = ALL\nbooth.mode = headless\n");
        Process daemon = null;
        try {
            long launched = System.nanoTime();
            // Through the launcher a client Pi runs: its JVM options and malloc setting, nothing else.
            daemon = new ProcessBuilder(repo.resolve("daemon/bin/booth-daemon").toString(), "--config", config.toString(),
                    "--outcomes", "-").directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<Line> lines = follow(daemon);

            Line first = until(lines, l -> l.kind().equals(OutcomeKind.WRITTEN.wireName()), Duration.ofMinutes(2));
            report("start-up to the first successful write", first.at() - launched);

            long writesBefore = 0;
            long cpuBefore = cpuTicks(daemon.pid());
            long windowStart = System.nanoTime();
            while (System.nanoTime() - windowStart < TimeUnit.MINUTES.toNanos(minutes)) {
                Line l = lines.poll(1, TimeUnit.SECONDS);
                writesBefore += l == null ? 0 : 1;
            }
            long cpu = cpuTicks(daemon.pid()) - cpuBefore;
            System.out.printf(Locale.ROOT, "%-48s %8.0f MiB%n", "resident memory after " + minutes + " min of writes",
                    rssKib(daemon.pid()) / 1024.0);
            System.out.printf(Locale.ROOT, "%-48s %8.2f ms (%d writes with read-back, %d ms of CPU)%n", "CPU time per write",
                    cpu * 10.0 / writesBefore, writesBefore, cpu * 10);

            lines.clear();
            long cut = System.nanoTime();
            cluster.estop("DC1:r3", LocalCluster.EStop.FREEZE);
            Line failed = until(lines, l -> l.backlight().equals("RED"), Duration.ofMinutes(1));
            report("e-stop of DC1:r3 to the first failure on the screen", failed.at() - cut);
            Line unavailable = until(lines, l -> l.kind().equals(OutcomeKind.UNAVAILABLE.wireName()), Duration.ofMinutes(2));
            report("e-stop to 'Unavail 4/5 up' on the screen", unavailable.at() - cut);

            lines.clear();
            long restoring = System.nanoTime();
            cluster.restore("DC1:r3", Duration.ofMinutes(2));
            long restored = System.nanoTime();
            Line back = until(lines, l -> l.backlight().equals("GREEN"), Duration.ofMinutes(1));
            report("restore (thaw) to the first success on the screen", back.at() - restoring);
            report("  of which the launcher's wait for gossip", restored - restoring);
        } finally {
            if (daemon != null) {
                daemon.destroy();
                daemon.waitFor(10, TimeUnit.SECONDS);
                daemon.destroyForcibly();
            }
            Files.deleteIfExists(config);
            cluster.restore("all", Duration.ofMinutes(2));
            if (startedHere) {
                cluster.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static BlockingQueue<Line> follow(Process p) {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    Matcher k = KIND.matcher(s);
                    Matcher b = BACKLIGHT.matcher(s);
                    Matcher sc = SCREEN.matcher(s);
                    if (k.find() && b.find() && sc.find()) {
                        lines.add(new Line(System.nanoTime(), k.group(1), b.group(1), sc.group(2)));
                    }
                }
            } catch (IOException e) {
                // the daemon ended
            }
        }, "daemon-output");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static Line until(BlockingQueue<Line> lines, java.util.function.Predicate<Line> p, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Line l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && p.test(l)) {
                return l;
            }
        }
        throw new IllegalStateException("no such outcome within " + limit.toSeconds() + " s");
    }

    private static void report(String what, long nanos) {
        System.out.printf(Locale.ROOT, "%-48s %8.2f s%n", what, nanos / 1e9);
    }

    /** utime + stime of a process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKib(long pid) throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        return status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
    }
}
