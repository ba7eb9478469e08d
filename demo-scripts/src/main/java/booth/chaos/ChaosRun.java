package booth.chaos;

import booth.chaos.Schedule.Action;
import booth.chaos.kafka.PoisonJudge;
import booth.cluster.ClusterException;
import booth.cluster.LocalCluster;
import booth.hal.I2cSpeed;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.TraceReplay;
import booth.model.DemoSchema;
import booth.model.Level;
import booth.model.Topology;
import booth.protocol.OutcomeJson;
import booth.protocol.Wire;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One chaos run: the real daemons of a topology's clients against a running local cluster,
 * driven by a {@link Schedule}, then judged by the {@link TruthChecker} (and, with Kafka, the
 * booth screen's state by the {@link PoisonJudge}). Whatever happens (a failure, Ctrl-C), every
 * cut is restored, every pause resumed, every daemon and the booth screen stopped.
 */
public final class ChaosRun {
    /**
     * @param topologyFile the topology file (the daemons name nodes from it)
     * @param jar          the Pi jar the daemons run ({@code target/booth.jar})
     * @param out          where configurations, streams, logs, the journal and the report go
     * @param kafka        a broker's bootstrap servers: the boxes publish their events there, a booth
     *                     screen reads them and the schedule's poison is written to them; without it
     *                     the run has no Kafka, and its poison is not run
     */
    public record Settings(Topology topology, Path topologyFile, Path jar, Duration length, long seed, Path out,
                           Optional<String> kafka) {
    }

    /** The request time-out the daemon's driver uses (booth default). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);
    /** After the last restore: time for the figures of coming back to be seen. */
    private static final Duration TAIL = Duration.ofSeconds(20);
    /** The pace of looking at a daemon that is starting. */
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * How often each daemon's memory is sampled, and its control socket asked for status: often
     * enough for a 5-minute run to show a slope ({@link LiveHeapJudge}). Each sample is a full
     * collection in the daemon, a pause of some tens of milliseconds (measured in
     * docs/chaos-soak.md), far below any stall the checker flags.
     */
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(20);

    private final Settings settings;
    private final LocalCluster cluster;
    private final Consumer<String> say;
    private final Map<String, ClientProcess> clients = new LinkedHashMap<>();
    private final Map<Integer, Instant> cutSince = new HashMap<>();
    private final Map<Integer, Instant> cutDone = new HashMap<>();
    private final Map<Integer, Schedule.Cut> openCuts = new LinkedHashMap<>();
    private final List<ClusterHistory.Cut> cuts = new ArrayList<>();
    private final Map<String, List<TruthChecker.LevelChange>> levels = new HashMap<>();
    private final Map<String, List<TruthChecker.Span>> pauses = new HashMap<>();
    private final Map<String, Instant> pausedSince = new HashMap<>();
    private final Map<String, List<Instant>> resets = new HashMap<>();
    /**
     * When each change the run made through a box's control socket was answered (done): the
     * change reached the screen somewhere between the request and its answer (a truncating
     * reset's delete takes a second or more; a level set while a write starts lands after it).
     */
    private final Map<String, List<Instant>> changesAnswered = new HashMap<>();
    private final Map<String, BoxLives> lives = new HashMap<>();
    /** Every daemon each box had, in the order they were started (a clock step starts another). */
    private final Map<String, List<ClientProcess>> daemons = new HashMap<>();
    /** Boxes whose daemon is being started again: the sampler leaves them alone. */
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private final List<String> controlErrors = new ArrayList<>();
    /** Memory by daemon (a box's restarted daemon starts afresh), and when each was started. */
    private final Map<String, List<MemorySample>> memory = new LinkedHashMap<>();
    private final Map<String, Instant> daemonStarted = new HashMap<>();
    private final Map<String, Integer> actionCounts = new LinkedHashMap<>();
    private final List<Restored> restores = new ArrayList<>();
    /** Each daemon's stream lines before the quiet reset that starts the tally's stretch. */
    private final Map<String, Integer> linesBeforeQuietReset = new HashMap<>();
    /** The boxes' control sockets: a directory of the run's own that the flooders' user can reach. */
    private Path sockets;
    private final List<SocketFlood> floods = new ArrayList<>();
    /** With Kafka: the run's topics, its booth screen and its poison. */
    private Optional<RunEvents> events = Optional.empty();
    private volatile boolean cleanedUp;

    /** A cut restored: when its power came back, for the time-to-truth figures. */
    record Restored(Schedule.Cut cut, Instant cutAt, Instant restoredAt) {
    }

    private ChaosRun(Settings settings, LocalCluster cluster, Consumer<String> say) {
        this.settings = settings;
        this.cluster = cluster;
        this.say = say;
    }

    /**
     * Runs the chaos on {@code cluster}, which must be up (every node serving), and returns the
     * report. The cluster is left as it was found: every node powered.
     *
     * @throws ClusterException when the cluster cannot be cut or restored
     * @throws IOException      when a daemon cannot be started or its files read
     */
    public static ChaosReport run(Settings settings, LocalCluster cluster, Consumer<String> say)
            throws ClusterException, IOException {
        ChaosRun run = new ChaosRun(settings, cluster, say);
        Thread hook = new Thread(run::cleanUp, "chaos-clean-up");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.go();
        } finally {
            run.cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs the same clean-up
            }
        }
    }

    private ChaosReport go() throws ClusterException, IOException {
        Topology topology = settings.topology();
        Files.createDirectories(settings.out());
        List<Action> plan = Schedule.plan(topology, settings.seed(), settings.length());
        say.accept("seed " + settings.seed() + ": " + plan.size() + " actions over " + settings.length().toMinutes()
                + " min; files under " + settings.out());
        say.accept("daemons run with JVM options " + String.join(" ", ClientProcess.jvmOptions()));
        sockets = Files.createTempDirectory("booth-chaos", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        if (settings.kafka().isPresent()) {
            events = Optional.of(RunEvents.start(settings.kafka().get(), "chaos-" + settings.seed() + "-"
                    + Instant.now().getEpochSecond(), settings.topologyFile(), topology, say));
        }
        for (Topology.Client c : topology.clients()) {
            ClientProcess.fresh(settings.out(), c);
            ClientProcess p = ClientProcess.start(topology, settings.topologyFile(), c, settings.jar(), settings.out(),
                    sockets, Optional.empty(), events.map(RunEvents::topics));
            clients.put(c.name(), p);
            daemons.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(p);
            say.accept(c.name() + " (" + c.localDc() + "): daemon started, pid " + p.pid());
        }
        for (ClientProcess p : clients.values()) {
            awaitFirstWrite(p, Duration.ofMinutes(3));
        }
        Topology.Node seed = topology.seeds().get(0);
        Map<String, String> nameByAddress = new HashMap<>();
        topology.nodes().forEach(n -> nameByAddress.put(n.address().getHostAddress(), n.name()));
        Map<String, List<String>> replicas = new LinkedHashMap<>();
        for (ClientProcess p : clients.values()) {
            List<String> nodes = cluster.replicas(seed, DemoSchema.DEFAULT_KEYSPACE, DemoSchema.TABLE, p.name()).stream()
                    .map(a -> nameByAddress.getOrDefault(a, a)).toList();
            replicas.put(p.name(), nodes);
            say.accept(p.name() + ": its row's replicas are " + nodes);
        }
        Instant start = Instant.now();
        for (ClientProcess p : clients.values()) {
            lives.put(p.name(), new BoxLives(p.name(), start));
            levels.computeIfAbsent(p.name(), k -> new ArrayList<>())
                    .add(new TruthChecker.LevelChange(Instant.EPOCH, ClientProcess.WRITE_LEVEL, ClientProcess.READ_LEVEL));
        }
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chaos-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Path journal = settings.out().resolve("journal.jsonl");
        Files.deleteIfExists(journal);
        try {
            for (Action a : plan) {
                waitUntil(start.plus(a.at()));
                execute(a, journal);
            }
            waitUntil(start.plus(settings.length()));
            restoreEverything(journal);
            quietReset(journal);
            waitUntil(Instant.now().plus(TAIL));
        } finally {
            sampler.shutdownNow();
        }
        Instant end = Instant.now();
        for (SocketFlood f : floods) {
            // a flood that never got going (setpriv refused, the JVM not started) would pass for one
            say.accept("socket flood: " + f.report());
            if (f.sentLines() == 0) {
                controlErrors.add("a socket flood sent nothing: " + f.report());
            }
        }
        sample();
        // each box's first write was awaited before the schedule: every box wrote
        Optional<PoisonJudge.Verdict> poisoned = events.map(e -> e.judge(Set.copyOf(clients.keySet()), settings.out(), say));
        Map<String, DaemonStatus> quietAtEnd = new LinkedHashMap<>();
        for (ClientProcess p : clients.values()) {
            if (!p.alive()) {
                controlErrors.add(p.name() + ": the daemon exited during the run (see " + p.logFile() + ")");
            } else {
                try {
                    quietAtEnd.put(p.name(), p.pauseUntilQuiet(REQUEST_TIMEOUT));
                } catch (IOException e) {
                    controlErrors.add(p.name() + ": no status for the tally: " + e.getMessage());
                }
            }
            p.close();
        }
        List<ClusterHistory.Belief> beliefs = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Topology.Node n : topology.nodes()) {
            Path logs = cluster.systemLog(n).getParent();
            beliefs.addAll(GossipLines.read(logs, n.name(), nameByAddress, start.minus(TruthChecker.SETTLE)));
            GossipLines.oldest(logs).filter(t -> t.isAfter(start)).ifPresent(t ->
                    incomplete.add(n.name() + ": its log was rolled over during the run, gossip before " + t + " is lost"));
        }
        Map<String, Observed.Coordinator> nodes = new HashMap<>();
        topology.nodes().forEach(n -> nodes.put(n.name(), new Observed.Coordinator(n.dc(), n.rack(), n.address().getHostAddress(), n.name())));
        ClusterHistory history = new ClusterHistory(topology.nodes().stream().map(Topology.Node::name).toList(), cuts, beliefs);
        Map<TruthChecker.ClientFacts, List<Observed>> streams = new LinkedHashMap<>();
        TruthChecker.Span span = new TruthChecker.Span(start, end);
        List<TruthChecker.Lie> counted = new ArrayList<>();
        Set<String> deletedRuns = new HashSet<>();
        for (ClientProcess p : clients.values()) {
            BoxLives box = lives.get(p.name());
            List<String> lines = p.outcomeLines();
            List<Observed> all = box.observed(lines);
            List<Observed> seen = all.stream().filter(o -> span.covers(o.at())).toList();
            counted.addAll(OutcomeGaps.inStream(p.name(), all));
            DaemonStatus quiet = quietAtEnd.get(p.name());
            Integer before = linesBeforeQuietReset.get(p.name());
            if (quiet != null && before != null) {
                List<TruthChecker.Lie> tally = OutcomeGaps.tally(p.name(), all.subList(before, all.size()),
                        lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)), quiet);
                say.accept(p.name() + ": status counts " + quiet.cassandra().counters().byKind().values().stream()
                        .mapToLong(Long::longValue).sum() + " outcomes after the quiet reset, the stream has "
                        + (all.size() - before) + "; " + tally.size() + " difference(s)");
                counted.addAll(tally);
            }
            // a box restarting writes nothing: not a stall
            List<TruthChecker.Span> away = new ArrayList<>(pauses.getOrDefault(p.name(), List.of()));
            away.addAll(box.restarts(all, end));
            deletedRuns.addAll(box.deletedRuns(all));
            TruthChecker.ClientFacts facts = new TruthChecker.ClientFacts(p.name(), p.client().localDc(), true,
                    WRITE_INTERVAL, REQUEST_TIMEOUT, replicas.get(p.name()), levels.get(p.name()),
                    List.copyOf(away), resets.getOrDefault(p.name(), List.of()), box.truncates());
            streams.put(facts, seen);
        }
        PredictionJudge.Result predictions = PredictionJudge.judge(history, nodes, restores, streams);
        TruthChecker.Verdict verdict = new TruthChecker(topology.replication(), nodes, history).check(streams, span)
                .with(writtenRows(seed, streams, deletedRuns)).with(counted).with(lcdHeld(streams)).with(predictions.lies());
        Map<String, DaemonLog.Classified> logs = new LinkedHashMap<>();
        for (ClientProcess p : clients.values()) {
            logs.put(p.name(), DaemonLog.classify(Files.readAllLines(p.logFile(), StandardCharsets.UTF_8)));
        }
        ChaosReport report = new ChaosReport(settings, start, end, actionCounts, verdict, predictions, streams, history, restores,
                logs, memory, daemonStarted, controlErrors, incomplete, poisoned);
        report.write(settings.out().resolve("report.json"));
        return report;
    }

    /**
     * Every write a box said it wrote, checked against the table itself (every node is powered
     * again by now), but for the runs its own resets with truncate deleted.
     */
    private List<TruthChecker.Lie> writtenRows(Topology.Node seed, Map<TruthChecker.ClientFacts, List<Observed>> streams,
                                               Set<String> deletedRuns) {
        List<Observed> written = streams.values().stream().flatMap(List::stream)
                .filter(o -> o.kind().equals("written") && !o.run().isEmpty() && !deletedRuns.contains(o.run())).toList();
        List<TruthChecker.Lie> lies = WrittenRows.check(new InetSocketAddress(seed.address(), 9042), seed.dc(),
                DemoSchema.DEFAULT_KEYSPACE, written);
        say.accept(written.size() + " writes checked against the table: " + lies.size() + " not there as written");
        return lies;
    }

    /**
     * Every outcome whose line's screen its LCD never held: each daemon's plate bus recording
     * decoded by the virtual chips, at the daemons' bus clock and wiring (the configuration's defaults).
     */
    private List<TruthChecker.Lie> lcdHeld(Map<TruthChecker.ClientFacts, List<Observed>> streams) throws IOException {
        List<TruthChecker.Lie> lies = new ArrayList<>();
        for (var e : streams.entrySet()) {
            // each daemon of the box in turn, its recording's wall clock moved to the true one
            List<TraceReplay.Shown> screens = new ArrayList<>();
            long bytes = 0;
            List<ClientProcess> each = daemons.get(e.getKey().name());
            List<BoxLives.Life> life = lives.get(e.getKey().name()).lives();
            for (int i = 0; i < each.size(); i++) {
                Duration offset = life.get(i).offset();
                Path recording = each.get(i).busRecording();
                bytes += Files.size(recording);
                TraceReplay.screens(recording, I2cSpeed.STANDARD, PlatePolarity.ADAFRUIT)
                        .forEach(s -> screens.add(new TraceReplay.Shown(s.at().minus(offset), s.view())));
            }
            TruthChecker.ClientFacts facts = e.getKey();
            List<Instant> changedByRun = new ArrayList<>(facts.resets());
            changedByRun.addAll(changesAnswered.getOrDefault(facts.name(), List.of()));
            facts.levels().stream().map(TruthChecker.LevelChange::at).filter(t -> t.isAfter(Instant.EPOCH)).forEach(changedByRun::add);
            facts.pauses().forEach(p -> changedByRun.addAll(List.of(p.from(), p.to())));
            List<TruthChecker.Lie> found = LcdJudge.judge(facts.name(), e.getValue(), screens, changedByRun);
            say.accept(e.getKey().name() + ": " + bytes / 1024 + " KiB of plate bus decoded, "
                    + screens.size() + " LCD changes; " + found.size() + " outcome(s) whose screen the LCD never held");
            lies.addAll(found);
        }
        return lies;
    }

    private void awaitFirstWrite(ClientProcess p, Duration limit) throws IOException {
        Poll.until(limit, POLL, () -> {
            if (p.outcomeLines().stream().anyMatch(ChaosRun::written)) {
                return Optional.of(true);
            }
            if (!p.alive()) {
                throw new IOException(p.name() + ": the daemon exited before its first write; its log "
                        + p.logFile() + " ends:\n" + tail(p.logFile()));
            }
            return Optional.empty();
        }).orElseThrow(() -> new IOException(p.name() + ": no successful write within " + limit.toSeconds() + " s; see "
                + p.logFile()));
        say.accept(p.name() + ": first write done");
    }

    /** Whether {@code line} is a write that succeeded (the last line may still be being written: not yet). */
    private static boolean written(String line) {
        try {
            return OutcomeJson.decode(line).succeeded();
        } catch (IllegalArgumentException notYet) {
            return false;
        }
    }

    private void execute(Action a, Path journal) throws ClusterException, IOException {
        Instant at = Instant.now();
        String result = "ok";
        if (a instanceof Schedule.Cut c) {
            for (String target : c.targets()) {
                cluster.estop(target, c.kill() ? LocalCluster.EStop.KILL : LocalCluster.EStop.FREEZE);
            }
            cutSince.put(c.id(), at);
            cutDone.put(c.id(), Instant.now());
            openCuts.put(c.id(), c);
            count(c.kill() ? "kill" : "freeze");
        } else if (a instanceof Schedule.Restore r) {
            if (openCuts.containsKey(r.id())) {
                restore(openCuts.remove(r.id()), at);
            }
        } else if (a instanceof Schedule.SetLevel s) {
            result = control(s.client(), at, setLevel(s));
            Instant done = answered(s.client());
            List<TruthChecker.LevelChange> h = levels.get(s.client());
            TruthChecker.LevelChange last = h.get(h.size() - 1);
            h.add(s.what().equals("write") ? new TruthChecker.LevelChange(at, done, s.level(), last.readLevel())
                    : new TruthChecker.LevelChange(at, done, last.writeLevel(), s.level()));
            count("set_level");
        } else if (a instanceof Schedule.Pause p) {
            result = control(p.client(), at, new ControlRequest.Pause());
            answered(p.client());
            pausedSince.put(p.client(), at);
            count("pause");
        } else if (a instanceof Schedule.Resume r) {
            result = control(r.client(), at, new ControlRequest.Resume());
            answered(r.client());
            Instant since = pausedSince.remove(r.client());
            if (since != null) {
                pauses.computeIfAbsent(r.client(), k -> new ArrayList<>()).add(new TruthChecker.Span(since, Instant.now()));
            }
        } else if (a instanceof Schedule.Reset r) {
            if (r.truncate()) {
                lives.get(r.client()).truncated(at);
            }
            result = reset(r, at);
            Instant done = answered(r.client());
            if (result.equals("ok")) {
                resets.computeIfAbsent(r.client(), k -> new ArrayList<>()).add(at);
                levels.get(r.client()).add(new TruthChecker.LevelChange(at, done, ClientProcess.WRITE_LEVEL,
                        ClientProcess.READ_LEVEL));
            }
            count(r.truncate() ? (result.equals("ok") ? "reset_truncate" : "reset_truncate_refused") : "reset");
        } else if (a instanceof Schedule.ClockStep c) {
            restart(c, at);
            count("clock_step");
        } else if (a instanceof Schedule.LogStall l) {
            clients.get(l.client()).stallLog(l.lasts());
            count("log_stall");
        } else if (a instanceof Schedule.Poison p) {
            result = poison(p);
        } else if (a instanceof Schedule.Flood f) {
            try {
                floods.add(SocketFlood.start(clients.get(f.client()).socket(), Schedule.FLOODERS, Schedule.SLOW, f.lasts(), false,
                        Schedule.FLOOD_PER_SECOND));
                count("socket_flood");
            } catch (IOException e) {
                result = "not run: " + e.getMessage();
                count("socket_flood_not_run");
            }
        }
        say.accept(String.format("%6.1f s  %s%s", a.at().toMillis() / 1000.0, a.describe(), result.equals("ok") ? "" : ": " + result));
        Files.writeString(journal, Wire.line(Wire.versioned().put("time", at.toString()).put("action", a.describe())
                .put("result", result)), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** {@code client}'s control request, just answered: notes and returns when its change reached the screen at the latest. */
    private Instant answered(String client) {
        Instant now = Instant.now();
        changesAnswered.computeIfAbsent(client, k -> new ArrayList<>()).add(now);
        return now;
    }

    /** The poison written; not run without Kafka. */
    private String poison(Schedule.Poison p) {
        if (events.isEmpty()) {
            count("poison_not_run");
            return "not run: no Kafka in this run";
        }
        try {
            events.get().poison(p.client());
            count("poison");
            return "ok";
        } catch (IOException e) {
            count("poison_not_run");
            return "not run: " + e.getMessage();
        }
    }

    /**
     * The box's daemon stopped and started again under the step's clock, as a Pi powered up
     * without a real-time clock: it begins a new run at the configured levels.
     */
    private void restart(Schedule.ClockStep c, Instant at) throws IOException {
        restarting.add(c.client());
        ClientProcess old = clients.get(c.client());
        old.close();
        int fromLine = old.outcomeLines().size();
        Duration offset = BoxLives.offset(c.offset());
        ClientProcess p = ClientProcess.start(settings.topology(), settings.topologyFile(), old.client(), settings.jar(),
                settings.out(), sockets, offset.isZero() ? Optional.empty() : Optional.of(c.offset()),
                events.map(RunEvents::topics));
        clients.put(c.client(), p);
        daemons.get(c.client()).add(p);
        lives.get(c.client()).restarted(at, fromLine, offset);
        levels.get(c.client()).add(new TruthChecker.LevelChange(at, ClientProcess.WRITE_LEVEL, ClientProcess.READ_LEVEL));
        Instant since = pausedSince.remove(c.client()); // the new daemon is not paused
        if (since != null) {
            pauses.computeIfAbsent(c.client(), k -> new ArrayList<>()).add(new TruthChecker.Span(since, at));
        }
        awaitControl(p, Duration.ofMinutes(1));
        restarting.remove(c.client());
    }

    /** Until the daemon answers on its control socket, so that the schedule's next request reaches it. */
    private void awaitControl(ClientProcess p, Duration limit) throws IOException {
        IOException[] last = {null};
        Poll.until(limit, POLL, () -> {
            try {
                return Optional.of(p.control(new ControlRequest.Status()));
            } catch (IOException notYet) {
                if (!p.alive()) {
                    throw new IOException(p.name() + ": the restarted daemon exited before it answered: " + notYet.getMessage()
                            + "; its log " + p.logFile() + " ends:\n" + tail(p.logFile()), notYet);
                }
                last[0] = notYet;
                return Optional.empty();
            }
        }).orElseThrow(() -> new IOException(p.name() + ": the restarted daemon did not answer within " + limit.toSeconds()
                + " s: " + last[0].getMessage() + "; its log " + p.logFile() + " ends:\n" + tail(p.logFile()), last[0]));
    }

    private void restore(Schedule.Cut c, Instant at) throws ClusterException {
        cluster.restore(c.targets(), Duration.ofMinutes(3));
        Instant back = Instant.now();
        Instant from = cutSince.remove(c.id());
        Instant dark = cutDone.remove(c.id());
        for (String n : c.nodes()) {
            cuts.add(new ClusterHistory.Cut(n, from, dark, at, back, c.kill()));
        }
        restores.add(new Restored(c, from, at));
        count("restore");
    }

    private void restoreEverything(Path journal) throws ClusterException, IOException {
        for (Schedule.Cut c : List.copyOf(openCuts.values())) {
            execute(new Schedule.Restore(Duration.ZERO, c.id(), c.targets()), journal);
        }
        for (String client : List.copyOf(pausedSince.keySet())) {
            execute(new Schedule.Resume(Duration.ZERO, client), journal);
        }
    }

    /**
     * Starts the stretch the tally compares: each daemon paused until quiet (every write it started
     * answered), reset (counters cleared, a new run), resumed. Nothing is in flight across the
     * reset, so the counters and the stream's lines after it count the same outcomes.
     */
    private void quietReset(Path journal) throws ClusterException, IOException {
        for (ClientProcess p : clients.values()) {
            execute(new Schedule.Pause(Duration.ZERO, p.name()), journal);
            p.untilQuiet(REQUEST_TIMEOUT);
            linesBeforeQuietReset.put(p.name(), p.outcomeLines().size());
            execute(new Schedule.Reset(Duration.ZERO, p.name(), false), journal);
            execute(new Schedule.Resume(Duration.ZERO, p.name()), journal);
        }
    }

    /** The schedule's level change as a request: the schedule draws only levels valid for their kind. */
    private static ControlRequest.SetLevel setLevel(Schedule.SetLevel s) {
        return new ControlRequest.SetLevel(s.what().equals("write") ? ControlRequest.LevelOf.WRITE : ControlRequest.LevelOf.READ,
                Level.valueOf(s.level()));
    }

    /**
     * A reset; with truncate, Cassandra may be unable to delete in the middle of a cut: the
     * daemon then refuses the reset (its new run started, its levels and counters kept), an
     * honest answer of the cluster, not a control error.
     */
    private String reset(Schedule.Reset r, Instant at) {
        if (!r.truncate()) {
            return control(r.client(), at, new ControlRequest.Reset(false));
        }
        try {
            clients.get(r.client()).control(new ControlRequest.Reset(true));
            return "ok";
        } catch (IOException e) {
            if (e.getMessage().contains("truncate failed") || e.getMessage().contains("truncate did not finish")) {
                return "refused by the cluster: " + e.getMessage();
            }
            controlErrors.add(at + " " + e.getMessage());
            return "error: " + e.getMessage();
        }
    }

    private String control(String client, Instant at, ControlRequest<?> request) {
        try {
            clients.get(client).control(request);
            return "ok";
        } catch (IOException e) {
            controlErrors.add(at + " " + e.getMessage());
            return "error: " + e.getMessage();
        }
    }

    /** Each daemon's resident memory, heap, live heap and threads, and that its control socket answers. */
    private void sample() {
        for (ClientProcess p : clients.values()) {
            if (!p.alive() || restarting.contains(p.name())) {
                continue;
            }
            try {
                Instant at = Instant.now();
                long rss = p.rssKib();
                Optional<ClientProcess.HeapSample> heap = p.heapSample();
                MemorySample s = new MemorySample(at, rss, heap.map(ClientProcess.HeapSample::usedKib).orElse(-1L),
                        heap.map(ClientProcess.HeapSample::afterFullGcKib).orElse(-1L), p.threads());
                synchronized (memory) {
                    memory.computeIfAbsent(p.daemonName(), k -> new ArrayList<>()).add(s);
                    daemonStarted.putIfAbsent(p.daemonName(), p.started());
                }
                // an answer without its status object cannot be read: control says so as an IOException
                p.control(new ControlRequest.Status());
            } catch (IOException e) {
                if (restarting.contains(p.name()) || !p.alive()) {
                    continue; // a clock step stopped it meanwhile
                }
                synchronized (controlErrors) {
                    controlErrors.add(Instant.now() + " " + p.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Restores every cut, resumes every pause and stops every daemon; safe to call twice. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        for (Schedule.Cut c : List.copyOf(openCuts.values())) {
            try {
                cluster.restore(c.targets(), Duration.ofMinutes(3));
            } catch (ClusterException | RuntimeException e) {
                say.accept("could not restore " + c.targets() + ": " + e.getMessage());
            }
        }
        floods.forEach(SocketFlood::close);
        clients.values().forEach(ClientProcess::close);
        events.ifPresent(RunEvents::close);
        if (sockets != null) {
            try (var left = Files.list(sockets)) {
                left.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(sockets);
            } catch (IOException e) {
                say.accept("could not remove " + sockets + ": " + e.getMessage());
            }
        }
    }

    private void count(String what) {
        actionCounts.merge(what, 1, Integer::sum);
    }

    private static void waitUntil(Instant t) throws IOException {
        Duration d = Duration.between(Instant.now(), t);
        if (!d.isNegative()) {
            Poll.pause(d);
        }
    }

    private static String tail(Path f) {
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
