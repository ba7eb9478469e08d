package booth.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sorts a daemon's WARN and ERROR lines into those a power cut explains and the rest. Each
 * expected line has a rule with the reason it is expected; anything else is unexpected and
 * fails the run. Lines that continue an entry (a stack trace) belong to it.
 */
final class DaemonLog {
    /** A kind of line a power cut explains. */
    record Rule(String name, Pattern pattern, String why) {
    }

    /** Expected lines counted by rule; unexpected entries in full (first 20 lines each). */
    record Classified(Map<String, Integer> expected, List<String> unexpected) {
    }

    static final List<Rule> EXPECTED = List.of(
            new Rule("node stopped answering", Pattern.compile("^WARN .* - node \\S+ .*stopped answering"),
                    "the driver lost every connection to a node: the one line per node per cut"),
            new Rule("writes failing", Pattern.compile("^WARN .* - writes at \\S+: "),
                    "the daemon says once when writes at a level start failing, and why"),
            new Rule("control connection moves", Pattern.compile("^WARN .*ControlConnection - \\[s\\d+] Error connecting to Node"),
                    "the driver's control connection lost its node to a cut and tries the next one (once per node tried); "
                            + "s1, s2 are the sessions of a daemon that had to try again to open one"),
            new Rule("session retried", Pattern.compile("^WARN .*Connector - cannot open a session: "),
                    "a box restarted while every node it may use is cut (the hour at 0425c2d restarted one under its "
                            + "whole DC frozen) cannot open a session and tries again each second, with a new driver session"),
            new Rule("node refresh cut short", Pattern.compile("^WARN .*NodeStateManager - \\[s\\d+] Error while refreshing info for Node"),
                    "the driver was refreshing a node's information when its power was cut (once)"),
            new Rule("re-prepare cut short", Pattern.compile("^WARN .*CqlPrepareHandler - \\[Node\\(.*\\)] Error while repreparing on "
                    + "\\S+ \\((IOException: Connection reset by peer|ClosedConnectionException|HeartbeatException|DriverTimeoutException)"),
                    "the driver re-prepares the demo's statements on a node it has just reached, and the node was cut at "
                            + "that moment (the hour at be9bc7b: a daemon starting while DC1:r3 was killed); any other "
                            + "cause is unexpected"),
            new Rule("schema not yet everywhere", Pattern.compile("^WARN .*Connector - cannot create the demo keyspace or table yet: "),
                    "the boxes start together on a new cluster: one's table creation meets the other's before its "
                            + "schema has reached every node; it retries until the table is there (a fresh clone's ChaosIT "
                            + "had one, at its first daemon's start)"));

    /**
     * Under libfaketime (a clock step), Kafka's producer started about ten times slower: measured
     * against a local broker on an idle machine, made in 4 s instead of 0.4 and its topics' metadata
     * in 2 s instead of 0.3, with FAKETIME "+0" as with "+10m" or "-10m". That was measured before
     * the run set FAKETIME_FORCE_MONOTONIC_FIX=0 ({@link ClientProcess#wallClock}), while every
     * timed wait of a faked JVM returned at once and it burned its cores: most likely the cause.
     * A restarted daemon's first events may then expire in the producer before the broker ever
     * answered it. A Pi with a wrong clock has no libfaketime: the line is expected only in a faked
     * daemon's log before Kafka first delivered.
     */
    static final Rule SLOW_UNDER_FAKETIME = new Rule("Kafka slow to start under libfaketime",
            Pattern.compile("^WARN .*KafkaEvents - Kafka is not delivering events: "),
            "libfaketime slows the Kafka producer's start about tenfold (measured): a faked daemon's first events may "
                    + "expire before the broker answered it; the same line after Kafka first delivered is unexpected");
    private static final String STARTED = "INFO  chaos - daemon ";
    /** The daemon's one line at its first event acknowledged. */
    private static final Pattern DELIVERS = Pattern.compile("^INFO .*KafkaEvents - Kafka: the first event is delivered");

    private DaemonLog() {
    }

    /** The line the chaos run writes into a box's log as it starts its daemon {@code n}. */
    static String started(int n, Optional<String> clockOffset) {
        return STARTED + n + " started" + clockOffset.map(o -> " under a wall clock " + o + " (libfaketime)").orElse("")
                + System.lineSeparator();
    }

    static Classified classify(List<String> lines) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<List<String>> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.matches("^(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*") || entries.isEmpty()) {
                entries.add(new ArrayList<>(List.of(line)));
            } else {
                entries.get(entries.size() - 1).add(line);
            }
        }
        boolean faked = false;
        boolean delivered = false;
        for (List<String> entry : entries) {
            String first = entry.get(0);
            if (first.startsWith(STARTED)) {
                faked = first.contains("(libfaketime)");
                delivered = false;
            }
            delivered |= DELIVERS.matcher(first).find();
            if (!first.startsWith("WARN") && !first.startsWith("ERROR")) {
                continue;
            }
            Rule rule = EXPECTED.stream().filter(r -> r.pattern().matcher(first).find()).findFirst().orElse(null);
            if (rule == null && faked && !delivered && SLOW_UNDER_FAKETIME.pattern().matcher(first).find()) {
                rule = SLOW_UNDER_FAKETIME;
            }
            if (rule != null && entry.size() == 1) {
                expected.merge(rule.name(), 1, Integer::sum);
            } else {
                unexpected.add(String.join("\n", entry.subList(0, Math.min(20, entry.size()))));
            }
        }
        return new Classified(expected, unexpected);
    }
}
