package booth.protocol;

import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Kafka demo record's outcome as the outcome stream, {@code democtl tail}, {@code status.last}
 * and the events topic carry it: the same schema version 1 as a write's ({@link OutcomeJson}),
 * told apart by {@code demo: "kafka"} (a write's line has no {@code demo}; readers that do not
 * know the field skip these lines by their {@code kind}). Fields: {@code v, demo, seq, time,
 * acks, kind} ({@code acked}, {@code sent}, {@code not_enough_replicas}, {@code timeout},
 * {@code no_leader}, {@code other}), {@code latency_ms, topic, partition, offset} (null when
 * unknown), {@code leader} (broker id or null), {@code error} (null or {@code {kind, ...}}),
 * {@code isr} (null or {@code {leader, isr, elr, min_insync}} as last described),
 * {@code circle} ({@code delivered, late, lost, duplicated, missing, own_lost, p50_ms, p99_ms}),
 * {@code screen, backlight, text}.
 */
public final class ProduceJson {
    private ProduceJson() {
    }

    public static OutcomeJson.Encoded encode(ProduceOutcome o, Optional<PartitionView> view, CircleCounts circle,
                                             LcdShown frame, String text) {
        ObjectNode n = Wire.versioned().put("demo", "kafka")
                .put("seq", o.seq())
                .put("time", o.at().toString())
                .put("acks", o.acks().wireName())
                .put("kind", o.kind().wireName())
                .put("latency_ms", OutcomeJson.millis(o.latency().toNanos()))
                .put("topic", o.topic())
                .put("partition", o.partition());
        if (o.offset() >= 0) {
            n.put("offset", o.offset());
        } else {
            n.putNull("offset");
        }
        if (o.leader().isPresent()) {
            n.put("leader", o.leader().get());
        } else {
            n.putNull("leader");
        }
        if (o.failure().isPresent()) {
            error(n.putObject("error"), o.failure().get());
        } else {
            n.putNull("error");
        }
        if (view.isPresent()) {
            PartitionView v = view.get();
            ObjectNode i = n.putObject("isr");
            if (v.leader().isPresent()) {
                i.put("leader", v.leader().get());
            } else {
                i.putNull("leader");
            }
            ids(i, "isr", v.isr());
            ids(i, "elr", v.elr());
            i.put("min_insync", v.minInsync());
        } else {
            n.putNull("isr");
        }
        ObjectNode c = n.putObject("circle").put("delivered", circle.delivered()).put("late", circle.late())
                .put("lost", circle.lost()).put("duplicated", circle.duplicated()).put("missing", circle.missing())
                .put("own_lost", circle.ownLost());
        millis(c, "p50_ms", circle.p50());
        millis(c, "p99_ms", circle.p99());
        n.putArray("screen").add(frame.top()).add(frame.bottom());
        n.put("backlight", frame.backlight());
        n.put("text", text);
        return new OutcomeJson.Encoded(n);
    }

    private static void ids(ObjectNode into, String field, List<Integer> ids) {
        var a = into.putArray(field);
        ids.forEach(a::add);
    }

    private static void millis(ObjectNode into, String field, Optional<Duration> d) {
        if (d.isPresent()) {
            into.put(field, OutcomeJson.millis(d.get().toNanos()));
        } else {
            into.putNull(field);
        }
    }

    private static void error(ObjectNode e, ProduceFailure f) {
        e.put("kind", f.kind().wireName());
        if (f instanceof ProduceFailure.NotEnoughReplicas r) {
            e.put("after_append", r.afterAppend());
        } else if (f instanceof ProduceFailure.Timeout t) {
            e.put("after_ms", t.after().toMillis()).put("message", t.message());
        } else if (f instanceof ProduceFailure.NoLeader l) {
            e.put("message", l.message());
        } else if (f instanceof ProduceFailure.Other o) {
            e.put("class", o.className()).put("message", o.message());
        }
    }
}
