package booth.daemon.ui;

import booth.hal.StaffButton;
import java.util.Optional;

/**
 * The staff's part of the box's state: what staff are doing to the box, over either demo.
 *
 * @param hold   a power button held down, counting down to its action
 * @param notice a staff message shown over the pages
 * @param paused whether staff paused the writes (democtl)
 */
public record StaffState(Optional<StaffHold> hold, Optional<StaffNotice> notice, boolean paused) implements UiState.Part {
    static final StaffState NONE = new StaffState(Optional.empty(), Optional.empty(), false);

    /** A power button held down since {@code since} (nanoTime): counting down to its action. */
    public record StaffHold(StaffButton button, long since) {
    }

    /** A staff message shown over the pages until {@code until} (nanoTime; Long.MAX_VALUE: for good). */
    public record StaffNotice(String top, String bottom, long until) {
        /** Whether it stays for good (the power is going off). */
        boolean forGood() {
            return until == Long.MAX_VALUE;
        }
    }

    StaffState withHold(Optional<StaffHold> h) {
        return new StaffState(h, notice, paused);
    }

    StaffState withNotice(Optional<StaffNotice> n) {
        return new StaffState(hold, n, paused);
    }

    StaffState withPaused(boolean p) {
        return new StaffState(hold, notice, p);
    }
}
