package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.hal.BusException;
import booth.hal.PlateFrame;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.pi4j.Pi4jHardware;
import booth.hal.plate.LcdPlate;
import booth.hal.plate.PlatePolarity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plate's last words when the daemon cannot run and a person must act (a configuration key
 * that is wrong, a device that is missing): written once, straight to the plate, before the
 * daemon exits. systemd does not restart it then, and without this the LCD would stay dark or
 * frozen at whatever it showed. The chips keep the text and the red backlight after the process
 * ends. Best effort: a plate that cannot be opened either is only logged (the journal says the
 * rest in full), and where there is no I2C bus at all nothing is tried.
 */
final class LastWords {
    private static final Logger log = LoggerFactory.getLogger(LastWords.class);

    private LastWords() {
    }

    static void show(BoothConfig.Hardware hw, PlateFrame frame) {
        // No bus, no plate (a laptop, I2C not enabled): said by the daemon's own message already,
        // and Pi4J's board detection would only add noise.
        if (!Files.exists(Path.of("/dev/i2c-" + hw.i2cBus()))) {
            return;
        }
        try (Pi4jHardware pi = Pi4jHardware.raspberryPi()) {
            RegisterBus bus = pi.openI2c(hw.i2cBus(), hw.i2cAddress());
            LcdPlate plate = new LcdPlate(bus, new PlatePolarity(hw.ledsLitLow(), hw.keysPressedLow()), Ticker.SYSTEM,
                    hw.i2cSpeed());
            plate.initialise();
            plate.show(frame);
            log.info("the plate says: {} / {}", frame.top().strip(), frame.bottom().strip());
        } catch (BusException | RuntimeException e) {
            log.warn("the plate cannot say it either: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
