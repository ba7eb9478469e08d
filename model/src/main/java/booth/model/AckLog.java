package booth.model;

import java.util.BitSet;

/**
 * The producer's side of the circle: numbers each record of the session and remembers which of
 * the last {@link CircleRecord#WINDOW} were acknowledged, for the next record to carry. Owned by
 * the thread that sends (one record in flight at a time); acknowledgements come on another.
 */
public final class AckLog {
    private final String client;
    private final long session;
    private long seq;
    /** Bit i: record {@code seq - i} (the last numbered is bit 0) was acknowledged. */
    private BitSet acked = new BitSet();

    public AckLog(String client, long session) {
        this.client = client;
        this.session = session;
    }

    /** The next record: numbered, vouching for the acknowledgements heard so far. */
    public synchronized CircleRecord next(Acks acks, long sentMillis) {
        BitSet carried = acked.get(0, CircleRecord.WINDOW);
        seq++;
        BitSet shifted = new BitSet();
        for (int i = carried.nextSetBit(0); i >= 0 && i + 1 < CircleRecord.WINDOW; i = carried.nextSetBit(i + 1)) {
            shifted.set(i + 1);
        }
        acked = shifted; // bit 0, this record, is set by acknowledged()
        return new CircleRecord(client, session, seq, sentMillis, acks, carried);
    }

    /** Record {@code seq} (the last numbered) was acknowledged by the brokers. */
    public synchronized void acknowledged(long recordSeq) {
        if (recordSeq == seq) {
            acked.set(0);
        }
    }

    public long session() {
        return session;
    }
}
