package booth.hal.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.hal.StaffButton;
import booth.hal.Ticker;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's keys read as the evdev interface gives them: {@code struct input_event}s from a
 * character device. A named pipe stands in for the device: it blocks a read until events come
 * and ends when its writer closes, as a device ends when it is unplugged.
 */
@Timeout(60)
class KernelKeysTest {
    private static final int KEY_A = 30;
    private static final int EV_SYN = 0;
    private static final int EV_KEY = 1;
    private static final int EV_MSC = 4;

    @TempDir
    Path dir;

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor(), "mkfifo " + p);
        return p;
    }

    /** One event as the kernel writes it for a process whose event is {@code size} bytes. */
    private static byte[] event(int size, int type, int code, int value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 1_765_000_000L); // the time: ignored
        b.putShort(size - 8, (short) type).putShort(size - 6, (short) code).putInt(size - 4, value);
        return b.array();
    }

    private static void until(String what, Supplier<Object> actual, Object expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!expected.equals(actual.get())) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, actual.get(), what + " within 20 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aPowerKeyIsDownFromItsPressToItsReleaseAndOtherKeysAreNotStaffButtons() throws Exception {
        Path device = fifo("event3");
        try (KernelKeys keys = new KernelKeys(dir, KernelKeys.PITFT, 24, Ticker.SYSTEM);
             OutputStream kernel = new FileOutputStream(device.toFile())) {
            kernel.write(event(24, EV_KEY, KEY_A, 1));
            kernel.write(event(24, EV_MSC, KernelKeys.KEY_POWER, 1)); // a scan code, not a key
            kernel.write(event(24, EV_SYN, 0, 0));
            kernel.write(event(24, EV_KEY, KernelKeys.KEY_POWER, 1));
            kernel.write(event(24, EV_SYN, 0, 0));
            kernel.flush();
            until("the power key down", keys::down, Set.of(StaffButton.POWER_OFF));
            kernel.write(event(24, EV_KEY, KernelKeys.KEY_POWER, 2)); // auto-repeat: still down
            kernel.write(event(24, EV_KEY, KernelKeys.KEY_RESTART, 1));
            kernel.flush();
            until("both down", keys::down, Set.of(StaffButton.POWER_OFF, StaffButton.REBOOT));
            kernel.write(event(24, EV_KEY, KernelKeys.KEY_POWER, 0));
            kernel.flush();
            until("the power key released", keys::down, Set.of(StaffButton.REBOOT));
        }
    }

    @Test
    void aThirtyTwoBitProcessReadsSixteenByteEvents() throws Exception {
        Path device = fifo("event0");
        try (KernelKeys keys = new KernelKeys(dir, KernelKeys.PITFT, 16, Ticker.SYSTEM);
             OutputStream kernel = new FileOutputStream(device.toFile())) {
            // split across writes: an event may arrive in pieces
            byte[] press = event(16, EV_KEY, KernelKeys.KEY_RESTART, 1);
            kernel.write(press, 0, 5);
            kernel.flush();
            kernel.write(press, 5, 11);
            kernel.flush();
            until("the reboot key down", keys::down, Set.of(StaffButton.REBOOT));
        }
    }

    @Test
    void droppedEventsOrADeviceThatEndsReleaseItsKeysAndAnEndedDeviceIsNotOpenedAgain() throws Exception {
        Path device = fifo("event1");
        try (KernelKeys keys = new KernelKeys(dir, KernelKeys.PITFT, 24, Ticker.SYSTEM)) {
            try (OutputStream kernel = new FileOutputStream(device.toFile())) {
                kernel.write(event(24, EV_KEY, KernelKeys.KEY_POWER, 1));
                kernel.flush();
                until("the power key down", keys::down, Set.of(StaffButton.POWER_OFF));
                kernel.write(event(24, EV_SYN, 3, 0)); // SYN_DROPPED: the state is not known
                kernel.flush();
                until("released by SYN_DROPPED", keys::down, Set.of());
                kernel.write(event(24, EV_KEY, KernelKeys.KEY_POWER, 1));
                kernel.flush();
                until("the power key down again", keys::down, Set.of(StaffButton.POWER_OFF));
                assertEquals(Set.of(device), keys.devices());
            }
            until("the ended device dropped", keys::devices, Set.of());
            assertEquals(Set.of(), keys.down(), "its keys released");
            // A new device under another name is found; the ended one (same file) is not reopened,
            // which here would block the scan on the pipe for ever.
            Path next = fifo("event2");
            try (OutputStream kernel = new FileOutputStream(next.toFile())) {
                kernel.write(event(24, EV_KEY, KernelKeys.KEY_RESTART, 1));
                kernel.flush();
                until("the new device's key down", keys::down, Set.of(StaffButton.REBOOT));
                assertEquals(Set.of(next), keys.devices());
            }
        }
    }

    @Test
    void anEventSizeTheKernelNeverUsesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KernelKeys(dir, KernelKeys.PITFT, 20, Ticker.SYSTEM));
    }
}
