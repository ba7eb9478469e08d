package booth.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real Kafka brokers on this machine, in KRaft mode (no ZooKeeper), from the Maven Central
 * server artifact: a single broker, or a trio as in NASA GCN's demo (replication factor 3,
 * min.insync.replicas 2). Broker n listens on 127.0.3.n:9092.
 *
 * <p>The single broker is its own controller. The trio's controller is a process of its own
 * (127.0.3.10:9093), as at the booth, where it runs on a machine no e-stop cuts: with the
 * controllers on the brokers, two brokers cut would take the controller quorum with them, the
 * in-sync set could never shrink, and acks=all would only ever time out instead of saying "not
 * enough in-sync replicas" (measured: shared/notes/local-kafka.md). The trio also has the
 * booth's failure detection ({@link KafkaServerProperties#BOOTH_TIMEOUTS}). E-stops as for the Cassandra cluster:
 * freeze (SIGSTOP) or kill a broker, and restore it.
 */
public final class LocalKafka {
    /** How many brokers, and the replication settings that go with them. */
    public enum Layout {
        SINGLE(1, 1, 1), TRIO(3, 3, 2);

        final int brokers;
        final int replication;
        final int minInsync;

        Layout(int brokers, int replication, int minInsync) {
            this.brokers = brokers;
            this.replication = replication;
            this.minInsync = minInsync;
        }

        public int brokers() {
            return brokers;
        }
    }

    /** One line of status. */
    public record BrokerStatus(int id, String address, long pid, String state) {
    }

    public static final int CLIENT_PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    /** The trio's controller: its node id, and its address 127.0.3.10. */
    public static final int CONTROLLER_ID = 10;

    private static final String MARKER_PROPERTY = "-Dbooth.kafka.broker=";

    private final Layout layout;
    private final Path home;
    private final Path runtimePom;
    private final Consumer<String> report;
    private String classpath;

    public LocalKafka(Layout layout, Path home, Path runtimePom, Consumer<String> report) {
        this.layout = layout;
        this.home = home.toAbsolutePath().normalize();
        this.runtimePom = runtimePom.toAbsolutePath().normalize();
        this.report = report;
    }

    public static String address(int id) {
        return "127.0.3." + id;
    }

    /** host:port of every broker, for bootstrap.servers. */
    public String bootstrapServers() {
        return ids().stream().map(id -> address(id) + ":" + CLIENT_PORT).collect(Collectors.joining(","));
    }

    public Layout layout() {
        return layout;
    }

    private List<Integer> ids() {
        return IntStream.rangeClosed(1, layout.brokers).boxed().toList();
    }

    /** Every process: the brokers, and the trio's controller. */
    private List<Integer> processes() {
        List<Integer> all = new ArrayList<>(ids());
        if (separateController()) {
            all.add(CONTROLLER_ID);
        }
        return all;
    }

    private boolean separateController() {
        return layout == Layout.TRIO;
    }

    /** The port a process is up on when it accepts connections: a broker's client port, the controller's quorum port. */
    private static int port(int id) {
        return id == CONTROLLER_ID ? CONTROLLER_PORT : CLIENT_PORT;
    }

    private static String name(int id) {
        return id == CONTROLLER_ID ? "controller" : "broker " + id;
    }

    private Path brokerHome(int id) {
        return home.resolve(id == CONTROLLER_ID ? "controller" : "broker-" + id);
    }

    private Optional<Long> find(int id) {
        return Processes.find(MARKER_PROPERTY + brokerHome(id));
    }

    /** Starts every broker that is not running (formatting its storage the first time) and waits for their ports. */
    public void start(Duration timeout) throws ClusterException {
        long began = System.nanoTime();
        List<Integer> toLaunch = new ArrayList<>();
        for (int id : processes()) {
            Optional<Long> pid = find(id);
            if (pid.isPresent() && Processes.isStopped(pid.get())) {
                Processes.signal(pid.get(), "CONT");
            } else if (pid.isEmpty()) {
                toLaunch.add(id);
            }
        }
        for (int id : toLaunch) {
            checkFree(id);
        }
        for (int id : toLaunch) {
            launch(id);
        }
        awaitPorts(processes(), System.nanoTime() + timeout.toNanos());
        report.accept(String.format("%d Kafka broker(s) up in %.1f s: %s", layout.brokers,
                (System.nanoTime() - began) / 1e9, bootstrapServers()));
    }

