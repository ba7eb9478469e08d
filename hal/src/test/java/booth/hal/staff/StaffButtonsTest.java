package booth.hal.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.FakeTicker;
import booth.hal.StaffButton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffButtonsTest {
    private final FakeTicker ticker = new FakeTicker();
    private final List<ButtonEvent> events = new ArrayList<>();

    private void steps(StaffButtons buttons, int n) {
        for (int i = 0; i < n; i++) {
            buttons.step();
            ticker.advanceMillis(20);
        }
    }

    @Test
    void aHoldOfThreeSecondsReportsItsDurationAsItGoes() {
        VirtualStaffLines lines = new VirtualStaffLines();
        StaffButtons buttons = new StaffButtons(lines, ticker, ButtonTiming.DEFAULT, events::add);
        lines.press(StaffButton.POWER_OFF);
        steps(buttons, 151); // 3 s and a bit
        lines.release(StaffButton.POWER_OFF);
        steps(buttons, 2);
        List<Long> holds = events.stream().filter(e -> e.kind() == ButtonEvent.Kind.HELD)
                .map(e -> e.held().toMillis()).toList();
        assertEquals(List.of(500L, 1000L, 1500L, 2000L, 2500L, 3000L), holds);
        ButtonEvent last = events.get(events.size() - 1);
        assertEquals(ButtonEvent.Kind.RELEASED, last.kind());
        assertEquals(3020, last.held().toMillis());
    }

    @Test
    void aLineThatCannotBeReadReleasesWhatWasHeldAndRecovers() {
        boolean[] broken = {false};
        VirtualStaffLines virtual = new VirtualStaffLines();
        StaffLines flaky = new StaffLines() {
            @Override
            public Set<StaffButton> down() throws IOException {
                if (broken[0]) {
                    throw new IOException("gpiochip0 gone");
                }
                return virtual.down();
            }

            @Override
            public void close() {
            }
        };
        StaffButtons buttons = new StaffButtons(flaky, ticker, ButtonTiming.DEFAULT, events::add);
        virtual.press(StaffButton.REBOOT);
        steps(buttons, 3);
        broken[0] = true;
        steps(buttons, 3);
        broken[0] = false;
        steps(buttons, 3);
        assertEquals(List.of(ButtonEvent.Kind.PRESSED, ButtonEvent.Kind.RELEASED, ButtonEvent.Kind.PRESSED),
                events.stream().map(ButtonEvent::kind).toList());
    }
}
