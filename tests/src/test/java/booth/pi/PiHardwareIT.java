package booth.pi;

import static booth.testing.Commands.present;
import static booth.testing.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.chaos.LcdJudge;
import booth.chaos.Observed;
import booth.chaos.TruthChecker;
import booth.hal.Backlight;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateView;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.TraceReplay;
import booth.hal.staff.KernelKeys;
import booth.hal.virtual.VirtualPlate;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Commands.Ran;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardware mode end to end on the client Pi's own platform, without a Pi: the daemon (the
 * package's jar) runs in a Debian 13 arm64 root (Raspberry Pi OS 13's base, Java 21; another
 * base with {@code -Dbooth.pi.base}) under qemu-user, in hardware mode, writing to the CI cluster; Pi4J's own providers and native
 * libraries (linuxfs-i2c, gpiod with its bundled libgpiod) open /dev/i2c-1 and the GPIO chips,
 * and their system calls are answered by {@link PiDevices} through the preload library
 * (tests/src/test/native). Pi4J sees a Raspberry Pi 4, then a Pi 5 (whose header's chip is not
 * the first: it is found by its label).
 *
 * <p>In each: the plate is set up and shows the write page; a visitor's key changes the level;
 * the four PiTFT buttons are read (restart the display and reset the demo on GPIO lines; a reboot
 * hold let go early and a power-off hold that runs its command on the kernel's keys, a named
 * pipe as {@code /dev/input/event0}); the plate pulled off the bus and put back is
 * set up again; the daemon stops on SIGTERM. The plate's traffic, recorded at the fake device,
 * replays through the virtual chips without a protocol or timing mistake, and every outcome
 * line's screen is one the LCD held ({@link LcdJudge}, the chaos hour's judge). A register that
 * reads back wrong, planted in the model, is caught by the live chips (the replay answers every
 * read itself, as the chip it models would: it judges what the driver wrote, not what it read).
 * .ci/run installs qemu-user-static, mmdebstrap and gcc-aarch64-linux-gnu; the root is made
 * once per machine (packaging/pi-root).
 */
@ExtendWith(CassandraClusterExtension.class)
class PiHardwareIT {
    /**
     * The base: Debian 13 arm64 in CI; {@code -Dbooth.pi.base=bookworm-arm64} or
     * {@code bookworm-armhf} runs the same on Raspberry Pi OS 12's (by hand: hardware/README.md).
     */
    private static final String BASE = System.getProperty("booth.pi.base", "trixie-arm64");
    private static final String SUITE = BASE.replaceAll("-.*", ""), ARCH = BASE.replaceAll(".*-", "");
    /** The cross compiler for ARCH's preload library (Debian's package gcc-TRIPLET). */
    private static final String GCC = ARCH.equals("armhf") ? "arm-linux-gnueabihf-gcc" : "aarch64-linux-gnu-gcc";
    /** The staff buttons on GPIO lines the daemon requests (BCM), the defaults; 17 and 22 are the kernel's keys. */
    private static final int RESTART_DISPLAY = 23, RESET_DEMO = 27;
    /** {@code struct input_event} for the root's JVM: two longs of time, then 8 bytes. */
    private static final int EVENT_SIZE = ARCH.equals("armhf") ? 16 : 24;
    /** Under emulation a JVM starts in tens of seconds and a busy CI machine slows it more. */
    private static final Duration START = Duration.ofMinutes(5), STEP = Duration.ofSeconds(60);
    private static final int IOCON_BANK1_ADDRESS = 0x05;

    private static Path preload;

    private final CassandraCluster it;
    @TempDir
    Path dir;

    PiHardwareIT(CassandraCluster it) {
        this.it = it;
    }

    @BeforeAll
    static void buildThePreloadLibrary(@TempDir Path build) throws Exception {
        present("mmdebstrap", "mmdebstrap");
        present(ARCH.equals("armhf") ? "qemu-arm-static" : "qemu-aarch64-static", "qemu-user-static");
        present(GCC, "gcc-" + GCC.replace("-gcc", ""));
        preload = build.resolve("pi-devices.so");
        Ran built = run(Duration.ofSeconds(120), GCC, "-std=gnu11", "-Wall", "-Wextra", "-Werror",
                "-O2", "-shared", "-fPIC", "-o", preload.toString(), "tests/src/test/native/pi-devices-preload.c",
                "-ldl", "-lpthread");
        assertEquals(0, built.exit(), built.output());
    }

