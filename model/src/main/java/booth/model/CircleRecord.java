package booth.model;

import java.util.BitSet;

/**
 * One Kafka demo record as it travels the circle: who produced it, its number in that
 * producer's session, when it was sent, and which of the previous {@link #WINDOW} records the
 * producer had heard acknowledged when it sent this one. The consumer cannot see acknowledgements;
 * the next records carry them, so a record found missing can be told apart: acknowledged (lost
 * for good) or never acknowledged (failed, or acks=0).
 *
 * @param session the producer's start (epoch milliseconds): numbers restart at 1 in each session
 * @param acked   bit i set: record {@code seq - 1 - i} was acknowledged (i below {@link #WINDOW})
 */
public record CircleRecord(String client, long session, long seq, long sentMillis, Acks acks, BitSet acked) {
    /** How many earlier records each record vouches for: four minutes at one record a second. */
    public static final int WINDOW = 256;

    public CircleRecord {
        acked = (BitSet) acked.clone();
    }

    /** Whether record {@code earlier} (below this one, within the window) was acknowledged when this one was sent. */
    public boolean saysAcked(long earlier) {
        long i = seq - 1 - earlier;
        return i >= 0 && i < WINDOW && acked.get((int) i);
    }

    @Override
    public BitSet acked() {
        return (BitSet) acked.clone();
    }
}
