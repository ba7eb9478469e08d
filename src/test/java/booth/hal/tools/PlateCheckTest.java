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

    private int run(String... args) throws InterruptedException {
        return PlateCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --bus x            | --bus needs a number, got 'x'
            --address 0x99     | --address must be from 3 to 119, got 0x99
            --seconds          | --seconds needs a value
            --colour red       | unknown option '--colour'
            """)
    void badUsageExitsWith2(String args, String message) throws InterruptedException {
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
}
