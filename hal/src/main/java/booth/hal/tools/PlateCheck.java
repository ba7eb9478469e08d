package booth.hal.tools;

import booth.hal.Backlight;
import booth.hal.BusException;
import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.I2cSpeed;
import booth.hal.PlateFrame;
import booth.hal.PlateView;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.pi4j.Pi4jHardware;
import booth.hal.plate.Mcp23017;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.RecordingBus;
import booth.hal.record.TraceReplay;
import booth.hal.virtual.VirtualPlate;
import booth.protocol.command.CommandFailure;
import booth.protocol.command.Exit;
import booth.protocol.command.ExitCode;
import booth.protocol.command.ManPage;
import booth.protocol.command.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code plate-check}: a bring-up check of the LCD keypad plate. Shows a test screen, cycles
 * the backlight through every colour, and shows and prints every key event, for a given number
 * of seconds. With {@code --record FILE} every bus transaction is captured as JSON lines; with
 * {@code --virtual} the virtual plate stands in for the hardware and its screen is printed. With
 * {@code --decode FILE} it replays a recording (of this tool or of the daemon, from a real plate
 * or the virtual one) through the virtual plate at the recording's bus clock, and reports every
 * protocol and timing mistake in it.
 */
@Command(name = "plate-check", mixinStandardHelpOptions = true,
        description = {"A bring-up check of the LCD keypad plate: it shows a test screen, cycles the backlight through every "
                + "colour, and shows and prints every key event, for a given number of seconds.",
            "With --decode, replays a recording of the plate's bus (of this tool or of the daemon) through the virtual "
                + "plate at --i2c-hz, and reports its protocol and timing mistakes."})
@Exit(value = ExitCode.OK, when = "the plate answered (with --decode: the recording has no mistake)")
@Exit(value = ExitCode.FAILED, when = "the hardware could not be opened, the plate never answered, or the virtual plate "
        + "saw protocol mistakes (with --decode: the recording has mistakes)")
@Exit(value = ExitCode.USAGE, when = "bad usage, or a recording that cannot be decoded")
public final class PlateCheck implements Callable<ExitCode> {
    public static final Program PROGRAM = Program.of(PlateCheck::new).withManPage(
            new ManPage.Section("SEE ALSO", ManPage.Item.text("booth-daemon(1), democtl(1), i2cdetect(8)")));

    @Option(names = "--virtual", description = "use the virtual plate instead of /dev/i2c-N (prints its screen)")
    boolean virtual;

    @Option(names = "--bus", paramLabel = "N", converter = Number.class, description = "I2C bus (default ${DEFAULT-VALUE}: /dev/i2c-1)")
    int busNumber = 1;

    @Option(names = "--address", paramLabel = "0xNN", converter = Number.class, description = "the plate's address (default 0x20)")
    int address = Mcp23017.DEFAULT_ADDRESS;

    @Option(names = "--i2c-hz", paramLabel = "N", converter = Number.class,
            description = "the bus clock, as dtparam=i2c_arm_baudrate sets it (default ${DEFAULT-VALUE})")
    int hz = I2cSpeed.STANDARD.hz();

    @Option(names = "--inverted-leds", description = "LEDs lit by a high pin (a kit unlike Adafruit's)")
    boolean invertedLeds;

    @Option(names = "--inverted-keys", description = "keys read high when pressed (a kit unlike Adafruit's)")
    boolean invertedKeys;

    @Option(names = "--record", paramLabel = "FILE", description = "append every bus transaction to FILE as JSON lines")
    Path record;

    @Option(names = "--seconds", paramLabel = "N", converter = Number.class, description = "how long to run (default ${DEFAULT-VALUE})")
    int seconds = 30;

