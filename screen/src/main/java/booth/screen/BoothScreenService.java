package booth.screen;

import booth.protocol.config.ConfigException;
import booth.screen.ScreenConfig;
import booth.protocol.kafka.EventStream;
import booth.protocol.Wire;
import booth.model.Topology;
import booth.model.TopologyException;
import booth.model.TopologyFile;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * booth-screen: the whole booth on a TV. Reads the clients' outcome, health and cluster events
 * from Kafka and serves the page that draws them (see the README, "The booth screen"). One
 * thread consumes and owns the state; the HTTP threads only send what it last published.
 */
public final class BoothScreenService implements AutoCloseable {
    static final int EXIT_USAGE = 2;
    static final int EXIT_CONFIG = 78;
    static final int EXIT_UNAVAILABLE = 69;
    static final String DEFAULT_CONFIG = "/etc/booth/screen.conf";

    private static final Logger log = LoggerFactory.getLogger(BoothScreenService.class);
    private static final String USAGE = """
            Usage: booth-screen [--config FILE]
            The booth's screen: every client's outcomes, health and driver's view of the cluster,
            read from Kafka, served as a web page for a TV (see the README, "The booth screen").
              --config FILE   HOCON configuration, a screen { ... } block (default %s)
              -h, --help      show this help and exit
              -V, --version   print the version and exit
            Exit statuses: 0 stopped, 2 bad command line, 69 the address cannot be served,
            78 bad configuration.
            """.formatted(DEFAULT_CONFIG);

    private final ScreenConfig config;
    private final BoothScreen screen;
    private final EventStream stream;
    private final ScreenServer server;
    private final Thread consumer;
    private volatile boolean running = true;

    BoothScreenService(ScreenConfig config, Optional<Topology> topology) throws IOException {
        this.config = config;
        this.screen = new BoothScreen(config.silentAfter(), topology, ZoneId.systemDefault());
        this.server = new ScreenServer(config.listen());
        this.stream = new EventStream(config.bootstrapServers(), config.topics(), config.history());
        this.consumer = new Thread(this::consume, "screen-consumer");
    }

    void start() {
        server.start();
        consumer.start();
    }

    /** Where the page is, for example {@code http://127.0.0.1:8080/}. */
    String url() {
        return "http://" + server.address().getHostString() + ":" + server.address().getPort() + "/";
    }

    private void consume() {
        Map<String, BoothScreen.Source> sources = Map.of(config.outcomeTopic(), BoothScreen.Source.OUTCOME,
                config.healthTopic(), BoothScreen.Source.HEALTH, config.clusterTopic(), BoothScreen.Source.CLUSTER);
        long reported = 0;
        Instant started = Instant.now();
        while (running) {
            try {
                List<EventStream.Event> events = stream.poll(Duration.ofMillis(250));
                for (EventStream.Event e : events) {
                    // the history read at start counts as of when it was sent, never as live
                    boolean taken = e.sent().isBefore(started) ? screen.replay(sources.get(e.topic()), e.value(), e.sent())
                            : screen.accept(sources.get(e.topic()), e.value(), Instant.now());
                    if (!taken) {
                        long n = screen.malformed();
                        if (n >= reported * 10) { // the 1st, 10th, 100th ...: the journal stays readable
                            reported = Math.max(1, n);
                            log.warn("skipped a malformed event on {} ({} so far): it does not read as schema version {}",
                                    e.topic(), n, Wire.VERSION);
                        }
                    }
                }
                server.publish(screen.snapshot(Instant.now(), stream.missingTopics()));
            } catch (RuntimeException e) {
                // the screen must go on showing the silence rather than stop
                log.error("screen state not updated: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        stream.wakeup();
        try {
            consumer.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        stream.close();
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args) {
        Path file = Path.of(DEFAULT_CONFIG);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                case "-V", "--version" -> {
                    String v = BoothScreenService.class.getPackage().getImplementationVersion();
                    System.out.println("booth-screen " + (v == null ? "(development build)" : v));
                    return 0;
                }
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        return usage("--config needs a file");
                    }
                    file = Path.of(args[++i]);
                }
                default -> {
                    return usage("unknown argument '" + args[i] + "'");
                }
            }
        }
        ScreenConfig config;
        Optional<Topology> topology = Optional.empty();
        try {
            config = ScreenConfig.load(file);
            if (config.topologyFile().isPresent()) {
                topology = Optional.of(TopologyFile.read(config.topologyFile().get()));
            }
        } catch (ConfigException e) {
            System.err.println("booth-screen: configuration: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (TopologyException e) {
            System.err.println("booth-screen: configuration: screen.topology-file: " + e.getMessage());
            return EXIT_CONFIG;
        }
        BoothScreenService service;
        try {
            service = new BoothScreenService(config, topology);
        } catch (BindException e) {
            System.err.println("booth-screen: cannot serve at " + config.listen().getHostString() + ":" + config.listen().getPort()
                    + ": " + e.getMessage() + " (another booth-screen? set screen.listen)");
            return EXIT_UNAVAILABLE;
        } catch (IOException e) {
            System.err.println("booth-screen: cannot serve at " + config.listen() + ": " + e.getMessage());
            return EXIT_UNAVAILABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "screen-stop"));
        service.start();
        log.info("booth screen at {} (events from Kafka at {}: {})", service.url(), config.bootstrapServers(), config.topics());
        System.out.println("booth-screen: serving " + service.url());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("booth-screen: " + problem + "\n" + USAGE);
        return EXIT_USAGE;
    }
}
