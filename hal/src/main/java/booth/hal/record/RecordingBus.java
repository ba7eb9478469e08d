package booth.hal.record;

import booth.hal.BusException;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.protocol.BusRecordJson.BusRecord;
import booth.protocol.BusRecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Wraps any register bus and appends every completed transaction to a writer as one JSON
 * line, so a booth builder can see exactly what the driver sends:
 * <pre>
 * {"op":"w","addr":"0x20","reg":"0x1a","data":["0xb0","0x90"],"t_us":1234.5}
 * {"op":"r","addr":"0x20","reg":"0x09","data":["0x1f"],"t_us":1300.0}
 * </pre>
 * (the format is {@link BusRecordJson}'s). A transaction that failed is not recorded (the driver
 * logs it). Each line is flushed, so a recording survives a crash. With a wall clock, the first
 * line and then one line a minute also carry the wall-clock time ({@code "wall"}): the chaos
 * checker sets the LCD's history beside the outcome stream with it.
 */
public final class RecordingBus implements RegisterBus {
    /**
     * How often a line carries the wall clock again: the wall clock and the monotonic one drift
     * apart (NTP slews by up to 500 ppm, 30 ms a minute), and a clock step must show.
     */
    static final long WALL_EVERY_NANOS = 60_000_000_000L;

    private final RegisterBus bus;
    private final Writer out;
    private final Ticker ticker;
    private final Optional<Clock> wall;
    private final long started;
    /** The ticker's time of the last line with the wall clock; none yet: a minute before the start. */
    private long wallWritten;

    /** Records without the wall clock (times from the start of the recording only). */
    public RecordingBus(RegisterBus bus, Writer out, Ticker ticker) {
        this(bus, out, ticker, Optional.empty());
    }

    public RecordingBus(RegisterBus bus, Writer out, Ticker ticker, Optional<Clock> wall) {
        this.bus = bus;
        this.out = out;
        this.ticker = ticker;
        this.wall = wall;
        this.started = ticker.nanoTime();
        this.wallWritten = started - WALL_EVERY_NANOS;
    }

    /**
     * Records to {@code file}, appending, so that a restart never loses an earlier capture, with
     * the machine's wall clock.
     */
    public static RecordingBus toFile(RegisterBus bus, Path file, Ticker ticker) throws IOException {
        return new RecordingBus(bus, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), ticker, Optional.of(Clock.systemUTC()));
    }

    @Override
    public int address() {
        return bus.address();
    }

    @Override
    public void write(int register, byte... data) throws BusException {
        long t = ticker.nanoTime();
        bus.write(register, data);
        int[] bytes = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = data[i] & 0xFF;
        }
        record(true, register, bytes, t);
    }

    @Override
    public int read(int register) throws BusException {
        long t = ticker.nanoTime();
        int value = bus.read(register);
        record(false, register, new int[] {value}, t);
        return value;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // closing a recording must not stop a shutdown
        }
        bus.close();
    }

    private void record(boolean write, int register, int[] data, long t) {
        List<Integer> bytes = Arrays.stream(data).boxed().toList();
        Optional<Instant> now = Optional.empty();
        if (wall.isPresent() && t - wallWritten >= WALL_EVERY_NANOS) {
            // read beside t: the two clocks are read within the transaction's own microseconds
            now = Optional.of(wall.get().instant().minusNanos(ticker.nanoTime() - t));
            wallWritten = t;
        }
        try {
            out.write(BusRecordJson.line(new BusRecord(write, bus.address(), register, bytes, (t - started) / 1000.0, now)));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bus recording", e);
        }
    }
}