    /**
     * Stops every broker together (one by one, the last one hangs without a quorum), then the
     * trio's controller: a broker shuts down cleanly only while its controller answers, and hangs
     * until killed once it is gone.
     */
    public void stop(Duration grace) throws ClusterException {
        List<Long> brokers = ids().stream().map(this::find).flatMap(Optional::stream).toList();
        List<Long> killed = new ArrayList<>(Processes.stopAll(brokers, grace));
        List<Long> controller = separateController() ? find(CONTROLLER_ID).stream().toList() : List.of();
        killed.addAll(Processes.stopAll(controller, grace));
        int stopped = brokers.size() + controller.size();
        if (stopped > 0) {
            report.accept(stopped + " Kafka process(es) stopped" + (killed.isEmpty() ? "" : ", " + killed.size() + " killed"));
        }
    }

    public List<BrokerStatus> status() {
        List<BrokerStatus> out = new ArrayList<>();
        for (int id : processes()) {
            Optional<Long> pid = find(id);
            String state = pid.isEmpty() ? "down" : Processes.isStopped(pid.get()) ? "frozen"
                    : accepts(id) ? "up" : "starting";
            out.add(new BrokerStatus(id, address(id), pid.orElse(0L), state));
        }
        return out;
    }

    /** Whether any of this layout's processes runs (frozen counts). */
    public boolean running() {
        return processes().stream().anyMatch(id -> find(id).isPresent());
    }

    /** Freezes (SIGSTOP) or kills broker {@code id}. */
    public void estop(int id, boolean kill) throws ClusterException {
        check(id);
        Optional<Long> pid = find(id);
        if (pid.isEmpty()) {
            report.accept("broker " + id + ": not running");
            return;
        }
        Processes.signal(pid.get(), kill ? "KILL" : "STOP");
        if (kill) {
            Processes.awaitExit(pid.get(), Duration.ofSeconds(10));
        }
        report.accept("broker " + id + ": " + (kill ? "killed" : "frozen"));
    }

    /** Thaws or relaunches broker {@code id} and waits for its port. */
    public void restore(int id, Duration timeout) throws ClusterException {
        check(id);
        Optional<Long> pid = find(id);
        if (pid.isPresent()) {
            Processes.signal(pid.get(), "CONT");
        } else {
            checkFree(id);
            launch(id);
        }
        awaitPorts(List.of(id), System.nanoTime() + timeout.toNanos());
        report.accept("broker " + id + ": restored");
    }

    private void check(int id) throws ClusterException {
        if (id < 1 || id > layout.brokers) {
            throw new ClusterException("no broker " + id + " (brokers are 1 to " + layout.brokers + ")");
        }
    }

