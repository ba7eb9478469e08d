package booth.daemon.control;

import booth.model.Coordinator;
import booth.model.Demo;
import booth.model.OutcomeKind;
import booth.protocol.OutcomeJson;
import booth.protocol.OutcomeJson.ErrorFields;
import booth.protocol.OutcomeLine;
import booth.protocol.ProduceJson;
import booth.protocol.ShownText;
import booth.protocol.control.AnswerJson;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import booth.protocol.control.DaemonStatus.Percentiles;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code democtl status}: the daemon's state for people, or as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Levels, pause, last outcome, counters by kind, latency p50/p99, coordinator, connection, plate, uptime.")
final class StatusCommand extends QueryCommand<ControlAnswer.StatusReport> {
    StatusCommand() {
        super(new ControlRequest.Status());
    }

    @Override
    String json(ControlAnswer.StatusReport answer) {
        return AnswerJson.statusLine(answer.status());
    }

    @Override
    void human(ControlAnswer.StatusReport answer) {
        DaemonStatus s = answer.status();
        PrintStream o = top.out;
        o.printf("client       %s (local DC %s)%n", s.box().client(), s.box().localDc());
        if (s.demo() == Demo.KAFKA) {
            kafka(s, o);
            return;
        }
        DaemonStatus.Cassandra c = s.cassandra();
        o.printf("connection   %s%n", c.connected() ? "connected" : "connecting for " + c.connectingS() + " s");
        o.printf("writes       %s%s%n", c.writeLevel().name(), s.paused() ? "  PAUSED" : "");
        o.printf("read-back    %s (%s)%n", c.readLevel().name(), c.readBack() ? "on" : "off");
        Optional<OutcomeLine> last = s.last().map(OutcomeLine::decode);
        if (last.isPresent()) {
            OutcomeLine l = last.get();
            Optional<Coordinator> co = l instanceof OutcomeJson.WriteLine w ? w.coordinator() : Optional.empty();
            o.printf("last write   %s%s, %.1f ms%s%n", l.kind(), numbers(l), millis(l.latency()),
                    co.map(n -> " via " + n.dc() + " " + n.rack() + " " + (n.name() != null ? n.name() : n.address())).orElse(""));
        } else {
            o.println("last write   none yet");
        }
        StringBuilder counters = new StringBuilder();
        for (OutcomeKind kind : OutcomeKind.values()) {
            long n = c.counters().count(kind);
            if (n > 0 || kind == OutcomeKind.WRITTEN) {
                counters.append(counters.length() == 0 ? "" : ", ").append(kind.wireName()).append(' ').append(n);
            }
        }
        if (c.counters().skippedTicks() > 0) {
            counters.append(", skipped_ticks ").append(c.counters().skippedTicks());
        }
        o.printf("counters     %s%n", counters);
        o.printf("latency      %s%n", c.latency().map(StatusCommand::percentiles).orElse("no successful write yet"));
        tail(s, o);
    }

    /** The Kafka demo's status: acks, the last record, the partition, the circle. */
    private static void kafka(DaemonStatus s, PrintStream o) {
        DaemonStatus.Kafka k = s.kafka();
        o.printf("demo         kafka: acks=%s%s%n", k.acks().wireName(), s.paused() ? "  PAUSED" : "");
        Optional<OutcomeLine> last = s.last().map(OutcomeLine::decode).filter(l -> l instanceof ProduceJson.RecordLine);
        if (last.isPresent()) {
            OutcomeLine l = last.get();
            o.printf("last record  %s, %.1f ms, %s%n", l.kind(), millis(l.latency()), ShownText.of(l.text(), ShownText.TEXT));
        } else {
            o.println("last record  none yet");
        }
        o.printf("records      %d acknowledged or sent, %d failed%n", k.acked(), k.failed());
        o.printf("partition    %s%n", k.partition().map(p -> p.topic() + "-" + p.partition() + ": leader "
                + p.leader().map(l -> "b" + l).orElse("NONE") + ", in sync " + ids(p.isr()) + " (min " + p.minInsync() + ")"
                + (p.elr().isEmpty() ? "" : ", eligible " + ids(p.elr()))).orElse("not described yet"));
        var c = k.circle();
        o.printf("circle       %d delivered, %d late, %d LOST (own %d), %d duplicated, %d missing unacknowledged%s%n",
                c.delivered(), c.late(), c.lost(), c.ownLost(), c.duplicated(), c.missing(),
                c.rejected() > 0 ? ", " + c.rejected() + " rejected" : "");
        o.printf("circle time  %s%n", c.p50().map(p50 -> percentiles(new Percentiles(p50, c.p99().orElseThrow())))
                .orElse("no record consumed yet"));
        tail(s, o);
    }

    /** The lines both demos end with: plate, events, uptime. */
    private static void tail(DaemonStatus s, PrintStream o) {
        o.printf("plate        %s%n", s.box().platePresent() ? "present" : "ABSENT (check the plate and its cable)");
        o.printf("clock        %s%n", switch (s.box().clock()) {
            case SYNCHRONISED -> "synchronised";
            case NOT_SYNCHRONISED -> "NOT synchronised (writes are unaffected; times in lines and on the TV may be off)";
            case UNKNOWN -> "unknown (no time daemon answered)";
        });
        o.printf("kafka        %s%n", s.events().map(e -> e.delivered() + " events delivered, " + e.dropped() + " dropped, "
                + e.queued() + " queued").orElse("off"));
        long up = s.box().uptimeS();
        o.printf("uptime       %dh %02dm %02ds%n", up / 3600, up / 60 % 60, up % 60);
    }

    private static String percentiles(Percentiles p) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", millis(p.p50()), millis(p.p99()));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Broker ids as the status writes them: {@code [1,2,3]}. */
    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    /** A write's numbers; a Kafka demo record's failure has none Cassandra's kinds name, only its class. */
    private static String numbers(OutcomeLine l) {
        if (l instanceof OutcomeJson.WriteLine w) {
            return numbers(w.error());
        }
        return ((ProduceJson.RecordLine) l).error().flatMap(ProduceJson.ErrorFields::className)
                .map(c -> ": " + ShownText.of(c, ShownText.NAME)).orElse("");
    }

    /**
     * ": 5 required, 4 alive" and the like, from an outcome's error. An Unavailable whose alive is
     * not a count ({@code "alive_known":false}, EACH_QUORUM) says only what is known, as the LCD does.
     */
    static String numbers(Optional<ErrorFields> error) {
        if (error.isEmpty()) {
            return "";
        }
        ErrorFields e = error.get();
        return switch (OutcomeKind.fromWire(e.kind()).orElse(OutcomeKind.OTHER)) {
            case UNAVAILABLE -> e.aliveKnown().orElse(true)
                    ? ": " + e.required().orElse(0) + " required, " + e.alive().orElse(0) + " alive"
                    : ": a DC has fewer than " + e.required().orElse(0) + " replicas up";
            case WRITE_TIMEOUT, READ_TIMEOUT -> ": " + e.received().orElse(0) + " of " + e.blockFor().orElse(0) + " answered";
            case CLIENT_TIMEOUT -> ": no answer within " + e.afterMs().orElse(0) + " ms";
            case CONNECTION_LOST -> ": " + ShownText.of(e.cause().orElse(""), ShownText.NAME);
            case OTHER -> e.className().map(c -> ": " + ShownText.of(c, ShownText.NAME)).orElse("");
            default -> "";
        };
    }
}