    @Option(names = "--decode", paramLabel = "FILE",
            description = "replay a recording through the virtual plate, at --i2c-hz, and report its protocol and timing mistakes")
    Path decode;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    /** Nothing is written to {@code err}: failures are thrown, and {@link booth.protocol.command.Commands} prints them. */
    PlateCheck(PrintStream out, PrintStream err) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(PROGRAM.run(args));
    }

    @Override
    public ExitCode call() throws CommandFailure, InterruptedException {
        inRange("--bus", busNumber, 0, 99);
        inRange("--address", address, 0x03, 0x77);
        inRange("--seconds", seconds, 1, 86_400);
        inRange("--i2c-hz", hz, I2cSpeed.MIN_HZ, I2cSpeed.MAX_HZ);
        PlatePolarity polarity = new PlatePolarity(!invertedLeds, !invertedKeys);
        I2cSpeed speed = new I2cSpeed(hz);
        if (decode != null) {
            return decode(decode, speed, polarity);
        }
        Pi4jHardware hardware = null;
        RegisterBus bus;
        VirtualPlate plate = null;
        try {
            if (virtual) {
                plate = new VirtualPlate(address, Ticker.SYSTEM, polarity, speed);
                bus = plate;
            } else {
                hardware = Pi4jHardware.raspberryPi();
                bus = hardware.openI2c(busNumber, address);
            }
            if (record != null) {
                bus = RecordingBus.toFile(bus, record, Ticker.SYSTEM);
                out.println("recording bus transactions to " + record);
            }
        } catch (BusException | IOException | RuntimeException e) {
            if (hardware != null) {
                hardware.close();
            }
            throw new CommandFailure(ExitCode.FAILED, e.getMessage());
        }

        AtomicReference<String> lastKey = new AtomicReference<>("press a key");
        boolean[] answered = {false};
        PlateDriver driver = new PlateDriver(bus, polarity, speed, Ticker.SYSTEM, ButtonTiming.DEFAULT, new PlateDriver.Listener() {
            @Override
            public void button(ButtonEvent e) {
                String text = e.key() + " " + e.kind().name().toLowerCase();
                lastKey.set(text);
                out.println("key: " + text + (e.kind() == ButtonEvent.Kind.PRESSED ? "" : " after " + e.held().toMillis() + " ms"));
            }

            @Override
            public void presence(boolean present, String reason) {
                answered[0] |= present;
                out.println(present ? "plate: answering, initialised" : "plate: not answering: " + reason);
            }
        });
        driver.start();
        try {
            Backlight[] colours = Backlight.values();
            for (int s = 0; s < seconds; s++) {
                Backlight colour = colours[(s + 1) % colours.length];
                String top = pad("check " + colour.name().toLowerCase());
                driver.show(PlateFrame.of(top, pad(lastKey.get()), colour));
                Thread.sleep(1000);
                if (plate != null) {
                    PlateView v = plate.view();
                    out.println("screen: [" + v.top() + "] [" + v.bottom() + "] " + v.backlight());
                }
            }
        } finally {
            driver.close();
            bus.close();
            if (hardware != null) {
                hardware.close();
            }
        }
        if (plate != null && !plate.mistakes().isEmpty()) {
            throw new CommandFailure(ExitCode.FAILED, "protocol mistakes: " + plate.mistakes());
        }
        if (!answered[0]) {
            throw new CommandFailure(ExitCode.FAILED, "the plate never answered at 0x" + Integer.toHexString(address) + " on bus "
                    + busNumber + " (check the wiring, 'i2cdetect -y " + busNumber + "', and that I2C is enabled)");
        }
        return ExitCode.OK;
    }

    private ExitCode decode(Path file, I2cSpeed speed, PlatePolarity polarity) {
        TraceReplay.Result r;
        try {
            r = TraceReplay.replay(file, speed, polarity);
        } catch (IOException | RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "cannot decode " + file + ": " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%s at %s: %d transactions, %d register+data bytes; to the LCD's port %d bytes for %d LCD"
                + " bytes (%.2f per LCD byte)%n", file, speed, r.transactions(), r.registerAndDataBytes(), r.lcdTrafficBytes(),
                r.lcdBytes(), r.bytesPerLcdByte());
        if (r.screen() != null) {
            out.println("screen at the end: [" + r.screen().top() + "] [" + r.screen().bottom() + "] " + r.screen().backlight());
        }
        r.mistakes().forEach(m -> out.println("MISTAKE " + m));
        out.println(r.mistakes().size() + " protocol or timing mistake(s)");
        return r.mistakes().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String pad(String s) {
        return s.length() >= 16 ? s.substring(0, 16) : s + " ".repeat(16 - s.length());
    }

    private void inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be from " + min + " to " + max + ", got "
                    + (option.equals("--address") ? "0x" + Integer.toHexString(value) : value));
        }
    }

    /** A whole number, in hexadecimal after 0x (as i2cdetect prints addresses). */
    static final class Number implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String raw) {
            try {
                return raw.startsWith("0x") ? Integer.parseInt(raw.substring(2), 16) : Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + raw + "' is not a number");
            }
        }
    }
}
