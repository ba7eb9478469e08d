package booth.display;

import static booth.display.Frames.count;
import static booth.display.Frames.frame;
import static booth.display.Frames.latency;
import static booth.display.Frames.pad;
import static booth.display.Frames.padLeft;
import static booth.display.Frames.pair;

import booth.hal.Backlight;
import booth.hal.PlateFrame;
import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceFailure;
import booth.model.ProduceOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Kafka demo's pages as frames, in the booth's colours: green, acknowledged; red, refused or no
 * answer; yellow, waiting for an answer; white, sent with acks=0 (nobody says whether it was written); blue, this box's
 * acknowledged records found lost by the circle (there is no remote DC in this demo, so blue
 * is free to mean it); teal, the partition's replicas; yellow, the counts; violet, staff.
 * Pages: acks (the main one), ISR, circle, records, lost.
 */
public final class KafkaFrames {
    private KafkaFrames() {
    }

    /**
     * The main page: acks and what became of the last record (leader broker, partition@offset,
     * latency; or the error). While {@code newlyLost} is above zero, the circle has just found
     * that many of this box's acknowledged records lost, and the page says that instead, in
     * blue. A failure with a known leader alternates its error with the leader it was for
     * ({@code showWhere}), as the Cassandra page does with the coordinator. While a record has
     * been unanswered for a while ({@code waiting}), the page says so in yellow, the waiting
     * colour (as while connecting): a cut broker shows at once, not only when the time-out ends.
     */
    public static PlateFrame acksPage(Acks acks, Optional<ProduceOutcome> last, boolean paused, long newlyLost,
                                      boolean showWhere, Optional<Duration> waiting) {
        String top = "acks=" + pad(acks.wireName(), 9) + Frames.UP_DOWN + Frames.RIGHT;
        if (paused) {
            return frame(top, "PAUSED by staff", Backlight.VIOLET);
        }
        if (newlyLost > 0) {
            return frame(top, pad("LOST " + newlyLost, 9) + " acked", Backlight.BLUE);
        }
        if (waiting.isPresent()) {
            return frame(top, pad("no answer", 10) + padLeft(latency(waiting.get()), 6), Backlight.YELLOW);
        }
        if (last.isEmpty() || last.get().acks() != acks) {
            return frame(top, "next record...", Backlight.WHITE);
        }
        ProduceOutcome o = last.get();
        if (o.failure().isPresent()) {
            String bottom = showWhere && o.leader().isPresent() ? "to leader b" + o.leader().get()
                    : failureLine(o.failure().get());
            return frame(top, bottom, Backlight.RED);
        }
        String where = o.leader().map(l -> "b" + l).orElse("b?") + " " + o.partition()
                + (o.offset() >= 0 ? "@" + Frames.counter(o.offset(), 6) : " sent");
        return frame(top, pad(where, 10) + padLeft(latency(o.latency()), 6),
                o.acks() == Acks.ZERO ? Backlight.WHITE : Backlight.GREEN);
    }

    /**
     * The outcome in one line, for the stream and the log: "b2 0@1234 12ms", "sent b2 3ms"
     * (acks=0), "NotEnoughReplica to b2".
     */
    public static String outcomeText(ProduceOutcome o) {
        String leader = o.leader().map(l -> "b" + l).orElse("b?");
        if (o.failure().isPresent()) {
            return failureLine(o.failure().get()) + o.leader().map(l -> " to b" + l).orElse("");
        }
        return (o.offset() >= 0 ? leader + " " + o.partition() + "@" + o.offset() : "sent " + leader) + " " + latency(o.latency());
    }

    /** One line for a refused record. */
    static String failureLine(ProduceFailure f) {
        if (f instanceof ProduceFailure.NotEnoughReplicas r) {
            return r.afterAppend() ? "NotEnough ISR ap" : "NotEnoughReplica";
        } else if (f instanceof ProduceFailure.Timeout t) {
            return "Timeout " + latency(t.after());
        } else if (f instanceof ProduceFailure.NoLeader) {
            return "No leader";
        }
        return ((ProduceFailure.Other) f).className();
    }

    /** This client's partition: in-sync replicas of all, min.insync, the leader (or none). */
    public static PlateFrame isrPage(Optional<PartitionView> view) {
        if (view.isEmpty()) {
            return frame("ISR ?" + " ".repeat(9) + Frames.LEFT + Frames.RIGHT, "not described yet", Backlight.TEAL);
        }
        PartitionView v = view.get();
        String top = pad("ISR " + v.isr().size() + "/" + v.replicas().size() + " min " + v.minInsync(), 14)
                + Frames.LEFT + Frames.RIGHT;
        String bottom = v.leader().isEmpty() ? (v.elr().isEmpty() ? "NO leader" : "NO lead elr " + ids(v.elr()))
                : "lead b" + v.leader().get() + " isr " + ids(v.isr());
        return frame(top, bottom, v.isr().size() < v.minInsync() || v.leader().isEmpty() ? Backlight.RED : Backlight.TEAL);
    }

    /** The circle's end-to-end latency: produced here or by another box, consumed here. */
    public static PlateFrame circlePage(CircleCounts c) {
        return frame(pair("circle p50", c.p50().map(Frames::latency).orElse("-")),
                pair("circle p99", c.p99().map(Frames::latency).orElse("-")), Backlight.YELLOW);
    }

    /**
     * The circle's consumer failed and starts again in {@code restartIn}: while it is away, the
     * circle's pages must not go on showing counts as if it were watching (yellow, as waiting).
     */
    public static PlateFrame circleStoppedPage(Duration restartIn) {
        return frame("circle stopped", pair("restart in", Math.max(1, (restartIn.toMillis() + 999) / 1000) + "s"),
                Backlight.YELLOW);
    }

    /** The lost page while the circle's consumer is away: what it found so far, and that it is not watching now. */
    public static PlateFrame lostPageStopped(long lost, long ownLost) {
        return frame(count("lost acked", lost, 16), "circle stopped", ownLost > 0 ? Backlight.BLUE : Backlight.YELLOW);
    }

    /** Records since the last reset: delivered and late in the circle, acknowledged and failed here. */
    public static PlateFrame recordsPage(long delivered, long late, long acked, long failed) {
        String top = count("deliv", delivered, 9) + count(" late", late, 7);
        String bottom = count("ackd", acked, 9) + count(" fail", failed, 7);
        return frame(top, bottom, Backlight.YELLOW);
    }

    /** Acknowledged records lost: by the whole circle, by this box; duplicates. Blue once this box lost any. */
    public static PlateFrame lostPage(long lost, long ownLost, long duplicated) {
        return frame(count("lost acked", lost, 16), count("own", ownLost, 7) + count(" dup", duplicated, 9),
                ownLost > 0 ? Backlight.BLUE : Backlight.YELLOW);
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
