package booth.hal.staff;

import booth.hal.StaffButton;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/** The GPIO lines of the staff buttons, read all at once. Active-low is already converted. */
public interface StaffLines extends AutoCloseable {
    /** The staff buttons that are down now. */
    Set<StaffButton> down() throws IOException;

    @Override
    void close();

    /** The buttons of two sets of lines (the client Pi's: two on GPIO lines, two the kernel owns). */
    static StaffLines both(StaffLines a, StaffLines b) {
        return new StaffLines() {
            @Override
            public Set<StaffButton> down() throws IOException {
                Set<StaffButton> down = EnumSet.noneOf(StaffButton.class);
                down.addAll(a.down());
                down.addAll(b.down());
                return down;
            }

            @Override
            public void close() {
                try {
                    a.close();
                } finally {
                    b.close();
                }
            }
        };
    }
}
