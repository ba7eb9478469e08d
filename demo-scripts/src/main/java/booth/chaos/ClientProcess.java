package booth.chaos;

import booth.chaos.kafka.EventTopics;
import booth.model.Topology;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlClient;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import booth.protocol.control.RequestJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One client box of the run: the real daemon ({@code target/booth.jar}) as a child process,
 * headless, with its own configuration, outcome stream, log and control socket.
 */
final class ClientProcess implements AutoCloseable {
    /** The daemon's JVM options as {@code daemon/bin/booth-daemon} ships them (a test keeps the two equal). */
    static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");
    /** The launcher's malloc setting, also shipped: two arenas instead of one per busy thread. */
    static final String MALLOC_ARENA_MAX = "2";
    /** Replaces {@link #JVM_OPTIONS} when set, as it does for {@code daemon/bin/booth-daemon}. */
    static final String JVM_OPTIONS_VARIABLE = "BOOTH_JAVA_OPTS";
    static final String WRITE_LEVEL = "LOCAL_QUORUM";
    static final String READ_LEVEL = "LOCAL_ONE";
    /** Serial GC's heap_info: "def new generation   total 4928K, used 1234K", "tenured generation ...". */
    private static final Pattern GENERATION_USED =
            Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    /** Beyond the driver's time-outs: the answer's way through the ui thread to the stream. */
    private static final Duration QUIET_MARGIN = Duration.ofSeconds(1);
    /** How long the stream's own thread may take to write a line the status already has. */
    private static final Duration STREAM_CATCH_UP = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topology.Client client;
    private final Path dir;
    private final Path socket;
    private final Process process;
    /** Which of the box's daemons this is (1 the first; a clock step starts the next): it names its bus recording. */
    private final int daemon;
    private final Instant started = Instant.now();
    /** Copies the daemon's standard error to its log, unless told to stop reading for a while. */
    private final Thread logReader;
    private volatile long unreadUntilNanos;

    private ClientProcess(Topology.Client client, Path dir, Path socket, Process process, int daemon) {
        this.client = client;
        this.dir = dir;
        this.socket = socket;
        this.process = process;
        this.daemon = daemon;
        this.logReader = new Thread(this::copyLog, client.name() + "-log");
        logReader.setDaemon(true);
        logReader.start();
    }