    @Test
    void aPi4() throws Exception {
        try (Booth booth = Booth.start(PiBoard.PI_4, dir, preload, "pi4", "LOCAL_QUORUM", true)) {
            exercise(booth, KernelKeys.KEY_POWER, true);
        }
    }

    @Test
    void aPi5() throws Exception {
        try (Booth booth = Booth.start(PiBoard.PI_5, dir, preload, "pi5", "LOCAL_QUORUM", true)) {
            exercise(booth, KernelKeys.KEY_POWER, false);
        }
    }

    /**
     * A daemon that cannot run says why on the plate before it exits, where systemd leaves it:
     * the configuration's wrong key (exit 78), then, with the configuration right, the GPIO chips
     * missing (exit 1). The plate keeps the words after the process has gone.
     */
    @Test
    void whyTheDaemonCannotRunIsOnThePlate() throws Exception {
        lastWords("badconf", "NOT_A_LEVEL", true, 78, "Config error", "write-level");
        lastWords("nogpio", "LOCAL_QUORUM", false, 1, "Cannot start", "GPIO buttons");
    }

    /** A daemon started as {@code name} must exit {@code status} leaving {@code top} / {@code bottom} in red. */
    private void lastWords(String name, String writeLevel, boolean gpioChips, int status, String top, String bottom)
            throws Exception {
        try (Booth booth = Booth.start(PiBoard.PI_4, Files.createDirectory(dir.resolve(name)), preload, name, writeLevel,
                gpioChips)) {
            assertEquals(status, booth.exitWithin(START), name + ": the daemon's exit " + booth.seen());
            PlateView v = booth.devices.plate().view();
            assertEquals(List.of(top, bottom, Backlight.RED), List.of(v.top().strip(), v.bottom().strip(), v.backlight()),
                    name + ": the plate after the exit " + booth.seen());
        }
    }

