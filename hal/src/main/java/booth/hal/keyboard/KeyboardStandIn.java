package booth.hal.keyboard;

import booth.hal.KeyboardButtons;
import booth.hal.KeypadButton;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import booth.hal.TypedKey;
import booth.hal.staff.VirtualStaffLines;
import booth.hal.virtual.VirtualPlate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Laptop mode's buttons: keys typed in a terminal press the virtual plate's keys (arrows and
 * Enter) and the virtual staff lines (1-4), so the real drivers see them exactly as they would
 * see fingers. The terminal view that reads the keys lives in display/.
 *
 * <p>Terminals report key presses, never releases. A typed key is therefore held for a short
 * tap ({@link #TAP_NANOS}); a key the person keeps down arrives again by the terminal's
 * auto-repeat (after about half a second, then every 30-40 ms) and stays pressed while the
 * arrivals keep coming. A hold thus counts from the first auto-repeat: to hold a staff button
 * for 3 s, keep its key down about 3.5 s.
 */
public final class KeyboardStandIn implements KeyboardButtons {
    /** How long one typed key holds its button down: longer than the drivers' debounce and poll. */
    public static final long TAP_NANOS = 80_000_000;
    /** A held key's next auto-repeat arrives within this; longer gaps mean it was let go. */
    public static final long REPEAT_GAP_NANOS = 150_000_000;

    private final VirtualPlate plate;
    private final VirtualStaffLines staff;
    private final Ticker ticker;
    private final Map<TypedKey, Long> releaseAt = new EnumMap<>(TypedKey.class);

    public KeyboardStandIn(VirtualPlate plate, VirtualStaffLines staff, Ticker ticker) {
        this.plate = plate;
        this.staff = staff;
        this.ticker = ticker;
    }

    @Override
    public synchronized void typed(TypedKey key) {
        long now = ticker.nanoTime();
        boolean down = releaseAt.containsKey(key);
        releaseAt.put(key, now + (down ? REPEAT_GAP_NANOS : TAP_NANOS));
        if (!down) {
            set(key, true);
        }
    }

    @Override
    public synchronized void tick() {
        long now = ticker.nanoTime();
        releaseAt.entrySet().removeIf(e -> {
            if (now >= e.getValue()) {
                set(e.getKey(), false);
                return true;
            }
            return false;
        });
    }

    private void set(TypedKey key, boolean down) {
        if (key.button() instanceof KeypadButton k) {
            if (down) {
                plate.press(k);
            } else {
                plate.release(k);
            }
        } else if (key.button() instanceof StaffButton s) {
            if (down) {
                staff.press(s);
            } else {
                staff.release(s);
            }
        }
    }
}
