package booth.daemon.control;

import booth.daemon.ui.UiEvent;
import booth.daemon.ui.UiState;
import booth.protocol.ClusterJson;
import booth.model.Acks;
import booth.model.ClusterNode;
import booth.model.Demo;
import booth.model.Level;
import booth.model.OutcomeKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control socket's commands: one parsed request in, one answer out. Strict: the version
 * must be the number 1, every argument must have its type (a wrong one is an error naming the
 * field), and the destructive {@code truncate} runs only on exactly {@code "truncate":true}.
 * Every state-changing command leaves an {@link Audit} line naming the peer. Runs on the
 * calling connection's thread: it reads published state and queues ui events; only truncate
 * waits (for Cassandra, {@link #TRUNCATE_LIMIT} at most).
 */
final class ControlCommands {
    static final Duration TRUNCATE_LIMIT = Duration.ofSeconds(30);
    static final String COMMANDS = "status, set-level, set-demo, set-acks, pause, resume, reset, restart-display, topology, tail";

    /** A request that cannot be carried out as given: the message says why. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private final DaemonControl daemon;

    ControlCommands(DaemonControl daemon) {
        this.daemon = daemon;
    }

    /**
     * Checks the version and names the command.
     *
     * @throws BadRequest when the version is not the number 1 or cmd is not a string
     */
    static String command(JsonNode request) throws BadRequest {
        JsonNode v = request.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != ControlProtocol.VERSION) {
            throw new BadRequest("unsupported protocol version " + (v == null ? "(none)" : v.toString())
                    + " (this daemon speaks " + ControlProtocol.VERSION + ", as the number \"v\":"
                    + ControlProtocol.VERSION + ")");
        }
        return text(request, "cmd", true);
    }

    /** The answer to {@code cmd} (not tail: the transport streams that); {@code peer} names the caller for the audit. */
    ObjectNode answer(String cmd, JsonNode request, String peer) throws BadRequest {
        return switch (cmd) {
            case "status" -> StatusAnswer.of(daemon);
            case "set-level" -> setLevel(request, peer);
            case "pause", "resume" -> {
                boolean pause = cmd.equals("pause");
                daemon.post(new UiEvent.Paused(pause));
                Audit.log(cmd, peer);
                yield ControlProtocol.ok().put("paused", pause);
            }
            case "reset" -> reset(request, peer);
            case "restart-display" -> {
                daemon.post(new UiEvent.RestartDisplay());
                Audit.log("restart-display", peer);
                yield ControlProtocol.ok();
            }
            case "topology" -> topology(daemon.topology());
            case "set-demo" -> {
                String name = text(request, "demo", false);
                Demo demo = java.util.Arrays.stream(Demo.values()).filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> new BadRequest("unknown demo '" + name + "'; valid: cassandra, kafka"));
                daemon.post(new UiEvent.SetDemo(demo));
                Audit.log("set-demo " + demo.name().toLowerCase(java.util.Locale.ROOT), peer);
                yield ControlProtocol.ok().put("demo", demo.name().toLowerCase(java.util.Locale.ROOT));
            }
            case "set-acks" -> {
                String name = text(request, "acks", false);
                Acks acks = Acks.parse(name).orElseThrow(() -> new BadRequest("unknown acks '" + name + "'; valid: 0, 1, all"));
                daemon.post(new UiEvent.SetAcks(acks));
                Audit.log("set-acks " + acks.wireName(), peer);
                yield ControlProtocol.ok().put("acks", acks.wireName());
            }
            default -> throw new BadRequest("unknown command '" + cmd + "'; commands: " + COMMANDS);
        };
    }

    private ObjectNode setLevel(JsonNode request, String peer) throws BadRequest {
        String what = text(request, "what", false);
        if (!what.equals("write") && !what.equals("read")) {
            throw new BadRequest("set-level needs \"what\": \"write\" or \"read\"");
        }
        String name = text(request, "level", false);
        List<Level> levels = what.equals("write") ? Level.WRITE_LEVELS : Level.READ_LEVELS;
        Level level = Level.parse(name).filter(levels::contains).orElseThrow(() ->
                new BadRequest("unknown " + what + " level '" + name + "'; valid: " + Level.names(levels)));
        daemon.post(new UiEvent.SetLevel(what.equals("write"), level));
        Audit.log("set-level " + what + " " + level, peer);
        return ControlProtocol.ok().put(what + "_level", level.name());
    }

    private ObjectNode reset(JsonNode request, String peer) throws BadRequest {
        JsonNode t = request.get("truncate");
        if (t != null && !t.isBoolean()) {
            throw new BadRequest("field \"truncate\" must be true or false, got " + t);
        }
        boolean truncate = t != null && t.booleanValue();
        if (truncate) {
            try {
                daemon.truncate().toCompletableFuture().get(TRUNCATE_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return ControlProtocol.error("truncate did not finish within " + TRUNCATE_LIMIT.toSeconds() + " s");
            } catch (ExecutionException e) {
                return ControlProtocol.error("truncate failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ControlProtocol.error("truncate interrupted: the daemon is stopping");
            }
            Audit.log("truncate of the demo table", peer);
        }
        daemon.post(new UiEvent.ResetDemo());
        Audit.log("reset", peer);
        return ControlProtocol.ok().put("truncated", truncate);
    }

    private static ObjectNode topology(List<ClusterNode> nodes) {
        ObjectNode ok = ControlProtocol.ok();
        ClusterJson.putNodes(ok, nodes);
        return ok;
    }

    /** A string field; a missing optional one is "". */
    private static String text(JsonNode request, String field, boolean required) throws BadRequest {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadRequest("field \"" + field + "\" is missing; commands: " + COMMANDS);
            }
            return "";
        }
        if (!n.isTextual()) {
            throw new BadRequest("field \"" + field + "\" must be a string, got " + n);
        }
        return n.textValue();
    }

    /** The status answer: the published state and counters. */
    static final class StatusAnswer {
        private StatusAnswer() {
        }

        static ObjectNode of(DaemonControl daemon) {
            UiState s = daemon.state();
            ObjectNode ok = ControlProtocol.ok();
            ObjectNode st = ok.putObject("status");
            st.put("client", daemon.clientName()).put("local_dc", daemon.localDc())
                    .put("write_level", s.cassandra().levels().write().name())
                    .put("read_level", s.cassandra().levels().read().name())
                    .put("read_back", s.cassandra().levels().readBack()).put("paused", s.staff().paused())
                    .put("connection", s.cassandra().connected() ? "connected" : "connecting")
                    .put("connecting_s", daemon.connecting().toSeconds()).put("plate_present", daemon.platePresent())
                    .put("uptime_s", daemon.uptime().toSeconds()).put("pid", ProcessHandle.current().pid());
            var stats = s.cassandra().writes().stats();
            ObjectNode counters = st.putObject("counters");
            for (OutcomeKind kind : OutcomeKind.values()) {
                counters.put(kind.wireName(), stats.count(kind));
            }
            counters.put("skipped_ticks", stats.skipped());
            ObjectNode latency = st.putObject("latency_ms");
            Duration p50 = stats.percentile(50);
            Duration p99 = stats.percentile(99);
            if (p50 == null) {
                latency.putNull("p50");
                latency.putNull("p99");
            } else {
                latency.put("p50", p50.toNanos() / 1e6);
                latency.put("p99", p99.toNanos() / 1e6);
            }
            st.put("dropped_outcomes", daemon.droppedOutcomes());
            st.put("demo", s.shared().demo().name().toLowerCase(java.util.Locale.ROOT));
            kafkaDemo(st.putObject("kafka_demo"), s.kafka());
            ObjectNode kafka = st.putObject("kafka");
            var counts = daemon.eventCounts();
            kafka.put("enabled", counts.isPresent());
            counts.ifPresent(c -> kafka.put("published", c.published()).put("delivered", c.delivered())
                    .put("dropped", c.dropped()).put("queued", c.queued()));
            var last = daemon.lastOutcomeJson();
            // the last outcome of either demo: a Kafka record's line has "demo":"kafka"
            if (last.isPresent()) {
                st.set("last", ControlProtocol.parse(last.get()));
            } else {
                st.putNull("last");
            }
            return ok;
        }

        /** The Kafka demo's acks, counters, partition and circle (added in version 1, after the others). */
        private static void kafkaDemo(ObjectNode k, booth.daemon.ui.KafkaState s) {
            k.put("acks", s.acks().wireName()).put("acked", s.records().acked()).put("failed", s.records().failed());
            if (s.view().isPresent()) {
                var v = s.view().get();
                ObjectNode p = k.putObject("partition").put("topic", v.topic()).put("partition", v.partition());
                if (v.leader().isPresent()) {
                    p.put("leader", v.leader().get());
                } else {
                    p.putNull("leader");
                }
                v.isr().forEach(p.putArray("isr")::add);
                v.elr().forEach(p.putArray("elr")::add);
                p.put("min_insync", v.minInsync());
            } else {
                k.putNull("partition");
            }
            var c = s.circle().counts();
            ObjectNode circle = k.putObject("circle").put("delivered", c.delivered()).put("late", c.late())
                    .put("lost", c.lost()).put("duplicated", c.duplicated()).put("missing", c.missing())
                    .put("own_lost", c.ownLost());
            if (c.p50().isPresent()) {
                circle.put("p50_ms", c.p50().get().toNanos() / 1e6).put("p99_ms", c.p99().orElseThrow().toNanos() / 1e6);
            } else {
                circle.putNull("p50_ms").putNull("p99_ms");
            }
        }
    }
}
