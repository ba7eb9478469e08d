package booth.protocol;

import booth.model.Acks;
import booth.model.CircleRecord;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Kafka demo record's value: {@code {"v":1,"client":..,"session":..,"seq":..,"sent":..,
 * "acks":..,"acked":"<hex>"}}, {@code sent} in epoch milliseconds and {@code acked} the
 * producer's acknowledgements of the records before it ({@link CircleRecord#acked()}), as the
 * little-endian bytes of the bit set in hexadecimal.
 */
public final class CircleJson {
    /** The hex digits of a full window of acknowledgements: two a byte. */
    private static final int ACKED_DIGITS = CircleRecord.WINDOW / 4;

    private CircleJson() {
    }

    public static String encode(CircleRecord r) {
        return Wire.line(Wire.versioned().put("client", r.client()).put("session", r.session()).put("seq", r.seq())
                .put("sent", r.sentMillis()).put("acks", r.acks().wireName())
                .put("acked", HexFormat.of().formatHex(r.acked().toByteArray()))).strip();
    }

    /** The record in {@code value}, or empty when it is not one (another producer's, a newer schema's without the fields). */
    public static Optional<CircleRecord> decode(String value) {
        try {
            return Optional.of(read(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The record in {@code value}, read as a line from outside (anyone can write to a demo
     * topic): within the caps of {@link Fields#outside}, and {@code acked} no longer than the
     * window it stands for.
     *
     * @throws IllegalArgumentException saying why it is not a record; a {@link Rejection.Refused}
     *                                  when beyond the caps
     */
    public static CircleRecord read(String value) {
        Fields f = Fields.outside(value);
        Acks acks = Acks.parse(f.text("acks")).orElseThrow(() -> new IllegalArgumentException("acks is not 0, 1 or all"));
        String acked = f.text("acked");
        if (acked.length() > ACKED_DIGITS) {
            throw Rejection.TOO_LARGE.refused("acked is longer than the window's " + ACKED_DIGITS + " hex digits");
        }
        return new CircleRecord(f.text("client"), f.integer("session"), f.integer("seq"), f.integer("sent"), acks,
                BitSet.valueOf(HexFormat.of().parseHex(acked)));
    }
}