    /**
     * The whole visit: what a visitor and staff do, the plate pulled and put back, then the
     * verdicts; with {@code plant}, then a register made to read back wrong, which must be caught.
     */
    private void exercise(Booth booth, int holdKey, boolean plant) throws Exception {
        PiDevices devices = booth.devices;
        VirtualPlate plate = devices.plate();
        List<Instant> changedByTest = new ArrayList<>();

        await("the plate set up and the write page drawn", booth, START,
                () -> plate.view().top().startsWith("W:") && plate.view().backlight() != Backlight.OFF);
        // 17 and 22 are the kernel's (gpio-keys, from the boot configuration): never requested
        await("the two staff lines requested from " + booth.board.header(), booth, STEP,
                () -> devices.requestedLines().keySet().equals(Set.of(RESTART_DISPLAY, RESET_DEMO)));
        await("three outcomes", booth, START, () -> booth.outcomes().size() >= 3);

        // a visitor: UP on the write page, the next level
        String level = levelShown(plate.view());
        changedByTest.add(Instant.now());
        tapKey(booth, KeypadButton.UP);
        await("the level after " + level + " shown", booth, STEP,
                () -> !levelShown(plate.view()).equals(level) && plate.view().top().startsWith("W:"));
        changedByTest.add(Instant.now());
        String next = levelShown(plate.view());
        await("an outcome at " + next, booth, STEP, () -> booth.outcomes().stream().anyMatch(o -> o.writeLevel().equals(next)));

        // staff: restart the display (the plate set up again: IOCON asked where it is)
        long setUps = devices.reads(IOCON_BANK1_ADDRESS);
        changedByTest.add(Instant.now());
        tapButton(booth, RESTART_DISPLAY);
        await("the plate set up again by button " + RESTART_DISPLAY, booth, STEP,
                () -> devices.reads(IOCON_BANK1_ADDRESS) > setUps && plate.view().top().startsWith("W:"));
        changedByTest.add(Instant.now());
        // reset the demo: the levels back to the configuration's
        tapButton(booth, RESET_DEMO);
        await("the demo reset to " + level + " by button " + RESET_DEMO, booth, STEP, () -> levelShown(plate.view()).equals(level));
        changedByTest.add(Instant.now());
        // a reboot hold let go early, on the kernel's key: its count-down shown, then cancelled
        booth.keys.key(KernelKeys.KEY_RESTART, true);
        await("the reboot hold's count-down", booth, STEP, () -> plate.view().text().contains("Reboot"));
        booth.keys.key(KernelKeys.KEY_RESTART, false);
        await("the write page back after the hold let go", booth, STEP, () -> plate.view().top().startsWith("W:"));
        changedByTest.add(Instant.now());

        // the plate pulled off the bus, then put back: set up again, the page redrawn
        Instant unplugged = Instant.now();
        pullAndPutBack(booth);
        await("the plate set up again and the write page redrawn", booth, STEP,
                () -> plate.view().top().startsWith("W:") && plate.view().backlight() != Backlight.OFF);
        Instant healed = Instant.now();

        // power off: a hold of 5 s runs the configured command (here: a file made)
        Path poweredOff = booth.root.resolve("run/powered-off");
        Instant end = Instant.now();
        booth.keys.key(holdKey, true);
        await("the power-off command run by a hold of key " + holdKey, booth, STEP, () -> Files.exists(poweredOff));
        booth.keys.key(holdKey, false);

        // the verdicts on the clean part
        assertEquals(List.of(), devices.refused(), "what the model was asked and does not know");
        assertEquals(List.of(), plate.mistakes(), "protocol and timing mistakes the live chips saw");
        Path clean = dir.resolve("clean.jsonl");
        devices.copyRecording(clean);
        long cleanBytes = Files.size(clean);
        assertEquals(List.of(), TraceReplay.replay(clean, I2cSpeed.STANDARD, PlatePolarity.ADAFRUIT).mistakes(),
                "mistakes in the recorded traffic, replayed");
        List<Observed> outcomes = booth.outcomes().stream()
                .filter(o -> o.at().isBefore(unplugged) || o.at().isAfter(healed)).filter(o -> o.at().isBefore(end)).toList();
        assertTrue(outcomes.size() >= 5, "outcomes to judge: " + outcomes.size());
        List<TruthChecker.Lie> lies = LcdJudge.judge(booth.name, outcomes,
                TraceReplay.screens(clean, I2cSpeed.STANDARD, PlatePolarity.ADAFRUIT), changedByTest);
        assertEquals(List.of(), lies, "outcome lines whose screen the LCD never held");
        System.out.printf("%s on %s: %d I2C transactions (%d KiB recorded), %d outcomes judged, %d lines requested%n",
                booth.name, BASE, devices.transactions(), cleanBytes / 1024, outcomes.size(), devices.requestedLines().size());

        if (plant) {
            // IOCON read back with BANK set, then the plate pulled and put back as above (the chip
            // at its power-on BANK = 0): the driver, setting it up again, takes it for the other
            // layout. The same pull without the fault was clean.
            devices.answerWrongly(IOCON_BANK1_ADDRESS, 0x80);
            long before = devices.reads(IOCON_BANK1_ADDRESS);
            pullAndPutBack(booth);
            await("the planted fault read", booth, STEP, () -> devices.reads(IOCON_BANK1_ADDRESS) > before);
            await("the live chips to catch the planted fault", booth, STEP, () -> !plate.mistakes().isEmpty());
            System.out.printf("%s: the planted fault caught by the live chips: %s (%d mistakes)%n", booth.name,
                    plate.mistakes().get(0), plate.mistakes().size());
        }
        assertEquals(143, booth.stop(), "the daemon's status after SIGTERM (the unit's SuccessExitStatus)");
    }

    /** The plate pulled off the bus until the daemon's transactions fail, then put back (at its power-on state). */
    private static void pullAndPutBack(Booth booth) {
        PiDevices devices = booth.devices;
        long failedBefore = devices.failed();
        devices.plate().unplug();
        await("the daemon's transactions failing with the plate gone", booth, STEP, () -> devices.failed() >= failedBefore + 3);
        devices.plate().plugIn();
    }

    /** The level on the write page's top row ("W:" and the level's name in 12 columns). */
    private static String levelShown(PlateView v) {
        return v.top().startsWith("W:") ? v.top().substring(2, 14).strip() : "";
    }

