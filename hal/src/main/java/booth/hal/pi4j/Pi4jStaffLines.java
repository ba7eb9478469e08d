package booth.hal.pi4j;

import booth.hal.StaffButton;
import booth.hal.staff.StaffLines;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The staff buttons' GPIO lines through Pi4J, read by state (never by listener). */
final class Pi4jStaffLines implements StaffLines {
    private final Map<StaffButton, DigitalInput> inputs;
    private final boolean pressedLow;

    Pi4jStaffLines(Map<StaffButton, DigitalInput> inputs, boolean pressedLow) {
        this.inputs = Map.copyOf(inputs);
        this.pressedLow = pressedLow;
    }

    @Override
    public Set<StaffButton> down() throws IOException {
        Set<StaffButton> down = EnumSet.noneOf(StaffButton.class);
        for (var e : inputs.entrySet()) {
            DigitalState state;
            try {
                state = e.getValue().state();
            } catch (RuntimeException ex) {
                throw new IOException("GPIO " + e.getValue().address() + " (" + e.getKey() + "): " + ex.getMessage(), ex);
            }
            if (state == DigitalState.UNKNOWN) {
                throw new IOException("GPIO " + e.getValue().address() + " (" + e.getKey() + ") reads as unknown");
            }
            if ((state == DigitalState.LOW) == pressedLow) {
                down.add(e.getKey());
            }
        }
        return down;
    }

    @Override
    public void close() {
        // the Pi4J context owns the inputs and shuts them down
    }
}
