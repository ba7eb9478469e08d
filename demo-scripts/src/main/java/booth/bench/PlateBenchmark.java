package booth.bench;

import booth.hal.Backlight;
import booth.hal.I2cSpeed;
import booth.hal.PlateFrame;
import booth.hal.plate.LcdPlate;
import booth.hal.plate.Mcp23017;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.BusTally;
import booth.hal.virtual.VirtualClock;
import booth.hal.virtual.VirtualPlate;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.Program;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code demo-scripts/plate-benchmark}: what the plate driver puts on the I2C bus for a fixed
 * script of updates, measured on the virtual plate (so it runs anywhere and gives the same
 * figures every time), at each bus clock a booth may run: 100 kHz (the Pi's default), 400 kHz
 * and 1 MHz. Time is modelled (9 clocks a byte, and the driver's own waits for the LCD), on a
 * clock that moves only as the bus and the waits make it.
 */
@Command(name = "plate-benchmark", mixinStandardHelpOptions = true,
        description = "What the plate driver puts on the I2C bus for a fixed script of updates, on the virtual plate, at "
                + "100 kHz, 400 kHz and 1 MHz.")
@Exit(value = ExitCode.FAILED, when = "the virtual plate saw a protocol or timing mistake")
public final class PlateBenchmark implements Callable<ExitCode> {
    public static final Program PROGRAM = Program.of(PlateBenchmark::new);

    /** Adafruit's CircuitPython/Python CharLCD library, as the issue measured it. */
    private static final double ADAFRUIT_BYTES_PER_LCD_BYTE = 27;
    private static final int ADAFRUIT_TWO_LINE_UPDATE = 756;

    /** It prints its figures on standard output, as its helpers do. */
    PlateBenchmark(PrintStream out, PrintStream err) {
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws Exception {
        boolean mistakes = false;
        for (I2cSpeed speed : List.of(I2cSpeed.STANDARD, I2cSpeed.FAST, I2cSpeed.FAST_PLUS)) {
            mistakes |= run(speed);
        }
        System.out.printf(Locale.ROOT, "%nAdafruit's Python library: %.0f bytes per LCD byte, %d bytes for a two-line update.%n",
                ADAFRUIT_BYTES_PER_LCD_BYTE, ADAFRUIT_TWO_LINE_UPDATE);
        return mistakes ? ExitCode.FAILED : ExitCode.OK;
    }

    private static boolean run(I2cSpeed speed) throws Exception {
        VirtualClock clock = new VirtualClock();
        VirtualPlate plate = new VirtualPlate(0x20, clock, PlatePolarity.ADAFRUIT, speed);
        BusTally tally = new BusTally(plate);
        LcdPlate lcd = new LcdPlate(tally, PlatePolarity.ADAFRUIT, clock, speed);
        System.out.println("at " + speed + ":");

        long t = clock.nanoTime();
        lcd.initialise();
        print("initialisation (MCP23017 set-up, clock check, LCD reset and clear)", tally, -1, clock, t);

        lcd.show(PlateFrame.of("LOCAL_QUORUM   W", "DC1 r1 n1   12ms", Backlight.GREEN));
        tally.reset();
        t = clock.nanoTime();
        long before = plate.lcdBytes();
        lcd.show(PlateFrame.of("LOCAL_QUORUM   W", "DC1 r1 n1   13ms", Backlight.GREEN));
        print("one-character change", tally, plate.lcdBytes() - before, clock, t);

        tally.reset();
        t = clock.nanoTime();
        before = plate.lcdBytes();
        lcd.show(PlateFrame.of("Unavailable ALL ", "need 5 alive 4  ", Backlight.RED));
        print("full two-line redraw", tally, plate.lcdBytes() - before, clock, t);

        // A minute of the demo: a write a second, latency and coordinator changing, a failure
        // every tenth write, and back.
        tally.reset();
        t = clock.nanoTime();
        before = plate.lcdBytes();
        String[] coordinators = {"DC1 r1 n1", "DC1 r2 n1", "DC1 r3 n1"};
        for (int i = 0; i < 60; i++) {
            if (i % 10 == 9) {
                lcd.show(PlateFrame.of("ALL            W", "WriteTimeout 4/5", Backlight.RED));
            } else {
                String bottom = String.format("%s %4dms", coordinators[i % 3], 3 + (i * 7) % 40);
                lcd.show(PlateFrame.of("ALL            W", bottom, Backlight.GREEN));
            }
        }
        print("a minute of demo screens (60 updates)", tally, plate.lcdBytes() - before, clock, t);

        if (!plate.mistakes().isEmpty()) {
            System.out.println("PROTOCOL MISTAKES: " + plate.mistakes());
            return true;
        }
        return false;
    }

    private static void print(String what, BusTally tally, long lcdBytes, VirtualClock clock, long from) {
        System.out.printf(Locale.ROOT, "  %-55s %4d transactions %6d register+data bytes %8.2f ms",
                what, tally.transactions(), tally.bytes(), (clock.nanoTime() - from) / 1e6);
        if (lcdBytes > 0) {
            System.out.printf(Locale.ROOT, "  (%d LCD bytes, %.2f bytes per LCD byte)", lcdBytes,
                    tally.bytes() / (double) lcdBytes);
        }
        System.out.println();
    }
}
