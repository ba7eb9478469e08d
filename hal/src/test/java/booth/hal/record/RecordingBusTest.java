package booth.hal.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.ButtonTiming;
import booth.hal.FakeTicker;
import booth.hal.PlateFrame;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.virtual.VirtualPlate;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingBusTest {
    private final FakeTicker ticker = new FakeTicker();
    private final VirtualPlate plate = new VirtualPlate(ticker);
    private final StringWriter out = new StringWriter();
    private final RecordingBus recorder = new RecordingBus(plate, out, ticker);

    @org.junit.jupiter.api.AfterEach
    void noProtocolMistakes() {
        assertEquals(List.of(), plate.mistakes(), "the virtual plate saw protocol mistakes");
    }

    @Test
    void writesAndReadsAreRecordedExactlyInTheDocumentedForm() throws BusException {
        ticker.sleepNanos(1_234_500);
        recorder.write(0x12, (byte) 0x00, (byte) 0x80);
        long after = 1_234_500 + 4 * plate.byteNanos();
        int value = recorder.read(0x12);
        assertEquals(List.of(
                        "{\"op\":\"w\",\"addr\":\"0x20\",\"reg\":\"0x12\",\"data\":[\"0x00\",\"0x80\"],\"t_us\":1234.5}",
                        String.format("{\"op\":\"r\",\"addr\":\"0x20\",\"reg\":\"0x12\",\"data\":[\"0x%02x\"],\"t_us\":%.1f}",
                                value, after / 1000.0)),
                out.toString().lines().toList());
    }

    @Test
    void aFailedTransactionIsNotRecordedAndStillThrows() {
        plate.unplug();
        assertThrows(BusException.class, () -> recorder.write(0x1a, (byte) 1));
        assertEquals("", out.toString());
    }

    @Test
    void theDriverRunsThroughTheRecorder() throws InterruptedException {
        PlateDriver driver = new PlateDriver(recorder, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, ticker, ButtonTiming.DEFAULT,
                new PlateDriver.Listener() {
                    @Override
                    public void button(booth.hal.ButtonEvent event) {
                    }

                    @Override
                    public void presence(boolean present, String reason) {
                    }
                });
        driver.show(PlateFrame.of("recorded        ", "                ", Backlight.GREEN));
        driver.step();
        assertEquals("recorded        ", plate.view().top());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.size() > 15, lines.size() + " lines");
        assertTrue(lines.stream().allMatch(l -> l.matches(
                "\\{\"op\":\"[wr]\",\"addr\":\"0x20\",\"reg\":\"0x[0-9a-f]{2}\",\"data\":\\[\"0x[0-9a-f]{2}\"(,\"0x[0-9a-f]{2}\")*],\"t_us\":\\d+\\.\\d}")),
                lines.toString());
        TraceReplay.Result replayed = TraceReplay.replay(lines, booth.hal.I2cSpeed.STANDARD, PlatePolarity.ADAFRUIT);
        assertEquals(List.of(), replayed.mistakes(), "the recording decodes as the traffic did");
        assertEquals(plate.view(), replayed.screen(), "and ends on the same screen");
    }
}
