package booth.daemon.ui;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceOutcome;
import java.util.Optional;

/**
 * The Kafka demo's part of the box's state.
 *
 * @param acks    acks of the next record
 * @param page    the Kafka page shown
 * @param records what became of this box's records
 * @param view    this client's partition as last described
 * @param circle  what the circle found
 */
public record KafkaState(Acks acks, Page page, Records records, Optional<PartitionView> view, Findings circle)
        implements UiState.Part {
    /** The Kafka pages, in the order RIGHT goes through them. */
    public enum Page { ACKS, ISR, CIRCLE, RECORDS, LOST }

    /**
     * What became of this box's records.
     *
     * @param last         what became of the last record
     * @param acked        records acknowledged (or sent, acks=0) since the last reset
     * @param failed       records failed since the last reset
     * @param failureSince when the last record's failure began to be of its kind (nanoTime)
     * @param waitingSince when the record now in flight was handed to the producer (nanoTime; 0:
     *                     none in flight): a cut broker shows as a wait before the time-out ends it
     */
    public record Records(Optional<ProduceOutcome> last, long acked, long failed, long failureSince, long waitingSince) {
        Records producing(long now) {
            return new Records(last, acked, failed, failureSince, now);
        }

        Records answered(ProduceOutcome o, long now) {
            boolean sameFailure = o.failure().isPresent() && last.isPresent() && last.get().kind() == o.kind();
            return new Records(Optional.of(o), acked + (o.succeeded() ? 1 : 0), failed + (o.succeeded() ? 0 : 1),
                    sameFailure ? failureSince : now, 0);
        }

        /** Counted from zero again. */
        Records reset() {
            return new Records(last, 0, 0, failureSince, waitingSince);
        }
    }

    /**
     * What the circle found.
     *
     * @param counts    its counts so far
     * @param atReset   its counts at the last reset: the pages show counts since then
     * @param lostSince when it last found more of this box's own acknowledged records lost
     *                  (nanoTime; 0: never): the main page says so, in blue, for a while
     * @param restartAt when its stopped consumer starts again (nanoTime; 0: it runs)
     */
    public record Findings(CircleCounts counts, CircleCounts atReset, long lostSince, long restartAt) {
        /** New counts: the consumer runs. */
        Findings with(CircleCounts c, long now) {
            return new Findings(c, atReset, c.ownLost() > counts.ownLost() ? now : lostSince, 0);
        }

        /** The consumer stopped; it starts again at {@code at}. */
        Findings stopped(long at) {
            return new Findings(counts, atReset, lostSince, at == 0 ? 1 : at);
        }

        public boolean running() {
            return restartAt == 0;
        }

        /** From zero again: the counts go on, and the reset remembers where they were. */
        Findings reset() {
            return new Findings(counts, counts, 0, restartAt);
        }

        /** Own records found lost since the last reset. */
        public long ownLost() {
            return counts.ownLost() - atReset.ownLost();
        }
    }

    static KafkaState initial(Acks acks, long now) {
        return new KafkaState(acks, Page.ACKS, new Records(Optional.empty(), 0, 0, now, 0), Optional.empty(),
                new Findings(CircleCounts.EMPTY, CircleCounts.EMPTY, 0, 0));
    }

    KafkaState withAcks(Acks a) {
        return new KafkaState(a, page, records, view, circle);
    }

    KafkaState withPage(Page p) {
        return new KafkaState(acks, p, records, view, circle);
    }

    KafkaState withRecords(Records r) {
        return new KafkaState(acks, page, r, view, circle);
    }

    KafkaState withView(PartitionView v) {
        return new KafkaState(acks, page, records, Optional.of(v), circle);
    }

    KafkaState withCircle(Findings f) {
        return new KafkaState(acks, page, records, view, f);
    }

    /** At {@code a}, on the main page, counters from zero again. */
    KafkaState reset(Acks a) {
        return new KafkaState(a, Page.ACKS, records.reset(), view, circle.reset());
    }
}
