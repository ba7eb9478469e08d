package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.config.BoothConfig;
import booth.daemon.config.ConfigLoader;
import booth.hal.Ticker;
import booth.testing.Polling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanelTest {
    @Test
    void theDaemonsRecordBusSettingCapturesThePlatesBus(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("bus.jsonl");
        BoothConfig config = ConfigLoader.parse("""
                booth {
                  client-name = rec
                  local-dc = DC1
                  contact-points = ["127.0.1.1:9042"]
                  replication { DC1 = 1 }
                  mode = headless
                  hardware.record-bus = "%s"
                }
                """.formatted(record), "t");
        try (Panel panel = Panel.open(config, Ticker.SYSTEM, e -> { })) {
            panel.start();
            Polling.until("the plate is initialised through the recorder", Duration.ofSeconds(10),
                    () -> panel.plate().present());
        }
        List<String> lines = Files.readAllLines(record);
        assertTrue(lines.size() > 15, lines.size() + " lines");
        assertTrue(lines.get(0).startsWith("{\"op\":\"r\",\"addr\":\"0x20\",\"reg\":\"0x05\",\"data\":[\"0x00\"],\"t_us\":"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"op\":\"w\",\"addr\":\"0x20\",\"reg\":\"0x0a\",\"data\":[\"0xa0\"],\"t_us\":"), lines.get(1));
    }
}
