package booth.hal.staff;

import booth.hal.PollingThread;
import booth.hal.StaffButton;
import booth.hal.Ticker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff buttons that the kernel owns and reports as keys: on a client Pi the PiTFT's power-off
 * and reboot buttons, which the boot configuration gives to gpio-keys as KEY_POWER and
 * KEY_RESTART so that logind powers off or reboots after a hold whether or not the daemon runs
 * (hardware/README.md). The daemon only watches them, to show the hold's count-down: it reads
 * every input device ({@code /dev/input/event*}) without grabbing it (logind must still see the
 * keys), and looks each few seconds for devices that appeared since.
 *
 * <p>A device that fails or goes away releases its keys, as does the kernel's "events dropped"
 * (SYN_DROPPED): a hold is never completed from a state the daemon did not see.
 */
public final class KernelKeys implements StaffLines {
    /** linux/input-event-codes.h: the keys gpio-keys reports for the PiTFT's two buttons. */
    public static final int KEY_POWER = 116;
    public static final int KEY_RESTART = 408;
    /** The PiTFT's buttons the kernel owns, by key code. */
    public static final Map<Integer, StaffButton> PITFT = Map.of(KEY_POWER, StaffButton.POWER_OFF,
            KEY_RESTART, StaffButton.REBOOT);

    /** How often the directory is looked at for new devices. */
    static final Duration SCAN_PERIOD = Duration.ofSeconds(2);

    private static final int EV_SYN = 0;
    private static final int EV_KEY = 1;
    private static final int SYN_DROPPED = 3;

    private static final Logger log = LoggerFactory.getLogger(KernelKeys.class);

    private final Path directory;
    private final Map<Integer, StaffButton> keys;
    private final int eventSize;
    /** The open devices and the staff keys down on each. */
    private final Map<Path, Device> devices = new ConcurrentHashMap<>();
    /**
     * Devices (by the file's identity, not its name: the kernel reuses names) that could not be
     * opened or have ended: said once each, never opened again.
     */
    private final Set<Object> done = ConcurrentHashMap.newKeySet();
    /** Devices (by identity) this process may not read yet: said once, tried at every scan. */
    private final Set<Object> refused = ConcurrentHashMap.newKeySet();
    private boolean listFailed;
    private final PollingThread scanner;

    /**
     * Watches the input devices in {@code directory} for {@code keys} (key code to button).
     *
     * @param eventSize the kernel's {@code struct input_event} for this process: 24 bytes for a
     *                  64-bit process, 16 for a 32-bit one (its time is two longs)
     */
    public KernelKeys(Path directory, Map<Integer, StaffButton> keys, int eventSize, Ticker ticker) {
        if (eventSize != 16 && eventSize != 24) {
            throw new IllegalArgumentException("struct input_event is 16 or 24 bytes, not " + eventSize);
        }
        this.directory = directory;
        this.keys = Map.copyOf(keys);
        this.eventSize = eventSize;
        this.scanner = new PollingThread("staff-keys", SCAN_PERIOD, ticker, this::scan);
        scanner.start();
    }

    /** The PiTFT's keys on {@code /dev/input}, with this JVM's event size. */
    public static KernelKeys pitft(Ticker ticker) {
        int size = "32".equals(System.getProperty("sun.arch.data.model")) ? 16 : 24;
        return new KernelKeys(Path.of("/dev/input"), PITFT, size, ticker);
    }

    @Override
    public Set<StaffButton> down() {
        Set<StaffButton> down = EnumSet.noneOf(StaffButton.class);
        devices.values().forEach(d -> down.addAll(d.down));
        return down;
    }

    /** The devices being read now (for tests and the log). */
    public Set<Path> devices() {
        return Set.copyOf(devices.keySet());
    }

    private void scan() {
        try (DirectoryStream<Path> events = Files.newDirectoryStream(directory, "event*")) {
            listFailed = false;
            for (Path p : events) {
                if (!devices.containsKey(p)) {
                    open(p);
                }
            }
        } catch (IOException e) {
            if (!listFailed) {
                listFailed = true;
                log.warn("staff keys: cannot list {}: {}", directory, e.getMessage());
            }
        }
    }

    private void open(Path p) {
        Object identity;
        try {
            identity = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return; // gone between the listing and now
        }
        if (done.contains(identity)) {
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            // a new device's node is root's until udev gives it to group input, which a scan can
            // see first (the booted Pi's test once did: its key device was never read): tried
            // again at every scan, said once
            if (refused.add(identity)) {
                log.warn("staff keys: may not read {} yet; trying again every {} s", p, SCAN_PERIOD.toSeconds());
            }
            return;
        } catch (IOException e) {
            done.add(identity);
            log.warn("staff keys: cannot read {} ({}); its keys are not watched", p, e.getMessage());
            return;
        }
        log.info("staff keys: watching {}", p);
        Device d = new Device(p, identity, channel);
        devices.put(p, d);
        Thread t = new Thread(d::read, "staff-keys " + p.getFileName());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        scanner.close();
        devices.values().forEach(Device::close);
        devices.clear();
    }

    /** One input device, read on a thread of its own until it fails or is closed. */
    private final class Device {
        final Path path;
        final Object identity;
        final FileChannel channel;
        final Set<StaffButton> down = ConcurrentHashMap.newKeySet();

        Device(Path path, Object identity, FileChannel channel) {
            this.path = path;
            this.identity = identity;
            this.channel = channel;
        }

        void read() {
            ByteBuffer buffer = ByteBuffer.allocate(eventSize * 64).order(ByteOrder.LITTLE_ENDIAN);
            String end = "end of file";
            try {
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.remaining() >= eventSize) {
                        event(buffer.slice(buffer.position(), eventSize).order(ByteOrder.LITTLE_ENDIAN));
                        buffer.position(buffer.position() + eventSize);
                    }
                    buffer.compact();
                }
            } catch (IOException e) {
                end = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            down.clear();
            done.add(identity);
            if (devices.remove(path, this)) {
                log.info("staff keys: {} gone ({})", path, end);
            }
            close();
        }

        /** One {@code struct input_event}: the time (ignored), then type, code and value. */
        private void event(ByteBuffer e) {
            int type = Short.toUnsignedInt(e.getShort(eventSize - 8));
            int code = Short.toUnsignedInt(e.getShort(eventSize - 6));
            int value = e.getInt(eventSize - 4);
            if (type == EV_SYN && code == SYN_DROPPED) {
                down.clear();
                return;
            }
            StaffButton b = type == EV_KEY ? keys.get(code) : null;
            if (b == null) {
                return;
            }
            if (value == 1) {
                down.add(b);
            } else if (value == 0) {
                down.remove(b);
            }
            // 2 is the kernel's auto-repeat of a key still down: nothing changes
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a device that failed: nothing more to say
            }
        }
    }
}
