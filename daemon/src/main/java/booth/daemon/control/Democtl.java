package booth.daemon.control;

import booth.model.Level;
import booth.model.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code democtl}: booth staff's command for the running daemon, over its control socket.
 * Exit statuses: 0 done, 1 the daemon refused (the message says why), 2 bad usage, 69 the
 * daemon cannot be reached (the message says what to check).
 */
@Command(name = "democtl", mixinStandardHelpOptions = true, versionProvider = Democtl.Version.class,
        description = "Controls the booth's client daemon on this Pi.",
        subcommands = {Democtl.Status.class, Democtl.Cl.class, Democtl.Pause.class, Democtl.Resume.class,
            Democtl.Reset.class, Democtl.RestartDisplay.class, Democtl.Topology.class, Democtl.Tail.class,
            AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:done", "1:the daemon refused the request", "2:bad usage",
            "69:the daemon cannot be reached (not running, wrong socket, not in its group)"})
public final class Democtl implements Callable<Integer> {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 69;

    @Option(names = "--socket", paramLabel = "PATH", description = "the daemon's control socket (default: ${DEFAULT-VALUE})",
            defaultValue = "${env:BOOTH_CONTROL_SOCKET:-/run/booth/control.sock}")
    Path socket;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    Democtl(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        CommandLine cl = new CommandLine(new Democtl(out, err, in));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof ControlClient.Unreachable) {
                err.println("democtl: " + e.getMessage());
                return UNREACHABLE;
            }
            if (e instanceof IOException) {
                err.println("democtl: lost the daemon: " + e.getMessage());
                return UNREACHABLE;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        err.println("democtl: a command is needed");
        new CommandLine(this).usage(err);
        return USAGE;
    }

    /** Sends {@code request}; prints the daemon's error and returns null when it refused. */
    JsonNode call(ObjectNode request) throws ControlClient.Unreachable, IOException {
        try (ControlClient client = ControlClient.connect(socket)) {
            JsonNode answer = client.call(request);
            if (!answer.path("ok").asBoolean(false)) {
                err.println("democtl: the daemon refused: " + answer.path("error").asText("(no reason given)"));
                return null;
            }
            return answer;
        }
    }

    /** Prints {@code node} as one line of JSON. */
    void json(JsonNode node) {
        out.print(ControlProtocol.line(node));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Democtl.class.getPackage().getImplementationVersion();
            return new String[] {"democtl " + (v == null ? "development" : v)};
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Levels, pause, last outcome, counters by kind, latency p50/p99, coordinator, connection, plate, uptime.")
    static final class Status extends Query {
        Status() {
            super("status", "status");
        }

        @Override
        void human(JsonNode s) {
            PrintStream o = top.out;
            o.printf("client       %s (local DC %s)%n", s.path("client").asText(), s.path("local_dc").asText());
            o.printf("connection   %s%n", s.path("connection").asText().equals("connected") ? "connected"
                    : "connecting for " + s.path("connecting_s").asLong() + " s");
            o.printf("writes       %s%s%n", s.path("write_level").asText(), s.path("paused").asBoolean() ? "  PAUSED" : "");
            o.printf("read-back    %s (%s)%n", s.path("read_level").asText(), s.path("read_back").asBoolean() ? "on" : "off");
            JsonNode last = s.path("last");
            if (last.isObject()) {
                JsonNode c = last.path("coordinator");
                o.printf("last write   %s%s, %.1f ms%s%n", last.path("kind").asText(), numbers(last.path("error")),
                        last.path("latency_ms").asDouble(),
                        c.isObject() ? " via " + c.path("dc").asText() + " " + c.path("rack").asText() + " "
                                + (c.path("name").isTextual() ? c.path("name").asText() : c.path("address").asText()) : "");
            } else {
                o.println("last write   none yet");
            }
            StringBuilder counters = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("counters").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().asLong() > 0 || e.getKey().equals(OutcomeKind.WRITTEN.wireName())) {
                    counters.append(counters.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
                }
            }
            o.printf("counters     %s%n", counters);
            JsonNode lat = s.path("latency_ms");
            o.printf("latency      %s%n", lat.path("p50").isNumber()
                    ? String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", lat.path("p50").asDouble(), lat.path("p99").asDouble())
                    : "no successful write yet");
            o.printf("plate        %s%n", s.path("plate_present").asBoolean() ? "present" : "ABSENT (check the plate and its cable)");
            JsonNode k = s.path("kafka");
            o.printf("kafka        %s%n", !k.path("enabled").asBoolean() ? "off"
                    : k.path("delivered").asLong() + " events delivered, " + k.path("dropped").asLong() + " dropped, "
                            + k.path("queued").asLong() + " queued");
            long up = s.path("uptime_s").asLong();
            o.printf("uptime       %dh %02dm %02ds%n", up / 3600, up / 60 % 60, up % 60);
        }
    }

