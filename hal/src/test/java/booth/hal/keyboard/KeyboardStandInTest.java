package booth.hal.keyboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.FakeTicker;
import booth.hal.KeypadButton;
import booth.hal.StaffButton;
import booth.hal.TypedKey;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.staff.StaffButtons;
import booth.hal.staff.VirtualStaffLines;
import booth.hal.virtual.VirtualPlate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Terminal keys through the virtual hardware and the real drivers. */
class KeyboardStandInTest {
    private final FakeTicker ticker = new FakeTicker();
    private final VirtualPlate plate = new VirtualPlate(ticker);
    private final VirtualStaffLines staffLines = new VirtualStaffLines();
    private final KeyboardStandIn keyboard = new KeyboardStandIn(plate, staffLines, ticker);
    private final List<String> events = new ArrayList<>();
    private final PlateDriver driver = new PlateDriver(plate, PlatePolarity.ADAFRUIT, booth.hal.I2cSpeed.STANDARD, ticker, ButtonTiming.DEFAULT,
            new PlateDriver.Listener() {
                @Override
                public void button(ButtonEvent e) {
                    events.add(e.key() + " " + e.kind());
                }

                @Override
                public void presence(boolean present, String reason) {
                }
            });
    private final StaffButtons staff = new StaffButtons(staffLines, ticker, ButtonTiming.DEFAULT,
            e -> events.add(e.key() + " " + e.kind()));

    @org.junit.jupiter.api.AfterEach
    void noProtocolMistakes() {
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), plate.mistakes(), "the virtual plate saw protocol mistakes");
    }

    /** Runs 20 ms of the world; {@code key} arrives at the start of it, if not null. */
    private void tick(TypedKey key) throws InterruptedException {
        if (key != null) {
            keyboard.typed(key);
        }
        keyboard.tick();
        driver.step();
        staff.step();
        ticker.advanceMillis(20);
    }

    @Test
    void aTypedArrowIsOneCleanPressOfItsKey() throws InterruptedException {
        tick(null); // the plate initialises
        tick(TypedKey.UP);
        for (int i = 0; i < 10; i++) {
            tick(null);
        }
        assertEquals(List.of("UP PRESSED", "UP RELEASED"), events);
    }

    @Test
    void enterIsSelectAndDigitsAreStaffButtons() throws InterruptedException {
        tick(null);
        tick(TypedKey.ENTER);
        tick(TypedKey.DIGIT_3);
        for (int i = 0; i < 10; i++) {
            tick(null);
        }
        assertEquals(List.of(KeypadButton.SELECT + " PRESSED", StaffButton.RESTART_DISPLAY + " PRESSED",
                KeypadButton.SELECT + " RELEASED", StaffButton.RESTART_DISPLAY + " RELEASED"), events);
    }

    @Test
    void autoRepeatArrivalsKeepAKeyHeld() throws InterruptedException {
        tick(null);
        tick(TypedKey.DIGIT_1);
        for (int i = 0; i < 24; i++) {
            tick(null); // the terminal's auto-repeat delay, ~500 ms
        }
        for (int i = 0; i < 100; i++) {
            tick(i % 2 == 0 ? TypedKey.DIGIT_1 : null); // an arrival every 40 ms for 2 s
        }
        for (int i = 0; i < 15; i++) {
            tick(null);
        }
        List<String> staffEvents = events.stream().filter(e -> e.startsWith("POWER_OFF")).toList();
        assertEquals(List.of("POWER_OFF PRESSED", "POWER_OFF RELEASED", "POWER_OFF PRESSED"), staffEvents.subList(0, 3));
        assertEquals("POWER_OFF RELEASED", staffEvents.get(staffEvents.size() - 1));
        assertEquals(4, staffEvents.stream().filter(e -> e.endsWith("HELD")).count(), staffEvents.toString());
    }
}
