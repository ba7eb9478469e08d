package booth.hal.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlateCheckTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PlateCheck.PROGRAM.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --bus x            | plate-check: Invalid value for option '--bus': 'x' is not a number
            --address 0x99     | plate-check: --address must be from 3 to 119, got 0x99
            --seconds          | plate-check: Missing required parameter for option '--seconds' (N)
            --colour red       | plate-check: Unknown options: '--colour', 'red'
            --i2c-hz 5000000   | --i2c-hz must be from 10000 to 1700000, got 5000000
            """)
    void badUsageExitsWith2(String args, String message) {
        assertEquals(2, run(args.split(" ")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aVirtualRunShowsTheTestScreenAndRecordsTheBus(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("bus.jsonl");
        assertEquals(0, run("--virtual", "--seconds", "2", "--record", record.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("plate: answering, initialised"), printed);
        assertTrue(printed.contains("screen: [check red       ] [press a key     ] RED"), printed);
        List<String> lines = Files.readAllLines(record);
        assertTrue(lines.size() > 20, lines.size() + " recorded transactions");
        // set-up asks IOCON's BANK = 1 address which layout the chip is in (power-on: BANK = 0)
        assertTrue(lines.get(0).startsWith("{\"op\":\"r\",\"addr\":\"0x20\",\"reg\":\"0x05\",\"data\":[\"0x00\"],\"t_us\":"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"op\":\"w\",\"addr\":\"0x20\",\"reg\":\"0x0a\",\"data\":[\"0xa0\"],\"t_us\":"),
                lines.get(1));
    }

    /**
     * A recording decodes in the virtual chips with no protocol or timing mistake at the bus
     * clock it was made at; the same 100 kHz traffic replayed as if on a 1 MHz bus (no waits
     * added for it) is caught.
     */
    @ParameterizedTest(name = "{0} Hz")
    @org.junit.jupiter.params.provider.ValueSource(ints = {100_000, 400_000, 1_000_000})
    void aRecordingDecodesWithoutMistakesAtItsBusClock(int hz, @TempDir Path dir) throws Exception {
        Path record = dir.resolve("bus.jsonl");
        assertEquals(0, run("--virtual", "--seconds", "2", "--i2c-hz", Integer.toString(hz), "--record", record.toString()));
        out.reset();
        assertEquals(0, run("--decode", record.toString(), "--i2c-hz", Integer.toString(hz)), out.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("0 protocol or timing mistake(s)"), printed);
        assertTrue(printed.contains("screen at the end: [check green     ] [press a key     ] GREEN"), printed);
        if (hz == 100_000) {
            out.reset();
            assertEquals(1, run("--decode", record.toString(), "--i2c-hz", "1000000"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("still busy"), out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFileThatIsNotARecordingIsRefusedByLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"op\":\"w\",\"addr\":\"0x20\",\"reg\":\"0x0a\",\"data\":[\"0xa0\"],\"t_us\":0.0}\nhello\n");
        assertEquals(2, run("--decode", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 2 is not a recorded bus transaction: hello"),
                err.toString(StandardCharsets.UTF_8));
    }
}
