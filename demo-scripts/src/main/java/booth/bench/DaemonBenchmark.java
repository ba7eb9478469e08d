package booth.bench;

import booth.cluster.LocalCluster;
import booth.model.OutcomeKind;
import booth.model.Topology;
import booth.model.TopologyFile;
import booth.protocol.OutcomeLine;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.Program;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo-scripts/daemon-benchmark}: the daemon as a visitor and a booth builder see it,
 * measured from outside on the local CI cluster. Runs the real daemon through its launcher
 * ({@code daemon/bin/booth-daemon}: the shipped JVM options) as a child process (headless,
 * writing at ALL, outcome stream on standard output) and prints: start-up to the
 * first successful write (three starts without the class-data archive and three with it, as
 * the Debian package's postinst makes it), resident memory and CPU time per write after some
 * minutes (all threads, and without the virtual plate's thread, which stands in for the
 * kernel's I2C driver and sleeps out each byte's modelled bus time), the time from an e-stop of
 * rack DC1:r3 to the first failure on the screen, and from its restore to the first success on
 * the screen. Starts the cluster if it is not running, and then stops it.
 *
 * <p>{@code --class-list FILE} makes this run a training run: its daemon writes the classes it
 * loads to FILE (commit it as daemon/conf/booth.classlist, which the package ships).
 */
@Command(name = "daemon-benchmark", mixinStandardHelpOptions = true,
        description = "The daemon measured from outside on the local CI cluster: start-up, memory, CPU per write, e-stop and "
                + "restore to the screen. About N+2 minutes.")
@Exit(value = ExitCode.FAILED, when = "the measurement could not be made (the stack trace says why)")
public final class DaemonBenchmark implements Callable<ExitCode> {
    public static final Program PROGRAM = Program.of(DaemonBenchmark::new);

    @Option(names = "--minutes", paramLabel = "N", description = "how long the daemon writes for the memory and CPU figures (default ${DEFAULT-VALUE})")
    int minutes = 3;

    @Option(names = "--class-list", paramLabel = "FILE",
            description = "a training run: the daemon writes the classes it loads to FILE (daemon/conf/booth.classlist)")
    Path classList;

    private record Line(long at, String kind, String backlight, String bottom) {
    }

    /** It prints its figures on standard output, as its helpers do. */
    DaemonBenchmark(PrintStream out, PrintStream err) {
    }

    /** The thread that drives the plate: on a Pi, mostly the kernel's I2C writes; here, the modelled bus time. */
    private static final String PLATE_THREAD = "lcd-plate";
    private static final int STARTS = 3;

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws Exception {
        if (classList != null) {
            classList = classList.toAbsolutePath(); // the daemon runs in the repository
        }
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
        Path archive = repo.resolve("target/booth.jsa");
        try {
            if (classList == null) {
                for (String archiveSetting : List.of("", archive.toString())) {
                    if (!archiveSetting.isEmpty()) {
                        makeClassArchive(repo, archive);
                    }
                    long[] starts = new long[STARTS];
                    for (int i = 0; i < STARTS; i++) {
                        long launched = System.nanoTime();
                        Process p = launch(repo, config, archiveSetting, null);
                        try {
                            starts[i] = until(follow(p), l -> l.kind().equals(OutcomeKind.WRITTEN.wireName()),
                                    Duration.ofMinutes(2)).at() - launched;
                        } finally {
                            stop(p);
                        }
                    }
                    java.util.Arrays.sort(starts);
                    System.out.printf(Locale.ROOT, "%-48s %8.2f s (%d starts: %.2f-%.2f s)%n",
                            "start-up to the first successful write, " + (archiveSetting.isEmpty() ? "no archive" : "archive"),
                            starts[STARTS / 2] / 1e9, STARTS, starts[0] / 1e9, starts[STARTS - 1] / 1e9);
                }
            }
            long launched = System.nanoTime();
            daemon = launch(repo, config, classList == null ? archive.toString() : "", classList);
            BlockingQueue<Line> lines = follow(daemon);

            Line first = until(lines, l -> l.kind().equals(OutcomeKind.WRITTEN.wireName()), Duration.ofMinutes(2));
            report("start-up to the first successful write", first.at() - launched);

            long writesBefore = 0;
            long cpuBefore = cpuTicks(daemon.pid());
            long plateBefore = threadCpuTicks(daemon.pid(), PLATE_THREAD);
            long windowStart = System.nanoTime();
            while (System.nanoTime() - windowStart < TimeUnit.MINUTES.toNanos(minutes)) {
                Line l = lines.poll(1, TimeUnit.SECONDS);
                writesBefore += l == null ? 0 : 1;
            }
            long cpu = cpuTicks(daemon.pid()) - cpuBefore;
            long plate = threadCpuTicks(daemon.pid(), PLATE_THREAD) - plateBefore;
            System.out.printf(Locale.ROOT, "%-48s %8.0f MiB%n", "resident memory after " + minutes + " min of writes",
                    rssKib(daemon.pid()) / 1024.0);
            System.out.printf(Locale.ROOT, "%-48s %8.2f ms (%d writes with read-back, %d ms of CPU)%n", "CPU time per write",
                    cpu * 10.0 / writesBefore, writesBefore, cpu * 10);
            System.out.printf(Locale.ROOT, "%-48s %8.2f ms (%d ms in %s, the virtual plate's bus)%n",
                    "CPU time per write without the plate thread", (cpu - plate) * 10.0 / writesBefore, plate * 10, PLATE_THREAD);
            if (classList != null) {
                stop(daemon);
                daemon = null;
                writeClassList(classList);
                System.out.println("class list written to " + classList);
                return ExitCode.OK;
            }

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
                stop(daemon);
            }
            Files.deleteIfExists(config);
            cluster.restore("all", Duration.ofMinutes(2));
            if (startedHere) {
                cluster.stop(Duration.ofSeconds(30));
            }
        }
        return ExitCode.OK;
    }

    /**
     * The daemon through the launcher a client Pi runs (its JVM options and malloc setting),
     * with the class-data archive given ("" for none) and, for a training run, the class list:
     * the java launcher adds JDK_JAVA_OPTIONS to the shipped options rather than replacing them.
     */
    private static Process launch(Path repo, Path config, String archive, Path classList) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("daemon/bin/booth-daemon").toString(), "--config",
                config.toString(), "--outcomes", "-").directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BOOTH_CLASS_ARCHIVE", archive);
        if (classList != null) {
            pb.environment().put("JDK_JAVA_OPTIONS", "-XX:DumpLoadedClassList=" + classList);
        }
        return pb.start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** What the package's postinst does, for the checkout's jar. */
    private static void makeClassArchive(Path repo, Path archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(repo.resolve("daemon/bin/booth-class-archive").toString(), archive.toString())
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("daemon/bin/booth-class-archive failed");
        }
    }

    /**
     * The JVM's list, less what a static archive cannot hold (dynamic proxies, JFR's event
     * classes), under a header saying where it came from.
     */
    private static void writeClassList(Path file) throws IOException {
        List<String> classes = Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith("#") && !l.contains("$Proxy") && !l.startsWith("jdk/internal/event/")).toList();
        Files.write(file, java.util.stream.Stream.concat(Stream.of(
                "# The classes a booth-daemon run loads (headless, ALL with read-back, on the 5-node cluster), for",
                "# booth-class-archive. Made by: demo-scripts/daemon-benchmark --class-list daemon/conf/booth.classlist"),
                classes.stream()).toList());
    }

    private static BlockingQueue<Line> follow(Process p) {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    long at = System.nanoTime();
                    try {
                        OutcomeLine o = OutcomeLine.decode(s);
                        lines.add(new Line(at, o.kind(), o.shown().backlight(), o.shown().bottom()));
                    } catch (IllegalArgumentException notAnOutcome) {
                        // another line on the daemon's standard output
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

    /** The first of the daemon's lines to match, waiting {@code limit} at most (the benchmarks' one wait). */
    static <T> T until(BlockingQueue<T> lines, java.util.function.Predicate<T> p, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            T l = lines.poll(100, TimeUnit.MILLISECONDS);
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

    /** utime + stime of the process's threads named {@code name}, in clock ticks. */
    private static long threadCpuTicks(long pid, String name) throws IOException {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.equals(name)) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks;
    }

    private static long rssKib(long pid) throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        return status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
    }
}