    private void launch(int id) throws ClusterException {
        Path dir = brokerHome(id);
        try {
            Files.createDirectories(dir.resolve("data"));
            Path props = dir.resolve("server.properties");
            Files.writeString(props, serverProperties(id));
            Files.writeString(dir.resolve("log4j2.properties"), log4j(dir));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                Process format = new ProcessBuilder(java, "-Xmx128m", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                        "-cp", classpath(), "kafka.tools.StorageTool", "format", "--config", props.toString(),
                        "--cluster-id", clusterId()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("format.log").toFile()).start();
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new ClusterException(name(id) + ": formatting its storage failed:\n"
                            + Processes.tail(dir.resolve("format.log"), 10));
                }
            }
            String heap = id == CONTROLLER_ID ? "128m" : "256m";
            Process p = new ProcessBuilder("setsid", java, "-Xms" + heap, "-Xmx" + heap, "-XX:TieredStopAtLevel=1",
                    MARKER_PROPERTY + dir, "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                    "-Dkafka.logs.dir=" + dir, "-cp", classpath(), "kafka.Kafka", props.toString())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            report.accept(name(id) + " (" + address(id) + "): launched, pid " + p.pid());
        } catch (IOException e) {
            throw new ClusterException(name(id) + ": cannot launch: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted", e);
        }
    }

    String serverProperties(int id) {
        String data = brokerHome(id).resolve("data").toString();
        if (id == CONTROLLER_ID) {
            return KafkaServerProperties.controller("generated by the local Kafka launcher: the trio's controller, on no broker",
                    id, address(id), CONTROLLER_PORT, data, layout.minInsync);
        }
        String a = address(id);
        String voters = separateController() ? CONTROLLER_ID + "@" + address(CONTROLLER_ID) + ":" + CONTROLLER_PORT
                : ids().stream().map(i -> i + "@" + address(i) + ":" + CONTROLLER_PORT).collect(Collectors.joining(","));
        String listeners = separateController() ? "PLAINTEXT://%s:%d".formatted(a, CLIENT_PORT)
                : "PLAINTEXT://%s:%d,CONTROLLER://%s:%d".formatted(a, CLIENT_PORT, a, CONTROLLER_PORT);
        return KafkaServerProperties.broker("generated by the local Kafka launcher: broker " + id + " of " + layout.brokers,
                id, separateController() ? "broker" : "broker,controller", voters, listeners, a + ":" + CLIENT_PORT, data,
                layout.replication, layout.minInsync, separateController());
    }

    private static String log4j(Path dir) {
        return """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = FILE
                appender.file.type = RollingFile
                appender.file.name = FILE
                appender.file.fileName = %s
                appender.file.filePattern = %s.%%i
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                appender.file.policies.type = Policies
                appender.file.policies.size.type = SizeBasedTriggeringPolicy
                appender.file.policies.size.size = 10MB
                appender.file.strategy.type = DefaultRolloverStrategy
                appender.file.strategy.max = 2
                """.formatted(dir.resolve("server.log"), dir.resolve("server.log"));
    }

    /** The KRaft cluster id, made once per directory. */
    private String clusterId() throws IOException {
        Path file = home.resolve("cluster.id");
        if (!Files.exists(file)) {
            SecureRandom random = new SecureRandom();
            Files.writeString(file, newClusterId(() -> {
                byte[] b = new byte[16];
                random.nextBytes(b);
                return b;
            }));
        }
        return Files.readString(file).strip();
    }

    /**
     * 16 random bytes in URL-safe base64, as Kafka's own ids; drawn again while the id starts with
     * '-' (one time in 64), which the storage tool would take for an option, as Kafka's own
     * generator does.
     */
    static String newClusterId(java.util.function.Supplier<byte[]> random) {
        String id;
        do {
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(random.get());
        } while (id.startsWith("-"));
        return id;
    }

    private String classpath() throws ClusterException {
        if (classpath == null) {
            classpath = MavenClasspath.resolve(runtimePom, home.resolve("kafka.classpath"), "Kafka's server runtime", report);
        }
        return classpath;
    }

    private void checkFree(int id) throws ClusterException {
        int[] ports = id == CONTROLLER_ID ? new int[] {CONTROLLER_PORT}
                : separateController() ? new int[] {CLIENT_PORT} : new int[] {CLIENT_PORT, CONTROLLER_PORT};
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(address(id), port));
            } catch (IOException e) {
                throw new ClusterException(name(id) + ": port " + port + " on " + address(id)
                        + " is in use by a process this launcher did not start (another local Kafka?)");
            }
        }
    }

    private void awaitPorts(List<Integer> brokers, long deadline) throws ClusterException {
        List<Integer> waiting = new ArrayList<>(brokers);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                int id = it.next();
                if (Processes.gone(MARKER_PROPERTY + brokerHome(id))) {
                    throw new ClusterException(name(id) + " exited while starting; last lines of its log:\n"
                            + Processes.tail(brokerHome(id).resolve("server.log"), 15) + "\n"
                            + Processes.tail(brokerHome(id).resolve("stdout.log"), 5));
                }
                if (accepts(id)) {
                    it.remove();
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("brokers not up before the deadline: " + waiting + "; see " + home);
                }
                Processes.pause();
            }
        }
    }

    private boolean accepts(int id) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address(id), port(id)), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