    /**
     * Writes the client's configuration under {@code dir} and starts its daemon; with
     * {@code clockOffset} ({@code -10m}, {@code +600s}: libfaketime's form) under a wall clock that
     * far off, as a Pi without a real-time clock or NTP may have it (its monotonic clock stays true).
     * A box started again (a clock step) appends to its outcome stream and log: {@link #fresh}
     * clears them before a run. Its control socket is in {@code sockets}, owned by the group
     * nogroup: the run's {@link SocketFlood} is nobody, a member of the booth's group. With
     * {@code events}, the daemon publishes its outcomes, health and cluster views there.
     */
    static ClientProcess start(Topology topology, Path topologyFile, Topology.Client client, Path jar, Path dir,
                               Path sockets, Optional<String> clockOffset, Optional<EventTopics> events) throws IOException {
        if (!dir.isAbsolute()) {
            // the daemon runs in dir and reads its configuration by the path given: a relative one would not be found
            throw new IllegalArgumentException("the run's directory must be absolute: " + dir);
        }
        Files.createDirectories(dir);
        String contactPoints = topology.nodesIn(client.localDc()).stream()
                .map(n -> "\"" + n.address().getHostAddress() + ":9042\"").collect(Collectors.joining(", "));
        String replication = topology.replication().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        Path config = dir.resolve(client.name() + ".conf");
        Files.writeString(config, """
                # written by demo-scripts/chaos for one client box of the run
                booth {
                  client-name = %s
                  local-dc = %s
                  contact-points = [%s]
                  replication { %s }
                  topology-file = "%s"
                  mode = headless
                  write-level = %s
                  read-level = %s
                  control-socket = "%s"
                %s%s}
                """.formatted(client.name(), client.localDc(), contactPoints, replication, topologyFile.toAbsolutePath(),
                WRITE_LEVEL, READ_LEVEL, sockets.resolve(client.name() + ".sock"),
                // the flooders' group: only root may give a socket to a group it is not in (and only root floods)
                SocketFlood.CAN_RUN ? "  control-socket-group = " + SocketFlood.GROUP + "\n" : "",
                events.map(e -> e.daemonBlock().indent(2)).orElse("")));
        int daemon = 1;
        while (Files.exists(busRecording(dir, client, daemon))) {
            daemon++;
        }
        // the log says which daemon starts here and under which clock (DaemonLog reads it)
        Files.writeString(log(dir, client), DaemonLog.started(daemon, clockOffset), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-jar", jar.toString(), "--config", config.toString(), "--outcomes",
                outcomes(dir, client).toString(), "--record-bus", busRecording(dir, client, daemon).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        if (clockOffset.isPresent()) {
            pb.environment().putAll(wallClock(clockOffset.get()));
        }
        Process p = pb.directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        return new ClientProcess(client, dir, sockets.resolve(client.name() + ".sock"), p, daemon);
    }

    /** Clears what an earlier run left of {@code client} under {@code dir}: its outcome stream and log. */
    static void fresh(Path dir, Topology.Client client) throws IOException {
        Files.deleteIfExists(outcomes(dir, client));
        Files.deleteIfExists(log(dir, client));
        for (int n = 1; Files.deleteIfExists(busRecording(dir, client, n)); n++) {
            // each daemon's recording, up to the first missing
        }
    }

    /**
     * Stops reading the daemon's standard error for {@code lasts}, as a stalled journal: once the
     * pipe's buffer is full, every write to it blocks (the daemon's log lane must keep its other
     * threads going).
     */
    void stallLog(Duration lasts) {
        unreadUntilNanos = System.nanoTime() + lasts.toNanos();
    }

    private void copyLog() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getErrorStream();
             OutputStream log = Files.newOutputStream(log(dir, client), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                long unread = unreadUntilNanos - System.nanoTime();
                if (unread > 0) {
                    Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(unread) + 1, 1000));
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                log.write(buffer, 0, n);
                log.flush();
            }
        } catch (IOException e) {
            // the daemon is gone: what it wrote is in the log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The environment that gives a JVM a wall clock {@code offset} off ("-10m", "+10m") and its
     * monotonic clock true, as on a Pi booted with no real-time clock and no NTP.
     *
     * <ul>
     * <li>The library itself is preloaded, not the faketime(1) wrapper: the wrapper forks, and
     * stopping it left the daemon running (found by ClockIT).
     * <li>{@code FAKETIME_FORCE_MONOTONIC_FIX=0}: without it, libfaketime 0.9.10 (Debian 12)
     * turns every timed wait of the JVM (its monotonic condition variables) into one that returns
     * at once. Measured: a thread waiting 100 ms 30 times waited 800,000 times in 3 s, 6.6 s of
     * CPU on 2 cores, against 30 waits and 0.07 s without the library or with this setting; in the
     * hour at 7e8be97 each daemon under a faked clock burned one and a half cores for its life,
     * and the starved machine drew the LCD late. FakedClockIT keeps it so.
     * </ul>
     */
    static Map<String, String> wallClock(String offset) throws IOException {
        return Map.of("LD_PRELOAD", libfaketime().toString(), "FAKETIME", offset, "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** Debian's libfaketime (package faketime), whatever the architecture's library directory. */
    static Path libfaketime() throws IOException {
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-gnu*")) {
            for (Path d : dirs) {
                Path lib = d.resolve("faketime/libfaketime.so.1");
                if (Files.exists(lib)) {
                    return lib;
                }
            }
        }
        throw new IOException("no /usr/lib/*/faketime/libfaketime.so.1: install Debian's faketime");
    }

    /** The JVM options the daemons run with: {@value #JVM_OPTIONS_VARIABLE} when set, else the shipped ones. */
    static List<String> jvmOptions() {
        String set = System.getenv(JVM_OPTIONS_VARIABLE);
        return set == null || set.isBlank() ? JVM_OPTIONS : List.of(set.trim().split("\\s+"));
    }

    /** The daemon's control socket. */
    Path socket() {
        return socket;
    }

    private static Path outcomes(Path dir, Topology.Client client) {
        return dir.resolve(client.name() + ".outcomes.jsonl");
    }

    /** The virtual plate's bus as the daemon drove it: what its LCD really held, for the checker to decode. */
    private static Path busRecording(Path dir, Topology.Client client, int daemon) {
        return dir.resolve(client.name() + (daemon == 1 ? "" : "." + daemon) + ".bus.jsonl");
    }

    Path busRecording() {
        return busRecording(dir, client, daemon);
    }

    /** When this daemon was started. */
    Instant started() {
        return started;
    }

    /** The box's name, and which of its daemons this is when it is not the first. */
    String daemonName() {
        return daemon == 1 ? client.name() : client.name() + " (daemon " + daemon + ")";
    }

    Topology.Client client() {
        return client;
    }

    String name() {
        return client.name();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path outcomeFile() {
        return outcomes(dir, client);
    }

    Path logFile() {
        return log(dir, client);
    }

    private static Path log(Path dir, Topology.Client client) {
        return dir.resolve(client.name() + ".log");
    }

    /** Every outcome line written so far. */
    List<String> outcomeLines() throws IOException {
        Path f = outcomeFile();
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * Sends one control request and returns the answer.
     *
     * @throws IOException when the daemon cannot be reached or refuses (with its reason)
     */
    <A extends ControlAnswer> A control(ControlRequest<A> request) throws IOException {
        try (ControlClient c = ControlClient.connect(socket)) {
            return c.call(request);
        } catch (ControlClient.Refused e) {
            throw new IOException(client.name() + " refused " + RequestJson.command(request) + ": " + e.reason(), e);
        } catch (ControlClient.Unreachable e) {
            throw new IOException(client.name() + ": control socket unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * Pauses the daemon and returns its status once it is quiet: every write it started answered
     * and in the stream. The daemon does not say whether a write is in flight; the driver answers
     * every request within its time-out, so a write started before the pause took effect (at most
     * one: a tick that read the state just before) has its answer, and its read-back theirs,
     * within two request time-outs. After them, the status's last outcome must be in the stream
     * (written by a thread of its own): polled for, within a limit.
     *
     * @throws IOException when the daemon does not answer, or its stream never catches up
     */
    DaemonStatus pauseUntilQuiet(Duration requestTimeout) throws IOException {
        control(new ControlRequest.Pause());
        return untilQuiet(requestTimeout);
    }

    /** As {@link #pauseUntilQuiet}, for a daemon whose pause has just been answered. */
    DaemonStatus untilQuiet(Duration requestTimeout) throws IOException {
        Poll.pause(requestTimeout.multipliedBy(2).plus(QUIET_MARGIN));
        DaemonStatus[] last = {null};
        return Poll.until(STREAM_CATCH_UP, POLL, () -> {
            DaemonStatus s = control(new ControlRequest.Status()).status();
            last[0] = s;
            List<String> lines = outcomeLines();
            Optional<String> streamLast = lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
            boolean caughtUp = s.last().isEmpty() || streamLast.map(l -> sameOutcome(l, s.last().get())).orElse(false);
            return caughtUp ? Optional.of(s) : Optional.empty();
        }).orElseGet(() -> last[0]); // not caught up: the tally reports the difference
    }

    /** Whether two lines are the same outcome (the status re-encodes it): the same run and number. */
    private boolean sameOutcome(String a, String b) {
        try {
            Observed x = Observed.parse(name(), a);
            Observed y = Observed.parse(name(), b);
            return x.run().equals(y.run()) && x.seq() == y.seq();
        } catch (IllegalArgumentException halfWritten) {
            return false;
        }
    }

    /** Resident memory in KiB, from /proc. */
    long rssKib() throws IOException {
        return procStatus("VmRSS:");
    }

    /** Threads of the daemon's JVM, from /proc: a leak of threads would show here before it shows as memory. */
    long threads() throws IOException {
        return procStatus("Threads:");
    }

    private long procStatus(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith(field)).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
    }

    /**
     * The heap in use, then the heap still in use after a full collection (the live heap, which a
     * leak grows and garbage does not), both in KiB: one jcmd attach runs {@code GC.heap_info},
     * {@code GC.run} (JDK 17: {@code System.gc()}, a full collection with the serial collector, a
     * pause of some tens of milliseconds for this heap) and {@code GC.heap_info} again. Empty
     * when jcmd cannot tell.
     */
    Optional<HeapSample> heapSample() {
        try {
            Path commands = Files.createTempFile(dir, "jcmd", ".txt");
            try {
                Files.writeString(commands, "GC.heap_info\nGC.run\nGC.heap_info\n", StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "-f", commands.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return HeapSample.parse(out);
            } finally {
                Files.deleteIfExists(commands);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The heap in use before and after a full collection, in KiB. */
    record HeapSample(long usedKib, long afterFullGcKib) {
        /** Reads jcmd's two heap_info answers (each the sum of its generations' "used"), or empty. */
        static Optional<HeapSample> parse(String jcmdOutput) {
            List<Long> sums = new ArrayList<>();
            long sum = 0;
            int generations = 0;
            for (String line : jcmdOutput.split("\n")) {
                var m = GENERATION_USED.matcher(line);
                if (m.find()) {
                    sum += Long.parseLong(m.group(1));
                    generations++;
                } else if (line.startsWith("Command executed successfully") || line.contains("Metaspace")) {
                    if (generations > 0) {
                        sums.add(sum);
                    }
                    sum = 0;
                    generations = 0;
                }
            }
            return sums.size() == 2 ? Optional.of(new HeapSample(sums.get(0), sums.get(1))) : Optional.empty();
        }
    }

    /** Stops the daemon: SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() {
        unreadUntilNanos = 0; // a stalled log would hold up the daemon's last lines
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            logReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
