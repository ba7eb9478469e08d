package booth.hal.record;

import booth.hal.BusException;
import booth.hal.I2cSpeed;
import booth.hal.PlateView;
import booth.hal.plate.Mcp23017;
import booth.hal.plate.PlatePolarity;
import booth.hal.virtual.VirtualClock;
import booth.hal.virtual.VirtualPlate;
import booth.protocol.BusRecordJson.BusRecord;
import booth.protocol.BusRecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replays a bus recording ({@link RecordingBus}'s JSON lines) into a fresh {@link VirtualPlate}
 * at the bus clock it was recorded at, each transaction at its recorded time: the virtual
 * chips then judge every edge of the recorded traffic as the real ones would have met it. The
 * recorded read values are not used (the virtual chip answers for itself); a recording with a
 * brown-out in it shows only the driver's answer to it, which must decode like any set-up.
 */
public final class TraceReplay {
    /**
     * What the replay found.
     *
     * @param lcdTrafficBytes register and data bytes of the writes to port B's latch (the LCD's
     *                        and the blue LED's), the key reads and set-up left out
     */
    public record Result(long transactions, long registerAndDataBytes, long lcdTrafficBytes, long lcdBytes,
                         List<String> mistakes, PlateView screen) {
        /** LCD traffic per byte the LCD took (NaN when it took none). */
        public double bytesPerLcdByte() {
            return lcdBytes == 0 ? Double.NaN : lcdTrafficBytes / (double) lcdBytes;
        }
    }

    /**
     * What the LCD held from one moment on, by the wall clock the recording carries: its rows,
     * backlight and whether the display was on, as the virtual chips decoded the traffic.
     */
    public record Shown(Instant at, PlateView view) {
    }

    private TraceReplay() {
    }

    /**
     * Replays {@code file}.
     *
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException a line is not a recorded transaction (names the line)
     */
    public static Result replay(Path file, I2cSpeed speed, PlatePolarity wiring) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return replay(lines.iterator(), speed, wiring, (at, view) -> { });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static Result replay(List<String> lines, I2cSpeed speed, PlatePolarity wiring) {
        return replay(lines.iterator(), speed, wiring, (at, view) -> { });
    }

    /**
     * Every change of what the LCD held over {@code file}, oldest first: each time a written
     * transaction left the display (rows, backlight, on or off) other than it was, the view and
     * when by the recording's wall clock ({@code "wall"} lines; each anchors the lines after it).
     *
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException a line is not a recorded transaction, or the recording
     *                                  carries no wall clock before a change
     */
    public static List<Shown> screens(Path file, I2cSpeed speed, PlatePolarity wiring) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return screens(lines.iterator(), speed, wiring);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static List<Shown> screens(Iterator<String> lines, I2cSpeed speed, PlatePolarity wiring) {
        List<Shown> changes = new ArrayList<>();
        replay(lines, speed, wiring, (at, view) -> {
            if (changes.isEmpty() || !changes.get(changes.size() - 1).view().equals(view)) {
                changes.add(new Shown(at.orElseThrow(() -> new IllegalArgumentException(
                        "the recording carries no wall clock (\"wall\") before the LCD changed")), view));
            }
        });
        return changes;
    }

    /** Told the view after each write, and the wall clock's time then when the recording gave one. */
    private interface AfterWrite {
        void seen(Optional<Instant> at, PlateView view);
    }

    private static Result replay(Iterator<String> lines, I2cSpeed speed, PlatePolarity wiring, AfterWrite after) {
        VirtualClock clock = new VirtualClock(); // the recording's times; each transaction's bus time moves it on
        VirtualPlate plate = null;
        BusTally tally = null;
        long offset = 0;
        long last = 0;
        Optional<Instant> anchorWall = Optional.empty();
        long anchorNanos = 0;
        for (int n = 0; lines.hasNext(); n++) {
            String line = lines.next().strip();
            if (line.isEmpty()) {
                continue;
            }
            BusRecord r;
            try {
                r = BusRecordJson.decode(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not a recorded bus transaction: " + line
                        + " (" + e.getMessage() + ")");
            }
            long t = Math.round(r.microseconds() * 1000);
            if (t + offset < last) {
                offset = last; // an appended recording starts again at 0: it follows the one before
            }
            last = t + offset;
            clock.advanceTo(last);
            if (r.wall().isPresent()) {
                anchorWall = r.wall();
                anchorNanos = last;
            }
            if (plate == null) {
                plate = new VirtualPlate(r.address(), clock, wiring, speed);
                tally = new BusTally(plate);
            }
            try {
                if (r.write()) {
                    tally.write(r.register(), r.bytes());
                    long since = clock.nanoTime() - anchorNanos;
                    after.seen(anchorWall.map(w -> w.plusNanos(since)), plate.view());
                } else {
                    tally.read(r.register());
                }
            } catch (BusException e) {
                throw new IllegalStateException("the virtual plate refused line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        if (plate == null) {
            return new Result(0, 0, 0, 0, List.of(), null);
        }
        long lcdTraffic = tally.writesTo(Mcp23017.OLATB) + tally.dataBytesTo(Mcp23017.OLATB);
        return new Result(tally.transactions(), tally.bytes(), lcdTraffic, plate.lcdBytes(), plate.mistakes(), plate.view());
    }
}
