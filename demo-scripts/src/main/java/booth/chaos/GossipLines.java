package booth.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's gossip decided, read from its {@code system.log} (and the rolled
 * {@code system.log.1}, {@code .2}): Cassandra's {@code Gossiper} logs "InetAddress /a:7000 is
 * now DOWN" when its failure detector convicts a node and "... is now UP" when it hears from it
 * again, with the node's wall-clock time in the log's ISO-8601 pattern (this machine's zone).
 */
final class GossipLines {
    private static final Pattern LINE = Pattern.compile(
            "^\\w+\\s+\\[[^]]*]\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*InetAddress /([0-9.]+):\\d+ is now (UP|DOWN)");
    private static final Pattern ANY_TIME = Pattern.compile(
            "^\\w+\\s+\\[[^]]*]\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) ");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private GossipLines() {
    }

    /** The gossip decisions in {@code logDir} at or after {@code since}, by node names. */
    static List<ClusterHistory.Belief> read(Path logDir, String observer, Map<String, String> nameByAddress, Instant since)
            throws IOException {
        Set<String> lines = new LinkedHashSet<>(); // a rolled file and the current one may share nothing, but never twice
        for (String f : List.of("system.log.2", "system.log.1", "system.log")) {
            Path p = logDir.resolve(f);
            if (Files.exists(p)) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.ISO_8859_1));
            }
        }
        List<ClusterHistory.Belief> out = new ArrayList<>();
        for (String line : lines) {
            parse(line, observer, nameByAddress).filter(b -> !b.at().isBefore(since)).ifPresent(out::add);
        }
        return out;
    }

    /** One log line as a gossip decision, when it is one about a node of the topology. */
    static Optional<ClusterHistory.Belief> parse(String line, String observer, Map<String, String> nameByAddress) {
        Matcher m = LINE.matcher(line);
        if (!m.find() || !nameByAddress.containsKey(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new ClusterHistory.Belief(time(m.group(1)), observer, nameByAddress.get(m.group(2)),
                m.group(3).equals("UP")));
    }

    /**
     * The time of the oldest line still in {@code logDir}: when it is after the run's start, lines
     * were rolled away and the history is incomplete.
     */
    static Optional<Instant> oldest(Path logDir) throws IOException {
        for (String f : List.of("system.log.2", "system.log.1", "system.log")) {
            Path p = logDir.resolve(f);
            if (Files.exists(p)) {
                try (var lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
                    Optional<Instant> t = lines.map(ANY_TIME::matcher).filter(Matcher::find).findFirst()
                            .map(m -> time(m.group(1)));
                    if (t.isPresent()) {
                        return t;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Instant time(String s) {
        return LocalDateTime.parse(s, TIME).atZone(ZoneId.systemDefault()).toInstant();
    }
}
