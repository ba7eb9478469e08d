package booth.hal.staff;

import booth.hal.StaffButton;
import java.io.IOException;
import java.util.Set;

/** The GPIO lines of the staff buttons, read all at once. Active-low is already converted. */
public interface StaffLines extends AutoCloseable {
    /** The staff buttons that are down now. */
    Set<StaffButton> down() throws IOException;

    @Override
    void close();
}
