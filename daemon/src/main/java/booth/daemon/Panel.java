package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.hal.BusException;
import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.RegisterBus;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import booth.hal.keyboard.KeyboardStandIn;
import booth.hal.pi4j.Pi4jHardware;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.RecordingBus;
import booth.hal.staff.KernelKeys;
import booth.hal.staff.StaffButtons;
import booth.hal.staff.StaffLines;
import booth.hal.staff.VirtualStaffLines;
import booth.hal.virtual.VirtualPlate;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client box's face: the LCD plate's driver and the staff buttons, on real hardware
 * (hardware mode: two buttons on GPIO lines, the power-off and reboot keys as the kernel reports
 * them) or on the virtual plate and virtual staff lines (terminal and headless modes, where the
 * same drivers run against the virtual hardware).
 */
public final class Panel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Panel.class);

    private final PlateDriver plate;
    private final StaffButtons staff;
    private final Optional<VirtualPlate> virtualPlate;
    private final Optional<KeyboardStandIn> keyboard;
    private final Optional<VirtualStaffLines> virtualStaff;
    private final AutoCloseable hardware;

    private Panel(PlateDriver plate, StaffButtons staff, Optional<VirtualPlate> virtualPlate,
                  Optional<KeyboardStandIn> keyboard, Optional<VirtualStaffLines> virtualStaff, AutoCloseable hardware) {
        this.plate = plate;
        this.staff = staff;
        this.virtualPlate = virtualPlate;
        this.keyboard = keyboard;
        this.virtualStaff = virtualStaff;
        this.hardware = hardware;
    }

    /**
     * Opens the panel for the configured mode; button events go to {@code buttons} (on the
     * drivers' threads). Nothing runs until {@link #start()}.
     *
     * @throws BusException the I2C bus cannot be opened (hardware mode)
     * @throws MissingDevice the staff buttons' GPIO lines cannot be opened (hardware mode)
     * @throws IOException  the bus recording cannot be opened
     */
    public static Panel open(BoothConfig config, Ticker ticker, Consumer<ButtonEvent> buttons)
            throws BusException, IOException {
        BoothConfig.Hardware hw = config.hardware();
        PlatePolarity polarity = new PlatePolarity(hw.ledsLitLow(), hw.keysPressedLow());
        RegisterBus bus;
        StaffLines lines;
        VirtualPlate virtual = null;
        KeyboardStandIn keyboard = null;
        VirtualStaffLines virtualLines = null;
        AutoCloseable hardware = () -> { };
        if (config.mode() == BoothConfig.Mode.HARDWARE) {
            Pi4jHardware pi = Pi4jHardware.raspberryPi();
            try {
                bus = pi.openI2c(hw.i2cBus(), hw.i2cAddress());
            } catch (BusException | RuntimeException e) {
                pi.close();
                throw e;
            }
            // Power-off and reboot belong to the kernel's gpio-keys (the boot configuration),
            // which cannot share a line with Pi4J: the daemon only watches their keys.
            Map<StaffButton, Integer> gpio = new EnumMap<>(hw.pitftPins());
            KernelKeys.PITFT.values().forEach(gpio::remove);
            try {
                lines = pi.openStaffLines(gpio, true);
            } catch (RuntimeException e) {
                pi.close();
                throw new MissingDevice("GPIO buttons", e);
            }
            hardware = pi;
        } else {
            virtual = new VirtualPlate(hw.i2cAddress(), ticker, polarity, hw.i2cSpeed());
            virtualLines = new VirtualStaffLines();
            keyboard = new KeyboardStandIn(virtual, virtualLines, ticker);
            bus = virtual;
            lines = virtualLines;
        }
        if (hw.kernelKeys().watchedIn(config.mode())) {
            lines = StaffLines.both(lines, KernelKeys.pitft(ticker));
        }
        if (hw.recordBus().isPresent()) {
            bus = RecordingBus.toFile(bus, hw.recordBus().get(), ticker);
            log.info("recording plate bus transactions to {}", hw.recordBus().get());
        }
        PlateDriver driver = new PlateDriver(bus, polarity, hw.i2cSpeed(), ticker, ButtonTiming.DEFAULT, new PlateDriver.Listener() {
            @Override
            public void button(ButtonEvent event) {
                buttons.accept(event);
            }

            @Override
            public void presence(boolean present, String reason) {
                if (present) {
                    log.info("LCD plate present");
                } else {
                    log.warn("LCD plate absent: {}", reason);
                }
            }
        });
        StaffButtons staff = new StaffButtons(lines, ticker, ButtonTiming.DEFAULT, buttons);
        return new Panel(driver, staff, Optional.ofNullable(virtual), Optional.ofNullable(keyboard),
                Optional.ofNullable(virtualLines), hardware);
    }

    /** A device the box needs and the Pi does not give (the plate's bus aside: that is a {@link BusException}). */
    public static final class MissingDevice extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String device;

        MissingDevice(String device, RuntimeException cause) {
            super("cannot open the " + device, cause);
            this.device = device;
        }

        /** The device in a few words, for the plate ("GPIO buttons"). */
        public String device() {
            return device;
        }
    }

    public void start() {
        plate.start();
        staff.start();
    }

    public PlateDriver plate() {
        return plate;
    }

    /** The virtual plate, in terminal and headless modes. */
    public Optional<VirtualPlate> virtualPlate() {
        return virtualPlate;
    }

    /** The keyboard's stand-in for the buttons, in terminal and headless modes. */
    public Optional<KeyboardStandIn> keyboard() {
        return keyboard;
    }

    /** The staff buttons' virtual lines, in terminal and headless modes: pressed as the PiTFT's would be. */
    public Optional<VirtualStaffLines> virtualStaff() {
        return virtualStaff;
    }

    @Override
    public void close() {
        plate.close();
        staff.close();
        try {
            hardware.close();
        } catch (Exception e) {
            log.warn("closing the hardware: {}", e.getMessage());
        }
    }
}
