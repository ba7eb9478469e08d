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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code demo-scripts/plate-check}: a bring-up check of the LCD keypad plate. Shows a test
 * screen, cycles the backlight through every colour, and shows and prints every key event,
 * for a given number of seconds. With {@code --record FILE} every bus transaction is captured
 * as JSON lines; with {@code --virtual} the virtual plate stands in for the hardware and its
 * screen is printed. With {@code --decode FILE} it replays a recording (of this tool or of the
 * daemon, from a real plate or the virtual one) through the virtual plate at the recording's
 * bus clock, and reports every protocol and timing mistake in it.
 *
 * <p>Exit status: 0 the plate answered (a decoded recording has no mistake), 1 it never did (the
 * recording has mistakes), 2 bad usage.
 */
public final class PlateCheck {
    static final String USAGE = """
            usage: plate-check [--virtual] [--bus N] [--address 0xNN] [--i2c-hz N] [--inverted-leds]
                               [--inverted-keys] [--record FILE] [--seconds N]
                   plate-check --decode FILE [--i2c-hz N] [--inverted-leds] [--inverted-keys]
              --virtual        use the virtual plate instead of /dev/i2c-N (prints its screen)
              --bus N          I2C bus (default 1: /dev/i2c-1)
              --address 0xNN   the plate's address (default 0x20)
              --i2c-hz N       the bus clock, as dtparam=i2c_arm_baudrate sets it (default 100000)
              --inverted-leds  LEDs lit by a high pin (a kit unlike Adafruit's)
              --inverted-keys  keys read high when pressed (a kit unlike Adafruit's)
              --record FILE    append every bus transaction to FILE as JSON lines
              --seconds N      how long to run (default 30)
              --decode FILE    replay a recording through the virtual plate, at --i2c-hz,
                               and report its protocol and timing mistakes
            """;

    private PlateCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        boolean virtual = false;
        int busNumber = 1;
        int address = Mcp23017.DEFAULT_ADDRESS;
        boolean ledsLow = true;
        boolean keysLow = true;
        Path record = null;
        Path decode = null;
        int hz = I2cSpeed.STANDARD.hz();
        int seconds = 30;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--virtual" -> virtual = true;
                    case "--bus" -> busNumber = number(args, ++i, "--bus", 0, 99);
                    case "--address" -> address = number(args, ++i, "--address", 0x03, 0x77);
                    case "--inverted-leds" -> ledsLow = false;
                    case "--inverted-keys" -> keysLow = false;
                    case "--record" -> record = Path.of(value(args, ++i, "--record"));
                    case "--seconds" -> seconds = number(args, ++i, "--seconds", 1, 86_400);
                    case "--i2c-hz" -> hz = number(args, ++i, "--i2c-hz", I2cSpeed.MIN_HZ, I2cSpeed.MAX_HZ);
                    case "--decode" -> decode = Path.of(value(args, ++i, "--decode"));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("plate-check: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }

        PlatePolarity polarity = new PlatePolarity(ledsLow, keysLow);
        I2cSpeed speed = new I2cSpeed(hz);
        if (decode != null) {
            return decode(decode, speed, polarity, out, err);
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
            err.println("plate-check: " + e.getMessage());
            if (hardware != null) {
                hardware.close();
            }
            return 1;
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
            err.println("plate-check: protocol mistakes: " + plate.mistakes());
            return 1;
        }
        if (!answered[0]) {
            err.println("plate-check: the plate never answered at 0x" + Integer.toHexString(address) + " on bus " + busNumber
                    + " (check the wiring, 'i2cdetect -y " + busNumber + "', and that I2C is enabled)");
            return 1;
        }
        return 0;
    }

    private static int decode(Path file, I2cSpeed speed, PlatePolarity polarity, PrintStream out, PrintStream err) {
        TraceReplay.Result r;
        try {
            r = TraceReplay.replay(file, speed, polarity);
        } catch (IOException | RuntimeException e) {
            err.println("plate-check: cannot decode " + file + ": " + e.getMessage());
            return 2;
        }
        out.printf(Locale.ROOT, "%s at %s: %d transactions, %d register+data bytes; to the LCD's port %d bytes for %d LCD"
                + " bytes (%.2f per LCD byte)%n", file, speed, r.transactions(), r.registerAndDataBytes(), r.lcdTrafficBytes(),
                r.lcdBytes(), r.bytesPerLcdByte());
        if (r.screen() != null) {
            out.println("screen at the end: [" + r.screen().top() + "] [" + r.screen().bottom() + "] " + r.screen().backlight());
        }
        r.mistakes().forEach(m -> out.println("MISTAKE " + m));
        out.println(r.mistakes().size() + " protocol or timing mistake(s)");
        return r.mistakes().isEmpty() ? 0 : 1;
    }

    private static String pad(String s) {
        return s.length() >= 16 ? s.substring(0, 16) : s + " ".repeat(16 - s.length());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option, int min, int max) {
        String raw = value(args, i, option);
        int v;
        try {
            v = raw.startsWith("0x") ? Integer.parseInt(raw.substring(2), 16) : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ", got " + raw);
        }
        return v;
    }
}
