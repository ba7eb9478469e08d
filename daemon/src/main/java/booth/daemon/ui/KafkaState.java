package booth.daemon.ui;

import booth.model.Acks;
import booth.model.CircleCounts;
import booth.model.PartitionView;
import booth.model.ProduceOutcome;
import java.util.Optional;

/**
 * The Kafka demo's part of the box's state: one immutable value, kept by the ui thread.
 *
 * @param acks          acks of the next record
 * @param page          the Kafka page shown
 * @param last          what became of the last record
 * @param view          this client's partition as last described
 * @param circle        what the circle found so far
 * @param acked         records acknowledged (or sent, acks=0) since the last reset
 * @param failed        records failed since the last reset
 * @param lostSince     when the circle last found more of this box's own acknowledged records
 *                      lost (nanoTime; 0: never): the main page says so, in blue, for a while
 * @param atReset       the circle's counts at the last reset: the pages show counts since then
 * @param failureSince  when the last record's failure began to be of its kind (nanoTime)
 * @param waitingSince  when the record now in flight was handed to the producer (nanoTime; 0:
 *                      none in flight): a cut broker shows as a wait before the time-out ends it
 */
public record KafkaState(Acks acks, Page page, Optional<ProduceOutcome> last, Optional<PartitionView> view,
                         CircleCounts circle, long acked, long failed, long lostSince, CircleCounts atReset,
                         long failureSince, long waitingSince) {
    /** The Kafka pages, in the order RIGHT goes through them. */
    public enum Page { ACKS, ISR, CIRCLE, RECORDS, LOST }

    static KafkaState initial(Acks acks, long now) {
        return new KafkaState(acks, Page.ACKS, Optional.empty(), Optional.empty(), CircleCounts.EMPTY, 0, 0, 0,
                CircleCounts.EMPTY, now, 0);
    }

    KafkaState withAcks(Acks a) {
        return new KafkaState(a, page, last, view, circle, acked, failed, lostSince, atReset, failureSince, waitingSince);
    }

    KafkaState withPage(Page p) {
        return new KafkaState(acks, p, last, view, circle, acked, failed, lostSince, atReset, failureSince, waitingSince);
    }

    KafkaState withOutcome(ProduceOutcome o, long now) {
        boolean sameFailure = o.failure().isPresent() && last.isPresent() && last.get().kind() == o.kind();
        return new KafkaState(acks, page, Optional.of(o), view, circle, acked + (o.succeeded() ? 1 : 0),
                failed + (o.succeeded() ? 0 : 1), lostSince, atReset, sameFailure ? failureSince : now, 0);
    }

    KafkaState withView(PartitionView v) {
        return new KafkaState(acks, page, last, Optional.of(v), circle, acked, failed, lostSince, atReset, failureSince, waitingSince);
    }

    KafkaState withCircle(CircleCounts c, long now) {
        long since = c.ownLost() > circle.ownLost() ? now : lostSince;
        return new KafkaState(acks, page, last, view, c, acked, failed, since, atReset, failureSince, waitingSince);
    }

    KafkaState withProducing(long now) {
        return new KafkaState(acks, page, last, view, circle, acked, failed, lostSince, atReset, failureSince, now);
    }

    /** Counters from zero again (the circle's own count goes on: the reset remembers where it was). */
    KafkaState reset(Acks a) {
        return new KafkaState(a, Page.ACKS, last, view, circle, 0, 0, 0, circle, failureSince, waitingSince);
    }

    /** Own records found lost since the last reset. */
    public long ownLost() {
        return circle.ownLost() - atReset.ownLost();
    }
}
