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
import java.util.List;
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
            return replay(lines.toList(), speed, wiring);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static Result replay(List<String> lines, I2cSpeed speed, PlatePolarity wiring) {
        VirtualClock clock = new VirtualClock(); // the recording's times; each transaction's bus time moves it on
        VirtualPlate plate = null;
        BusTally tally = null;
        long offset = 0;
        long last = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
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
            if (plate == null) {
                plate = new VirtualPlate(r.address(), clock, wiring, speed);
                tally = new BusTally(plate);
            }
            try {
                if (r.write()) {
                    tally.write(r.register(), r.bytes());
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
