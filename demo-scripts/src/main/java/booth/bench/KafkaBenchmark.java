package booth.bench;

import booth.cluster.LocalKafka;
import booth.protocol.OutcomeLine;
import booth.protocol.ProduceJson;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo-scripts/kafka-benchmark}: the Kafka demo measured from outside, on the local trio
 * (three brokers, their controller apart, the booth's failure detection). Runs the real daemon
 * through its launcher, headless, in the Kafka demo, its outcome stream on standard output, and
 * cuts the partition's leader {@code --cuts} times at acks=all and as often at acks=1, a record a
 * second as at the booth (the latency runs: ten a second, for enough records). A cut is
 * a freeze (SIGSTOP): to the other machines a broker whose power is cut falls silent, as a
 * frozen one does, where a killed process would close its connections at once. Prints: the
 * time from the cut to the first record acknowledged by the new leader (acks=all), the records
 * the circle found lost per cut (acks=1), and the circle's end-to-end latency in calm. Starts
 * the trio if it is not running, and then stops it.
 */
@Command(name = "kafka-benchmark", mixinStandardHelpOptions = true,
        description = "The Kafka demo measured from outside on the local trio: leader cut to the first acks=all record "
                + "acknowledged, acknowledged records lost per leader cut at acks=1, the circle's end-to-end latency. "
                + "About 3 minutes with 5 cuts.")
@Exit(value = ExitCode.FAILED, when = "the measurement could not be made (the stack trace says why)")
public final class KafkaBenchmark implements Callable<ExitCode> {
    public static final Program PROGRAM = Program.of(KafkaBenchmark::new);

    @Option(names = "--cuts", paramLabel = "N", description = "leader cuts at each acks setting (default ${DEFAULT-VALUE})")
    int cuts = 5;

    /** One outcome line: when it was read, the record's kind, its leader (0: unknown), the partition's ISR size, own lost. */
    private record Line(long at, long seq, String kind, int leader, int isr, long ownLost, double p50, double p99) {
    }

    /** It prints its figures on standard output, as its helpers do. */
    KafkaBenchmark(PrintStream out, PrintStream err) {
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws Exception {
        Path repo = Path.of(System.getProperty("booth.repo", ".")).toAbsolutePath();
        LocalKafka kafka = new LocalKafka(LocalKafka.Layout.TRIO, repo.resolve(".local-kafka/trio"),
                repo.resolve("demo-scripts/kafka/pom.xml"), line -> { });
        boolean startedHere = !kafka.running();
        if (startedHere) {
            System.out.println("starting the local trio...");
            kafka.start(Duration.ofMinutes(3));
        }
        try {
            for (String acks : new String[] {"all", "1"}) {
                // the circle keeps the latencies of its last 1000 records: after 1100, the first
                // (the producer and the topic warming up) are out of the figure
                Run fast = new Run(repo, acks, "100ms");
                try {
                    Line l = fast.until(x -> x.seq() >= 1100, Duration.ofMinutes(5));
                    System.out.printf(Locale.ROOT, "%-56s p50 %.1f ms, p99 %.1f ms%n",
                            "circle end-to-end latency, acks=" + acks + ", 1000 records at 10/s", l.p50(), l.p99());
                } finally {
                    fast.stop();
                }
            }
            Run all = new Run(repo, "all", "1s");
            try {
                all.calm();
                double[] failover = new double[cuts];
                for (int i = 0; i < cuts; i++) {
                    int leader = all.leader();
                    long cut = System.nanoTime();
                    kafka.estop(leader, false);
                    Line first = all.until(l -> l.kind().equals("acked") && l.leader() != leader && l.at() > cut, Duration.ofMinutes(1));
                    failover[i] = (first.at() - cut) / 1e9;
                    kafka.restore(leader, Duration.ofMinutes(1));
                    all.calm();
                }
                Arrays.sort(failover);
                System.out.printf(Locale.ROOT, "%-56s median %.2f s (%d cuts: %.2f-%.2f s)%n",
                        "leader cut to the first acks=all record acknowledged", failover[cuts / 2], cuts, failover[0], failover[cuts - 1]);
            } finally {
                all.stop();
            }
            Run one = new Run(repo, "1", "1s");
            try {
                one.calm();
                long[] lost = new long[cuts];
                for (int i = 0; i < cuts; i++) {
                    int leader = one.leader();
                    long before = one.last().ownLost();
                    long cut = System.nanoTime();
                    kafka.estop(leader, false);
                    one.until(l -> l.kind().equals("acked") && l.leader() != leader && l.at() > cut, Duration.ofMinutes(1));
                    kafka.restore(leader, Duration.ofMinutes(1));
                    lost[i] = one.calm().ownLost() - before; // judged once later records were consumed
                }
                System.out.printf(Locale.ROOT, "%-56s %s (%d in %d cuts)%n", "acknowledged records lost per leader cut, acks=1",
                        Arrays.toString(lost), Arrays.stream(lost).sum(), cuts);
            } finally {
                one.stop();
            }
        } finally {
            for (int id = 1; id <= 3; id++) {
                kafka.restore(id, Duration.ofMinutes(2));
            }
            if (startedHere) {
                kafka.stop(Duration.ofSeconds(30));
            }
        }
        return ExitCode.OK;
    }

    /** One daemon at one acks, its outcome lines. */
    private static final class Run {
        private final Process daemon;
        private final Path config;
        private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        private volatile Line last;

        /** A daemon producing at {@code acks}, a record every {@code interval} (the booth's is 1s). */
        Run(Path repo, String acks, String interval) throws IOException {
            String client = "kbench-" + (acks.equals("all") ? "all" : "one") + "-" + System.currentTimeMillis() % 100000;
            config = Files.createTempFile("booth-kafka-bench", ".conf");
            Files.writeString(config, Files.readString(repo.resolve("daemon/conf/laptop.conf"))
                    + "\nbooth { client-name = " + client + ", mode = headless, demo = kafka, control-socket = \""
                    + config + ".sock\", write-interval = " + interval + ", kafka-demo { acks = \"" + acks + "\", circle = [" + client + "] } }\n");
            daemon = new ProcessBuilder(repo.resolve("daemon/bin/booth-daemon").toString(), "--config", config.toString(),
                    "--outcomes", "-").directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread t = new Thread(this::read, "daemon-output");
            t.setDaemon(true);
            t.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    long at = System.nanoTime();
                    OutcomeLine o;
                    try {
                        o = OutcomeLine.decode(s);
                    } catch (IllegalArgumentException notAnOutcome) {
                        continue; // another line on the daemon's standard output
                    }
                    if (o instanceof ProduceJson.RecordLine k) {
                        Line l = new Line(at, k.seq(), k.kind(), k.leader().orElse(0),
                                k.isr().map(i -> i.isr().size()).orElse(0), k.circle().ownLost(),
                                millis(k.circle().p50()), millis(k.circle().p99()));
                        last = l;
                        lines.add(l);
                    }
                }
            } catch (IOException e) {
                // the daemon ended
            }
        }

        /** Milliseconds, NaN before the circle has any. */
        private static double millis(Optional<Duration> d) {
            return d.map(x -> x.toNanos() / 1e6).orElse(Double.NaN);
        }

        Line last() {
            return last;
        }

        int leader() {
            return last.leader();
        }

        Line until(Predicate<Line> p, Duration limit) throws InterruptedException {
            return DaemonBenchmark.until(lines, p, limit);
        }

        /** Ten records in a row acknowledged with all three replicas in sync: calm. */
        Line calm() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int inARow = 0;
            Line l = null;
            while (inARow < 10) {
                l = until(x -> true, Duration.ofMinutes(1));
                inARow = l.kind().equals("acked") && l.isr() == 3 ? inARow + 1 : 0;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no calm within 2 minutes");
                }
            }
            return l;
        }

        void stop() throws InterruptedException, IOException {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(config);
        }
    }
}