    /** A key held for three of the driver's key reads, then let go for three more: one tap, however slow. */
    private static void tapKey(Booth booth, KeypadButton key) {
        VirtualPlate plate = booth.devices.plate();
        plate.press(key);
        awaitAdvance(booth, "the " + key + " key held", plate::reads);
        plate.release(key);
        awaitAdvance(booth, "the " + key + " key let go", plate::reads);
    }

    /** A staff button down for three of the daemon's reads of its line, then up for three more. */
    private static void tapButton(Booth booth, int line) throws IOException {
        booth.devices.press(line);
        awaitAdvance(booth, "button " + line + " held", () -> booth.devices.lineReads(line));
        booth.devices.release(line);
        awaitAdvance(booth, "button " + line + " let go", () -> booth.devices.lineReads(line));
    }

    private static void awaitAdvance(Booth booth, String what, Supplier<Long> count) {
        long from = count.get();
        await(what + " for three reads", booth, STEP, () -> count.get() >= from + 3);
    }

    /** Polls until {@code condition}; on giving up, says what the plate and the daemon show then. */
    private static void await(String what, Booth booth, Duration limit, BooleanSupplier condition) {
        Polling.until(() -> what + " " + booth.seen(), limit, condition);
    }

    /** The daemon in its emulated root with the faked devices: started, watched, stopped. */
    private static final class Booth implements AutoCloseable {
        final PiBoard board;
        final String name;
        final Path root;
        final Path recording;
        final PiDevices devices;
        final InputDevice keys;
        final Path log;
        private final Process process;
        private Integer status;

        private Booth(PiBoard board, String name, Path root, Path recording, PiDevices devices, InputDevice keys, Path log,
                      Process process) {
            this.board = board;
            this.name = name;
            this.root = root;
            this.recording = recording;
            this.devices = devices;
            this.keys = keys;
            this.log = log;
            this.process = process;
        }

        /** With {@code gpioChips} false the root's /dev has no GPIO chip (a Pi whose GPIO the daemon cannot open). */
        static Booth start(PiBoard board, Path dir, Path preload, String name, String writeLevel, boolean gpioChips)
                throws Exception {
            Path root = Files.createDirectory(dir.resolve("root"));
            Ran unpacked = run(Duration.ofMinutes(20), "packaging/pi-root", "unpack", SUITE, ARCH, root.toString());
            assertEquals(0, unpacked.exit(), unpacked.output());
            Files.createDirectories(root.resolve("opt/booth"));
            Files.copy(Path.of("target/booth.jar"), root.resolve("opt/booth/booth.jar"));
            Files.createDirectories(root.resolve("usr/local/lib"));
            Files.copy(preload, root.resolve("usr/local/lib/pi-devices.so"));
            Path pi = Files.createDirectories(root.resolve("run/pi"));
            Files.writeString(pi.resolve("model"), board.model() + "\0");
            Files.writeString(pi.resolve("cpuinfo"), board.cpuinfo());
            // the kernel's gpio-keys: a named pipe as the root's /dev/input/event0
            InputDevice keys = new InputDevice(Files.createDirectory(dir.resolve(name + "-input")).resolve("event0"), EVENT_SIZE);
            // what libgpiod checks before it believes a chip (its /sys entry names the device's numbers),
            // and what Pi4J checks of the bus
            List<String> command = new ArrayList<>(List.of("packaging/pi-root", "run", "--host-network",
                    "--device", "i2c-1:89:1", "--bind", keys.path.getParent() + ":/dev/input"));
            Files.createDirectories(root.resolve("sys/bus/i2c/devices/i2c-1"));
            for (int i = 0; gpioChips && i < board.chips().size(); i++) {
                PiBoard.Chip chip = board.chips().get(i);
                Path sys = Files.createDirectories(root.resolve("sys/bus/gpio/devices/" + chip.name()));
                Files.writeString(sys.resolve("dev"), "254:" + i + "\n");
                command.addAll(List.of("--device", chip.name() + ":254:" + i));
            }
            Files.writeString(root.resolve("run/booth.conf"), TestBoxes.configuration(name, writeLevel, "hardware",
                    "/run/booth.sock", "staff { power-off-command = [touch, /run/powered-off], reboot-command = [touch, /run/rebooted] }"));
            Path recording = dir.resolve(name + "-bus.jsonl");
            PiDevices devices = new PiDevices(board, pi.resolve("devices.sock"), recording);
            command.addAll(List.of(ARCH, root.toString(), "--", "env", "LD_PRELOAD=/usr/local/lib/pi-devices.so",
                    "PI_DEVICES_SOCKET=/run/pi/devices.sock", "PI_DEVICES_MODEL=/run/pi/model",
                    "PI_DEVICES_CPUINFO=/run/pi/cpuinfo",
                    // the package's options (daemon/bin/booth-daemon)
                    "java", "-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/opt/booth/booth.jar",
                    "--config", "/run/booth.conf", "--outcomes", "/run/outcomes.jsonl"));
            Path log = dir.resolve(name + "-daemon.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Booth(board, name, root, recording, devices, keys, log, process);
        }

        /** Every outcome line so far. */
        List<Observed> outcomes() {
            Path file = root.resolve("run/outcomes.jsonl");
            try {
                if (!Files.exists(file)) {
                    return List.of();
                }
                return Files.readAllLines(file).stream().filter(l -> l.endsWith("}")).map(l -> Observed.parse(name, l)).toList();
            } catch (IOException e) {
                throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** What the plate and the daemon show now, for a message. */
        String seen() {
            String tail;
            try {
                List<String> lines = Files.readAllLines(log);
                tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                tail = "(no log: " + e.getMessage() + ")";
            }
            return "(screen: " + devices.plate().view().text() + " " + devices.plate().view().backlight()
                    + (process.isAlive() ? "" : "; the daemon exited " + process.exitValue()) + "; its log ends:\n" + tail + "\n)";
        }

        /** The daemon's status once it has exited by itself, within {@code limit}. */
        int exitWithin(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the daemon did not exit within " + limit.toSeconds() + " s " + seen());
            }
            status = process.exitValue();
            return status;
        }

        /** Stops the daemon with SIGTERM, as systemd does; its status. */
        int stop() throws InterruptedException {
            if (status == null) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    throw new AssertionError("the daemon did not stop within 2 min of SIGTERM " + seen());
                }
                status = process.exitValue();
            }
            return status;
        }

