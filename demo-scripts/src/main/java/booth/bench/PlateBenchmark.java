package booth.bench;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.PlateFrame;
import booth.hal.Ticker;
import booth.hal.plate.LcdPlate;
import booth.hal.plate.Mcp23017;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.BusTally;
import booth.hal.virtual.VirtualPlate;
import java.util.Locale;

/**
 * {@code demo-scripts/plate-benchmark}: what the plate driver puts on the I2C bus for a fixed
 * script of updates, measured on the virtual plate (so it runs anywhere and gives the same
 * figures every time). Bus time is modelled at 100 kHz: 9 clocks per byte on the wire.
 */
public final class PlateBenchmark {
    /** Adafruit's CircuitPython/Python CharLCD library, as the issue measured it. */
    private static final double ADAFRUIT_BYTES_PER_LCD_BYTE = 27;
    private static final int ADAFRUIT_TWO_LINE_UPDATE = 756;

    private PlateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        VirtualPlate plate = new VirtualPlate(Ticker.SYSTEM);
        BusTally tally = new BusTally(plate);
        LcdPlate lcd = new LcdPlate(tally, PlatePolarity.ADAFRUIT, Ticker.SYSTEM);

        lcd.initialise();
        print("initialisation (MCP23017 set-up, LCD reset and clear)", tally, -1);

        lcd.show(PlateFrame.of("LOCAL_QUORUM   W", "DC1 r1 n1   12ms", Backlight.GREEN));
        tally.reset();
        lcd.show(PlateFrame.of("LOCAL_QUORUM   W", "DC1 r1 n1   13ms", Backlight.GREEN));
        print("one-character change", tally, 2);

        tally.reset();
        lcd.show(PlateFrame.of("Unavailable ALL ", "need 5 alive 4  ", Backlight.RED));
        print("full two-line redraw", tally, 2 * 17);

        // A minute of the demo: a write a second, latency and coordinator changing, a failure
        // every tenth write, and back.
        tally.reset();
        String[] coordinators = {"DC1 r1 n1", "DC1 r2 n1", "DC1 r3 n1"};
        for (int i = 0; i < 60; i++) {
            if (i % 10 == 9) {
                lcd.show(PlateFrame.of("ALL            W", "WriteTimeout 4/5", Backlight.RED));
            } else {
                String bottom = String.format("%s %4dms", coordinators[i % 3], 3 + (i * 7) % 40);
                lcd.show(PlateFrame.of("ALL            W", bottom, Backlight.GREEN));
            }
        }
        print("a minute of demo screens (60 updates)", tally, tally.dataBytesTo(Mcp23017.OLATB) / 4);

        if (!plate.mistakes().isEmpty()) {
            System.out.println("PROTOCOL MISTAKES: " + plate.mistakes());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "%nAdafruit's Python library: %.0f bytes per LCD byte, %d bytes for a two-line update.%n",
                ADAFRUIT_BYTES_PER_LCD_BYTE, ADAFRUIT_TWO_LINE_UPDATE);
    }

    private static void print(String what, BusTally tally, long lcdBytes) throws BusException {
        double busMs = tally.wireBytes() * VirtualPlate.BYTE_NANOS / 1e6;
        System.out.printf(Locale.ROOT, "%-55s %4d transactions %6d register+data bytes %8.2f ms at 100 kHz",
                what, tally.transactions(), tally.bytes(), busMs);
        if (lcdBytes > 0) {
            System.out.printf(Locale.ROOT, "  (%d LCD bytes, %.2f bytes per LCD byte)", lcdBytes,
                    tally.bytes() / (double) lcdBytes);
        }
        System.out.println();
    }
}
