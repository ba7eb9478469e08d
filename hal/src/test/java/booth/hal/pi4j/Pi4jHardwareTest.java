package booth.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.hal.BusException;
import booth.hal.RegisterBus;
import booth.hal.StaffButton;
import booth.hal.staff.StaffLines;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Pi4J wiring, proved with Pi4J's own mock providers in place of /dev/i2c-1 and gpiod. */
class Pi4jHardwareTest {
    private final Context context = Pi4J.newContextBuilder().noAutoDetect()
            .add(MockI2CProvider.newInstance(), MockDigitalInputProvider.newInstance()).build();
    private final Pi4jHardware hardware = new Pi4jHardware(context, MockI2CProvider.ID, MockDigitalInputProvider.ID);

    @AfterEach
    void shutdown() {
        hardware.close();
    }

    @Test
    void theRealProviderIdsAreTheIssuesOnes() {
        assertEquals("linuxfs-i2c", Pi4jHardware.I2C_PROVIDER);
        assertEquals("gpiod-digital-input", Pi4jHardware.GPIO_PROVIDER);
    }

    @Test
    void thePlateIsOpenedOnTheConfiguredBusAndAddress() throws BusException {
        RegisterBus bus = hardware.openI2c(1, 0x20);
        I2C i2c = context.io("plate-i2c-1-20");
        assertEquals(1, i2c.bus());
        assertEquals(0x20, i2c.device());
        assertEquals(MockI2CProvider.ID, i2c.provider().id());
        assertEquals(0x20, bus.address());
        // Pi4J's mock keeps a FIFO per register: what the driver writes there comes back.
        bus.write(0x1a, (byte) 0x35);
        assertEquals(0x35, bus.read(0x1a));
    }

    @Test
    void anotherBusAndAddressComeFromConfiguration() throws BusException {
        hardware.openI2c(3, 0x27);
        I2C i2c = context.io("plate-i2c-3-27");
        assertEquals(3, i2c.bus());
        assertEquals(0x27, i2c.device());
    }

    @Test
    void aReadWithNothingThereIsABusExceptionNotACrash() throws BusException {
        RegisterBus bus = hardware.openI2c(1, 0x20);
        BusException e = assertThrows(BusException.class, () -> bus.read(0x09));
        assertEquals(0x20, e.address());
        assertEquals(0x09, e.register());
    }

    @Test
    void staffLinesArePulledUpInputsAndReadPressedWhenLow() throws Exception {
        Map<StaffButton, Integer> lines = new EnumMap<>(StaffButton.class);
        for (StaffButton b : StaffButton.values()) {
            lines.put(b, b.defaultBcm());
        }
        StaffLines staff = hardware.openStaffLines(lines, true);
        MockDigitalInput power = context.io("staff-power-off");
        DigitalInput reboot = context.io("staff-reboot");
        assertEquals(17, power.address());
        assertEquals(22, reboot.address());
        assertEquals(23, ((DigitalInput) context.io("staff-restart-display")).address());
        assertEquals(27, ((DigitalInput) context.io("staff-reset-demo")).address());
        assertEquals(PullResistance.PULL_UP, power.pull());
        assertEquals(MockDigitalInputProvider.ID, power.provider().id());

        for (StaffButton b : StaffButton.values()) {
            ((MockDigitalInput) context.io("staff-" + b.name().toLowerCase().replace('_', '-'))).mockState(DigitalState.HIGH);
        }
        assertEquals(Set.of(), staff.down());
        power.mockState(DigitalState.LOW);
        assertEquals(Set.of(StaffButton.POWER_OFF), staff.down());
        assertTrue(staff.down().contains(StaffButton.POWER_OFF));
    }
}
