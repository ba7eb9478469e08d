package booth.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A plate bus recording's line (plate-check {@code --record}, {@code hardware.record-bus}): one
 * completed register transaction, numbers as lower-case hex strings, {@code t_us} microseconds
 * from the start of the recording to the start of the transaction, one decimal:
 * <pre>
 * {"op":"w","addr":"0x20","reg":"0x1a","data":["0xb0","0x90"],"t_us":1234.5}
 * {"op":"r","addr":"0x20","reg":"0x09","data":["0x1f"],"t_us":1300.0}
 * </pre>
 * A recorder that knows the wall clock adds {@code "wall"} (an ISO-8601 instant: the wall-clock
 * time of the same moment as {@code t_us}) to its first line and then about once a minute, so
 * that a reader can put the recording beside other timed records, such as the outcome stream,
 * however far the wall clock is from the truth. This line has no {@code "v"}: it is a capture for replay, read back only by
 * {@link #decode}, never an event.
 */
public final class BusRecordJson {
    /**
     * One recorded transaction.
     *
     * @param write        a write (else a read)
     * @param address      the device's 7-bit I2C address
     * @param register     the register the transaction starts at
     * @param data         the bytes written, or the one byte read (0-255 each)
     * @param microseconds since the recording started
     * @param wall         the wall-clock time at {@code microseconds}, on the lines that carry it
     */
    public record BusRecord(boolean write, int address, int register, List<Integer> data, double microseconds,
                            Optional<Instant> wall) {
        public BusRecord {
            data = List.copyOf(data);
        }

        /** A transaction on a line without the wall clock. */
        public BusRecord(boolean write, int address, int register, List<Integer> data, double microseconds) {
            this(write, address, register, data, microseconds, Optional.empty());
        }

        /** The data as the bytes sent. */
        public byte[] bytes() {
            byte[] b = new byte[data.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) data.get(i);
            }
            return b;
        }
    }

    private BusRecordJson() {
    }

    /** The transaction's line, newline included. */
    public static String line(BusRecord r) {
        ObjectNode n = Wire.object().put("op", r.write() ? "w" : "r").put("addr", hex(r.address()))
                .put("reg", hex(r.register()));
        ArrayNode data = n.putArray("data");
        r.data().forEach(b -> data.add(hex(b)));
        n.put("t_us", BigDecimal.valueOf(r.microseconds()).setScale(1, RoundingMode.HALF_UP));
        r.wall().ifPresent(w -> n.put("wall", w.toString()));
        return Wire.line(n);
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static BusRecord decode(String line) {
        Fields f = Fields.of(line);
        String op = f.text("op");
        if (!op.equals("w") && !op.equals("r")) {
            throw new IllegalArgumentException("op is '" + op + "', not w or r");
        }
        List<Integer> bytes = f.list("data", b -> hexByte("data", b.text()));
        if (bytes.isEmpty()) {
            throw new IllegalArgumentException("data is not a list of bytes");
        }
        double t = f.optionalNumber("t_us").filter(n -> n.signum() >= 0)
                .orElseThrow(() -> new IllegalArgumentException("t_us is not a number of microseconds")).doubleValue();
        Optional<Instant> wall = f.optionalText("wall").isPresent() ? Optional.of(f.time("wall")) : Optional.empty();
        return new BusRecord(op.equals("w"), hexByte("addr", f.text("addr")), hexByte("reg", f.text("reg")), bytes, t, wall);
    }

    private static int hexByte(String field, String s) {
        if (!s.matches("0x[0-9a-f]{2}")) {
            throw new IllegalArgumentException(field + " has '" + s + "', not a byte such as 0x1a");
        }
        return Integer.parseInt(s.substring(2), 16);
    }

    private static String hex(int b) {
        return String.format(Locale.ROOT, "0x%02x", b);
    }
}
