package booth.hal.staff;

import booth.hal.StaffButton;
import java.util.EnumSet;
import java.util.Set;

/** Staff buttons pressed from code: for laptop mode (keys 1-4) and tests. Thread-safe. */
public final class VirtualStaffLines implements StaffLines {
    private final Set<StaffButton> down = EnumSet.noneOf(StaffButton.class);

    public synchronized void press(StaffButton b) {
        down.add(b);
    }

    public synchronized void release(StaffButton b) {
        down.remove(b);
    }

    @Override
    public synchronized Set<StaffButton> down() {
        return EnumSet.copyOf(down);
    }

    @Override
    public void close() {
        // nothing held
    }
}