        @Override
        public void close() throws IOException {
            // on failure too: nothing of the run may stay. SIGTERM first, so that pi-root takes down
            // what it set up (its binfmt_misc entry); then whatever is left, killed.
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            try {
                stop();
            } catch (AssertionError | InterruptedException e) {
                System.out.println(name + ": " + e.getMessage());
            } finally {
                all.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                devices.close();
                keys.close();
                // the root's symbolic links point out of the temporary directory, which JUnit warns of, each
                try {
                    run(Duration.ofMinutes(2), "rm", "-rf", root.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The kernel's gpio-keys device as the daemon reads it: {@code struct input_event}s from
     * {@code /dev/input/event0}, here a named pipe the test writes. Its writing end is opened at
     * the first key (the open waits for the daemon's, which looks every 2 s).
     */
    private static final class InputDevice implements AutoCloseable {
        final Path path;
        private final int size;
        private OutputStream kernel;

        InputDevice(Path path, int size) throws IOException, InterruptedException {
            this.path = path;
            this.size = size;
            Ran made = run(Duration.ofSeconds(10), "mkfifo", path.toString());
            assertEquals(0, made.exit(), made.output());
        }

        /** KEY code pressed or released, then the report's end (EV_SYN), as gpio-keys reports it. */
        void key(int code, boolean down) throws Exception {
            if (kernel == null) {
                var opened = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new FileOutputStream(path.toFile());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try {
                    kernel = opened.get(STEP.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    new FileInputStream(path.toFile()).close(); // lets the waiting open finish
                    throw new AssertionError("the daemon did not open " + path + " within " + STEP.toSeconds() + " s");
                }
            }
            ByteBuffer b = ByteBuffer.allocate(2 * size).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort(size - 8, (short) 1).putShort(size - 6, (short) code).putInt(size - 4, down ? 1 : 0);
            kernel.write(b.array());
            kernel.flush();
        }

        @Override
        public void close() throws IOException {
            if (kernel != null) {
                kernel.close();
            }
        }
    }
}
