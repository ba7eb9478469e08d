package booth.hal.pi4j;

import booth.hal.BusException;
import booth.hal.RegisterBus;
import booth.hal.StaffButton;
import booth.hal.staff.StaffLines;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.util.EnumMap;
import java.util.Map;

/**
 * The client Pi's hardware through Pi4J 2: the plate's I2C device through the {@code linuxfs-i2c}
 * provider (/dev/i2c-N) and the staff buttons' GPIO lines through {@code gpiod-digital-input}.
 * The only place in the project that knows Pi4J.
 *
 * <p>The context is built with exactly these providers and no auto-detection, so a mock
 * provider on the classpath can never stand in for real hardware by accident.
 */
public final class Pi4jHardware implements AutoCloseable {
    public static final String I2C_PROVIDER = LinuxFsI2CProvider.ID;
    public static final String GPIO_PROVIDER = GpioDDigitalInputProvider.ID;

    private final Context context;
    private final String i2cProvider;
    private final String gpioProvider;

    /**
     * @param context      a Pi4J context holding the two providers
     * @param i2cProvider  id of its I2C provider
     * @param gpioProvider id of its digital input provider
     */
    public Pi4jHardware(Context context, String i2cProvider, String gpioProvider) {
        this.context = context;
        this.i2cProvider = i2cProvider;
        this.gpioProvider = gpioProvider;
    }

    /** The real hardware of a Raspberry Pi. */
    public static Pi4jHardware raspberryPi() {
        Context context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(LinuxFsI2CProvider.newInstance(), GpioDDigitalInputProvider.newInstance())
                .build();
        return new Pi4jHardware(context, I2C_PROVIDER, GPIO_PROVIDER);
    }

    /**
     * Opens I2C device {@code device} on bus {@code bus} (/dev/i2c-{bus}).
     *
     * @throws BusException when the bus cannot be opened (I2C not enabled, no permission)
     */
    public RegisterBus openI2c(int bus, int device) throws BusException {
        I2CConfig config = I2C.newConfigBuilder(context)
                .id("plate-i2c-" + bus + "-" + Integer.toHexString(device))
                .name("LCD keypad plate")
                .bus(bus)
                .device(device)
                .provider(i2cProvider)
                .build();
        try {
            I2CProvider provider = context.provider(i2cProvider, I2CProvider.class);
            return new Pi4jRegisterBus(provider.create(config), device);
        } catch (RuntimeException e) {
            throw new BusException(device, -1, BusException.Operation.OPEN,
                    "cannot open /dev/i2c-" + bus + " (is I2C enabled, is the user in group i2c?): " + e.getMessage(), e);
        }
    }

    /**
     * Opens the staff buttons' lines: inputs with pull-ups, a button reading low when pressed
     * unless {@code pressedLow} is false.
     *
     * @param lines BCM GPIO line of each button
     */
    public StaffLines openStaffLines(Map<StaffButton, Integer> lines, boolean pressedLow) {
        DigitalInputProvider provider = context.provider(gpioProvider, DigitalInputProvider.class);
        Map<StaffButton, DigitalInput> inputs = new EnumMap<>(StaffButton.class);
        for (var e : lines.entrySet()) {
            DigitalInputConfig config = DigitalInput.newConfigBuilder(context)
                    .id("staff-" + e.getKey().name().toLowerCase().replace('_', '-'))
                    .name("PiTFT " + e.getKey() + " button")
                    .address(e.getValue())
                    .pull(pressedLow ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                    // Debounced in software by ButtonTracker, from steady samples.
                    .debounce(0L)
                    .provider(gpioProvider)
                    .build();
            inputs.put(e.getKey(), provider.create(config));
        }
        return new Pi4jStaffLines(inputs, pressedLow);
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