    /** A request whose answer is shown for people, or as JSON with --json. */
    abstract static class Query implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Option(names = "--json", description = "one JSON object, for scripts")
        boolean json;
        private final String command;
        private final String field;

        /** @param field the part of the answer that is shown */
        Query(String command, String field) {
            this.command = command;
            this.field = field;
        }

        abstract void human(JsonNode shown);

        @Override
        public Integer call() throws Exception {
            JsonNode a = top.call(ControlProtocol.request(command));
            if (a == null) {
                return REFUSED;
            }
            if (json) {
                top.json(a.path(field));
            } else {
                human(a.path(field));
            }
            return OK;
        }
    }

    /** ": 5 required, 4 alive" and the like, from an outcome's error. */
    static String numbers(JsonNode error) {
        if (!error.isObject()) {
            return "";
        }
        return switch (OutcomeKind.fromWire(error.path("kind").asText()).orElse(OutcomeKind.OTHER)) {
            case UNAVAILABLE -> ": " + error.path("required").asInt() + " required, " + error.path("alive").asInt() + " alive";
            case WRITE_TIMEOUT, READ_TIMEOUT -> ": " + error.path("received").asInt() + " of "
                    + error.path("block_for").asInt() + " answered";
            case CLIENT_TIMEOUT -> ": no answer within " + error.path("after_ms").asLong() + " ms";
            case OTHER -> error.has("class") ? ": " + error.path("class").asText() : "";
            default -> "";
        };
    }

    @Command(name = "cl", mixinStandardHelpOptions = true, description = "Shows or sets the consistency levels.",
            subcommands = {Cl.Write.class, Cl.Read.class})
    static final class Cl implements Callable<Integer> {
        @ParentCommand
        Democtl top;

        @Override
        public Integer call() {
            top.err.println("democtl cl: say 'write' or 'read', optionally with a level");
            return USAGE;
        }

        static int level(Democtl top, String what, String name, List<Level> valid) throws Exception {
            if (name == null) {
                JsonNode a = top.call(ControlProtocol.request("status"));
                if (a == null) {
                    return REFUSED;
                }
                top.out.println(a.path("status").path(what + "_level").asText());
                return OK;
            }
            var level = Level.parse(name).filter(valid::contains);
            if (level.isEmpty()) {
                top.err.println("democtl: unknown " + what + " level '" + name + "'; valid: " + Level.names(valid));
                return USAGE;
            }
            ObjectNode request = ControlProtocol.request("set-level");
            request.put("what", what);
            request.put("level", level.get().name());
            JsonNode a = top.call(request);
            if (a == null) {
                return REFUSED;
            }
            top.out.println(what + " level " + a.path(what + "_level").asText());
            return OK;
        }

        @Command(name = "write", mixinStandardHelpOptions = true, description = "Shows or sets the write level.")
        static final class Write implements Callable<Integer> {
            @ParentCommand
            Cl cl;
            @Parameters(arity = "0..1", paramLabel = "LEVEL", description = "ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY (any case)")
            String level;

            @Override
            public Integer call() throws Exception {
                return level(cl.top, "write", level, Level.WRITE_LEVELS);
            }
        }

        @Command(name = "read", mixinStandardHelpOptions = true, description = "Shows or sets the read-back level.")
        static final class Read implements Callable<Integer> {
            @ParentCommand
            Cl cl;
            @Parameters(arity = "0..1", paramLabel = "LEVEL", description = "ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM (any case)")
            String level;

            @Override
            public Integer call() throws Exception {
                return level(cl.top, "read", level, Level.READ_LEVELS);
            }
        }
    }

    /** A command that is just a request and an "ok". */
    abstract static class Simple implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        private final String command;
        private final String done;

        /** @param done what to print when the daemon has done it */
        Simple(String command, String done) {
            this.command = command;
            this.done = done;
        }

        @Override
        public Integer call() throws Exception {
            if (top.call(ControlProtocol.request(command)) == null) {
                return REFUSED;
            }
            top.out.println(done);
            return OK;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stops writing (the screen says PAUSED).")
    static final class Pause extends Simple {
        Pause() {
            super("pause", "paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Writes again after a pause.")
    static final class Resume extends Simple {
        Resume() {
            super("resume", "resumed");
        }
    }

    @Command(name = "restart-display", mixinStandardHelpOptions = true,
            description = "Re-initialises the LCD plate (as PiTFT button 23); a stalled daemon exits so systemd restarts it.")
    static final class RestartDisplay extends Simple {
        RestartDisplay() {
            super("restart-display", "display restarted");
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Resets the demo: default levels, counters cleared (as PiTFT button 27).")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Option(names = "--truncate", description = "also empty the demo table on the cluster")
        boolean truncate;
        @Option(names = "--yes", description = "do not ask before emptying the table")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (truncate && !yes) {
                top.out.print("Empty the demo table on the cluster? [y/N] ");
                top.out.flush();
                String answer = new BufferedReader(new InputStreamReader(top.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null) {
                    top.err.println("democtl: nothing to ask for confirmation on; add --yes to empty the table");
                    return USAGE;
                }
                if (!answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    top.out.println("not reset");
                    return OK;
                }
            }
            ObjectNode request = ControlProtocol.request("reset");
            request.put("truncate", truncate);
            if (top.call(request) == null) {
                return REFUSED;
            }
            top.out.println(truncate ? "demo reset, table emptied" : "demo reset");
            return OK;
        }
    }

    @Command(name = "topology", mixinStandardHelpOptions = true,
            description = "Every node the driver knows: DC, rack, address, state, open connections.")
    static final class Topology extends Query {
        Topology() {
            super("topology", "nodes");
        }

        @Override
        void human(JsonNode nodes) {
            top.out.printf("%-5s %-5s %-15s %-12s %-8s %s%n", "DC", "RACK", "ADDRESS", "NAME", "STATE", "CONNECTIONS");
            for (JsonNode n : nodes) {
                top.out.printf("%-5s %-5s %-15s %-12s %-8s %d%n", n.path("dc").asText(), n.path("rack").asText(),
                        n.path("address").asText(), n.path("name").isTextual() ? n.path("name").asText() : "-",
                        n.path("state").asText(), n.path("open_connections").asInt());
            }
            if (nodes.isEmpty()) {
                top.out.println("(the daemon is not connected to the cluster yet)");
            }
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Follows write outcomes live until interrupted: this daemon's, or with --from-kafka every client's.")
    static final class Tail implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Option(names = "--json", description = "one JSON object a line (the outcome stream's form)")
        boolean json;
        @Option(names = "--count", paramLabel = "N", description = "stop after N outcomes (default: never)")
        long count = Long.MAX_VALUE;
        @Option(names = "--from-kafka", arity = "0..1", paramLabel = "BROKERS", fallbackValue = "127.0.3.1:9092",
                description = "follow every client of the booth through Kafka instead (default brokers: ${FALLBACK-VALUE})")
        String fromKafka;
        @Option(names = "--topics", split = ",", paramLabel = "TOPIC", defaultValue = "booth.outcomes,booth.health",
                description = "with --from-kafka: the topics (default: ${DEFAULT-VALUE})")
        List<String> topics;

        @Override
        public Integer call() throws Exception {
            if (fromKafka != null) {
                return fromKafka();
            }
            long[] seen = {0};
            JsonNode answer;
            try (ControlClient client = ControlClient.connect(top.socket)) {
                answer = client.tail(o -> {
                    if (json) {
                        top.json(o);
                    } else {
                        JsonNode screen = o.path("screen");
                        top.out.printf("%s %-12s %-17s %-16s %s%n", o.path("time").asText().replaceFirst("^.*T(\\d+:\\d+:\\d+).*$", "$1"),
                                o.path("write_level").asText(), o.path("kind").asText(), screen.path(1).asText(),
                                o.path("backlight").asText().toLowerCase(Locale.ROOT));
                    }
                    top.out.flush();
                    return ++seen[0] < count;
                });
            }
            if (!answer.path("ok").asBoolean(false)) {
                top.err.println("democtl: the daemon refused: " + answer.path("error").asText());
                return REFUSED;
            }
            return OK;
        }

        /** Every client's events from Kafka: outcomes as one line each, health as another. */
        private int fromKafka() {
            long[] seen = {0};
            try {
                booth.daemon.kafka.BoothWatch.follow(fromKafka, topics, java.time.Duration.ofSeconds(15), value -> {
                    JsonNode e = ControlProtocol.parse(value);
                    if (json) {
                        top.json(e);
                    } else if (e.path("type").asText().equals("health")) {
                        top.out.printf("%s %-12s health      temp %s C, load %s, heap %d MiB, events %d dropped%n",
                                time(e), e.path("client").asText(), e.path("cpu_temp_c").asText("-"),
                                e.path("load").path(0).asText("-"), e.path("daemon").path("heap_used_bytes").asLong() >> 20,
                                e.path("events").path("dropped").asLong());
                    } else {
                        top.out.printf("%s %-12s %-12s %-17s %-16s %s%n", time(e), e.path("client").asText(),
                                e.path("write_level").asText(), e.path("kind").asText(), e.path("screen").path(1).asText(),
                                e.path("backlight").asText().toLowerCase(Locale.ROOT));
                    }
                    top.out.flush();
                    return ++seen[0] < count;
                });
                return OK;
            } catch (IllegalStateException | IllegalArgumentException e) {
                top.err.println("democtl: " + e.getMessage());
                return UNREACHABLE;
            }
        }

        private static String time(JsonNode e) {
            return e.path("time").asText().replaceFirst("^.*T(\\d+:\\d+:\\d+).*$", "$1");
        }
    }
}
