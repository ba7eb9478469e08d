package booth.chaos;

import booth.chaos.kafka.PoisonJudge;
import booth.protocol.JsonOut;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of a chaos run: lies, stalls and unexpected log lines (each must be 0), time to
 * truth after cuts, convictions and restores, stale reads by level pair, memory per minute,
 * and with Kafka what the booth screen made of the poison (each finding fails the run).
 * Written as JSON ({@code report.json}) and summed up for a person.
 */
public final class ChaosReport {

    private final JsonOut json = JsonOut.versioned();
    private final List<String> failures = new ArrayList<>();
    private final StringBuilder summary = new StringBuilder();

    ChaosReport(ChaosRun.Settings settings, Instant start, Instant end, Map<String, Integer> actions,
                TruthChecker.Verdict verdict, PredictionJudge.Result predictions,
                Map<TruthChecker.ClientFacts, List<Observed>> streams, ClusterHistory history,
                List<ChaosRun.Restored> restores, Map<String, DaemonLog.Classified> logs, Map<String, List<MemorySample>> memory,
                Map<String, Instant> daemonStarted, List<String> controlErrors, List<String> incomplete,
                Optional<PoisonJudge.Verdict> poisoned) {
        json.put("seed", settings.seed()).put("topology", settings.topologyFile().getFileName().toString())
                .put("minutes", settings.length().toMinutes()).put("started", start.toString()).put("ended", end.toString());
        JsonOut a = json.putObject("actions");
        actions.forEach(a::put);
        JsonOut outcomes = json.putObject("outcomes");
        Map<String, JsonOut> outcomesOf = new LinkedHashMap<>();
        streams.forEach((c, os) -> {
            JsonOut n = outcomes.putObject(c.name());
            outcomesOf.put(c.name(), n);
            n.put("total", os.size());
            Map<String, Integer> kinds = new TreeMap<>();
            os.forEach(o -> kinds.merge(o.kind(), 1, Integer::sum));
            kinds.forEach(n::put);
        });
        json.put("lie_count", verdict.lies().size());
        JsonOut.Array lies = json.putArray("lies");
        verdict.lies().stream().limit(100).forEach(l -> lies.addObject().put("client", l.client()).put("what", l.what())
                .put("detail", l.detail()).put("outcome", l.outcome()).put("cluster", l.cluster()));
        // the predictions' lies are among the lies; these say how many were put to the test
        JsonOut judged = json.putObject("predictions").put("judged", predictions.judged()).put("held", predictions.held());
        judged.putArray("judgements").addAll(predictions.judgements().stream().limit(100).toList());
        JsonOut coverage = judged.putObject("by_level_and_cut");
        predictions.byLevelAndCut().forEach((k, n) -> coverage.putObject(k).put("judged", n[0]).put("held", n[1]));
        json.put("stall_count", verdict.stalls().size() + controlErrors.size());
        JsonOut.Array stalls = json.putArray("stalls");
        verdict.stalls().forEach(s -> stalls.addObject().put("client", s.client()).put("from", s.from().toString())
                .put("to", s.to().toString()).put("why", s.why()));
        controlErrors.forEach(e -> stalls.addObject().put("why", e));
        int unexpectedLogs = logs.values().stream().mapToInt(l -> l.unexpected().size()).sum();
        json.put("unexpected_log_count", unexpectedLogs);
        JsonOut log = json.putObject("log");
        logs.forEach((client, l) -> {
            JsonOut n = log.putObject(client);
            JsonOut e = n.putObject("expected");
            l.expected().forEach(e::put);
            n.putArray("unexpected").addAll(l.unexpected().stream().limit(50).toList());
        });
        JsonOut ttt = json.putObject("time_to_truth_s");
        for (String how : List.of("freeze", "kill")) {
            List<Double> cutToFailure = new ArrayList<>();
            List<Double> convictionToUnavailable = new ArrayList<>();
            List<Double> restoreToSuccess = new ArrayList<>();
            for (ChaosRun.Restored r : restores) {
                if (r.cut().kill() != how.equals("kill")) {
                    continue;
                }
                // only what this cut caused: nothing else cut or restored in between, the level unchanged
                Instant quiet = nextChange(restores, r.cutAt());
                Optional<Instant> convicted = r.cut().nodes().stream()
                        .map(n -> history.firstConviction(n, r.cutAt(), r.restoredAt()))
                        .flatMap(Optional::stream).min(Comparator.naturalOrder());
                for (List<Observed> os : streams.values()) {
                    Optional<Observed> before = lastBefore(os, r.cutAt());
                    if (before.isPresent() && before.get().kind().equals("written")) {
                        String level = before.get().writeLevel();
                        Instant until = min(r.restoredAt(), quiet);
                        firstAfter(os, r.cutAt(), until, o -> o.writeLevel().equals(level) && !o.kind().equals("written"))
                                .filter(o -> sameLevelThroughout(os, r.cutAt(), o))
                                .ifPresent(o -> cutToFailure.add(seconds(r.cutAt(), o.end())));
                        convicted.filter(t -> t.isBefore(until))
                                .flatMap(t -> firstAfter(os, t, until, o -> o.kind().equals("unavailable")
                                        && o.writeLevel().equals(level)).filter(o -> sameLevelThroughout(os, r.cutAt(), o)))
                                .ifPresent(o -> convictionToUnavailable.add(seconds(convicted.get(), o.end())));
                    }
                    Optional<Observed> failing = lastBefore(os, r.restoredAt());
                    if (failing.isPresent() && !failing.get().kind().equals("written")
                            && nextChange(restores, r.restoredAt()).isAfter(r.restoredAt().plusSeconds(60))) {
                        firstAfter(os, r.restoredAt(), r.restoredAt().plusSeconds(60), o -> o.kind().equals("written"))
                                .filter(o -> o.writeLevel().equals(failing.get().writeLevel()))
                                .ifPresent(o -> restoreToSuccess.add(seconds(r.restoredAt(), o.end())));
                    }
                }
            }
            JsonOut h = ttt.putObject(how);
            figure(h, "cut_to_first_failure", cutToFailure);
            figure(h, "conviction_to_unavailable", convictionToUnavailable);
            figure(h, "restore_to_first_success", restoreToSuccess);
        }
        JsonOut stale = json.putObject("stale_reads");
        verdict.readsByPair().forEach((pair, n) -> stale.putObject(pair).put("stale_or_missing", n[0]).put("reads", n[1]));
        json.putArray("daemon_jvm_options").addAll(ClientProcess.jvmOptions());
        JsonOut mem = json.putObject("memory_kib");
        List<String> growth = new ArrayList<>();
        memory.forEach((client, samples) -> {
            // a daemon a clock step started is judged from its own start
            Instant daemonStart = daemonStarted.getOrDefault(client, start);
            Instant from0 = daemonStart.isAfter(start) ? daemonStart : start;
            JsonOut n = mem.putObject(client);
            JsonOut.Array seconds = n.putArray("sampled_at_s");
            JsonOut.Array rss = n.putArray("rss");
            JsonOut.Array heap = n.putArray("heap_used");
            JsonOut.Array live = n.putArray("heap_after_full_gc");
            JsonOut.Array threads = n.putArray("threads");
            samples.forEach(s -> {
                seconds.add(Duration.between(start, s.at()).toSeconds());
                rss.add(s.rssKib());
                heap.add(s.heapUsedKib());
                live.add(s.liveHeapKib());
                threads.add(s.threads());
            });
            OptionalDouble slope = LiveHeapJudge.slopeKibPerMinute(LiveHeapJudge.judged(samples, from0));
            if (slope.isPresent()) {
                n.put("heap_after_full_gc_slope_kib_per_minute", BigDecimal.valueOf(slope.getAsDouble()).setScale(1, RoundingMode.HALF_UP));
            } else {
                String why = "not judged: fewer than " + LiveHeapJudge.MIN_SAMPLES + " samples after minute "
                        + LiveHeapJudge.SETTLING.toMinutes();
                n.put("heap_after_full_gc_slope_kib_per_minute", why);
                // a daemon that lived long enough to judge must be judged: jcmd failing throughout hides nothing
                if (Duration.between(from0, end).compareTo(LiveHeapJudge.SETTLING.plus(
                        ChaosRun.SAMPLE_EVERY.multipliedBy(LiveHeapJudge.MIN_SAMPLES + 1))) >= 0
                        && !samples.get(samples.size() - 1).at().isBefore(end.minus(ChaosRun.SAMPLE_EVERY.multipliedBy(3)))) {
                    growth.add(client + ": live heap " + why);
                }
            }
            LiveHeapJudge.judge(client, samples, from0).ifPresent(growth::add);
            ResidentMemoryJudge.growth(samples, from0).ifPresentOrElse(
                    g -> n.put("rss_growth_from_minute_" + Duration.between(start, g.from().at()).toMinutes(), g.kib()),
                    () -> n.put("rss_growth", "not judged: under " + ResidentMemoryJudge.SETTLING.plus(
                            ResidentMemoryJudge.SHORTEST_JUDGED).toMinutes() + " min of samples from the daemon's start"));
            ResidentMemoryJudge.judge(client, samples, from0, start).ifPresent(growth::add);
        });
        json.putArray("incomplete").addAll(incomplete);
        // with Kafka: what the booth screen refused (the poison, and nothing of the boxes') and the judge's findings
        poisoned.ifPresent(v -> {
            JsonOut p = json.putObject("poison");
            JsonOut refused = p.putObject("screen_refused");
            v.refused().forEach(refused::put);
            p.putArray("findings").addAll(v.findings());
        });
        if (!verdict.lies().isEmpty()) {
            failures.add(verdict.lies().size() + " lie(s)");
        }
        if (!verdict.stalls().isEmpty() || !controlErrors.isEmpty()) {
            failures.add((verdict.stalls().size() + controlErrors.size()) + " stall(s) or control error(s)");
        }
        if (unexpectedLogs > 0) {
            failures.add(unexpectedLogs + " unexpected log line(s)");
        }
        failures.addAll(growth);
        failures.addAll(incomplete);
        poisoned.ifPresent(v -> failures.addAll(v.findings()));
        json.put("pass", failures.isEmpty());
        json.putArray("failures").addAll(failures);

        summary.append(String.format(Locale.ROOT, "chaos run, seed %d, %s, %d min: %s%n", settings.seed(),
                settings.topologyFile().getFileName(), settings.length().toMinutes(), failures.isEmpty() ? "PASS" : "FAIL"));
        summary.append("  actions: ").append(actions).append('\n');
        streams.forEach((c, os) -> summary.append("  ").append(c.name()).append(": ").append(os.size()).append(" outcomes ")
                .append(outcomesOf.get(c.name())).append('\n'));
        summary.append(String.format("  lies %d, stalls %d, unexpected log lines %d%n", verdict.lies().size(),
                verdict.stalls().size() + controlErrors.size(), unexpectedLogs));
        summary.append(String.format("  predictions judged %d, held %d, by level and cut (held/judged): %s%n", predictions.judged(),
                predictions.held(), predictions.byLevelAndCut().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0]).collect(Collectors.joining(", "))));
        predictions.judgements().stream().limit(10).forEach(j -> summary.append("    ").append(j).append('\n'));
        summary.append("  time to truth (s): ").append(ttt).append('\n');
        summary.append("  stale reads by level pair: ").append(stale).append('\n');
        summary.append("  memory (KiB): ").append(mem).append('\n');
        poisoned.ifPresent(v -> summary.append("  booth screen refused: ").append(v.refused()).append('\n'));
        verdict.lies().stream().limit(10).forEach(l -> summary.append("  LIE ").append(l.client()).append(" [").append(l.what())
                .append("] ").append(l.detail()).append("\n      outcome: ").append(l.outcome())
                .append("\n      cluster: ").append(l.cluster()).append('\n'));
        verdict.stalls().stream().limit(10).forEach(s -> summary.append("  STALL ").append(s.client()).append(' ')
                .append(s.from()).append(" - ").append(s.to()).append(": ").append(s.why()).append('\n'));
        controlErrors.stream().limit(10).forEach(e -> summary.append("  CONTROL ").append(e).append('\n'));
        logs.forEach((client, l) -> l.unexpected().stream().limit(5).forEach(u -> summary.append("  LOG ").append(client)
                .append(": ").append(u.lines().findFirst().orElse("")).append('\n')));
        failures.forEach(f -> summary.append("  FAILED: ").append(f).append('\n'));
    }

    /** Whether every must-be-zero figure is zero. */
    public boolean pass() {
        return failures.isEmpty();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public String summary() {
        return summary.toString();
    }

    /** The figures as {@code report.json} has them: one JSON object. */
    public String json() {
        return json.toString();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, json.line(), StandardCharsets.UTF_8);
    }

    private static Optional<Observed> firstAfter(List<Observed> os, Instant from, Instant to,
                                                 Predicate<Observed> p) {
        return os.stream().filter(o -> !o.at().isBefore(from) && o.at().isBefore(to)).filter(p)
                .min(Comparator.comparing(Observed::at));
    }

    private static Optional<Observed> lastBefore(List<Observed> os, Instant t) {
        return os.stream().filter(o -> o.end().isBefore(t)).max(Comparator.comparing(Observed::at));
    }

    /** Whether every outcome from {@code from} up to {@code o} was at {@code o}'s write level. */
    private static boolean sameLevelThroughout(List<Observed> os, Instant from, Observed o) {
        return os.stream().filter(x -> !x.at().isBefore(from) && !x.at().isAfter(o.at()))
                .allMatch(x -> x.writeLevel().equals(o.writeLevel()));
    }

    /** The first cut or restore after {@code t} (or the far future). */
    private static Instant nextChange(List<ChaosRun.Restored> restores, Instant t) {
        return restores.stream().flatMap(r -> Stream.of(r.cutAt(), r.restoredAt()))
                .filter(x -> x.isAfter(t)).min(Comparator.naturalOrder()).orElse(Instant.MAX);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** n, p50, p90 and max of {@code values} (seconds, one decimal place). */
    private static void figure(JsonOut parent, String name, List<Double> values) {
        JsonOut n = parent.putObject(name).put("n", values.size());
        if (values.isEmpty()) {
            return;
        }
        List<Double> sorted = values.stream().sorted().toList();
        n.put("p50", round(percentile(sorted, 50))).put("p90", round(percentile(sorted, 90)))
                .put("max", round(sorted.get(sorted.size() - 1)));
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }
}
