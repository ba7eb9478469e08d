package booth.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.protocol.BusRecordJson.BusRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bus recording's line read back as written, and a malformed one refused saying what is wrong. */
class BusRecordJsonTest {
    @Test
    void aTransactionComesBackAsWritten() {
        BusRecord write = new BusRecord(true, 0x20, 0x1a, List.of(0xb0, 0x90), 1234.5);
        assertEquals("{\"op\":\"w\",\"addr\":\"0x20\",\"reg\":\"0x1a\",\"data\":[\"0xb0\",\"0x90\"],\"t_us\":1234.5}\n",
                BusRecordJson.line(write));
        BusRecord read = new BusRecord(false, 0x20, 0x09, List.of(0x1f), 1300.0);
        BusRecord anchored = new BusRecord(false, 0x20, 0x09, List.of(0x1f), 0.0,
                Optional.of(Instant.parse("2026-12-06T18:00:00.123456Z")));
        assertEquals("{\"op\":\"r\",\"addr\":\"0x20\",\"reg\":\"0x09\",\"data\":[\"0x1f\"],\"t_us\":0.0,"
                + "\"wall\":\"2026-12-06T18:00:00.123456Z\"}\n", BusRecordJson.line(anchored));
        for (BusRecord r : List.of(write, read, anchored)) {
            assertEquals(r, BusRecordJson.decode(BusRecordJson.line(r)));
        }
    }

    @Test
    void aMalformedLineIsRefusedSayingWhatIsWrong() {
        String good = BusRecordJson.line(new BusRecord(true, 0x20, 0x1a, List.of(0xb0), 1.0)).strip();
        record Case(String line, String message) {
        }
        for (Case c : List.of(
                new Case(good.replace("\"op\":\"w\"", "\"op\":\"x\""), "op is 'x', not w or r"),
                new Case(good.replace("\"op\":\"w\",", ""), "op is missing"),
                new Case(good.replace("[\"0xb0\"]", "[]"), "data is not a list of bytes"),
                new Case(good.replace("[\"0xb0\"]", "[176]"), "data[0] is not a string"),
                new Case(good.replace("\"0xb0\"", "\"0xB0\""), "data has '0xB0', not a byte such as 0x1a"),
                new Case(good.replace("\"0x1a\"", "\"26\""), "reg has '26', not a byte such as 0x1a"),
                new Case(good.replace("\"t_us\":1.0", "\"t_us\":-1"), "t_us is not a number of microseconds"),
                new Case(good.replace("}", ",\"wall\":\"18:00\"}"), "wall is not a UTC time such as 2026-11-21T06:43:10.319Z"))) {
            assertEquals(c.message(), assertThrows(IllegalArgumentException.class, () -> BusRecordJson.decode(c.line()),
                    c.line()).getMessage(), c.line());
        }
    }
}
