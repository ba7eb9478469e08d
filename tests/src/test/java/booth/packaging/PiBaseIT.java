package booth.packaging;

import static booth.testing.Commands.assertPassed;
import static booth.testing.Commands.present;
import static booth.testing.Commands.run;

import booth.testing.Commands.Ran;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package on the client Pi's own platform, emulated: packaging/test-pi-base installs it with
 * apt in a throw-away Debian 13 (trixie) arm64 root, Raspberry Pi OS 13's base with its Java 21,
 * run through qemu-user-static with no network at all, and checks there: the class-data archive
 * made at install and mapped, booth-daemon --version, democtl --help, plate-check --virtual, the
 * daemon headless against no cluster (keeps running, connecting; SIGTERM stops it) and hardware
 * mode without a device (exit 1, one line). Debian 12 arm64 and armhf are the same script by hand
 * (hardware/README.md). .ci/run installs qemu-user-static and mmdebstrap.
 */
class PiBaseIT {
    @Test
    void thePackageInstallsAndRunsOnRaspberryPiOs13Arm64() throws Exception {
        present("mmdebstrap", "mmdebstrap");
        present("qemu-aarch64-static", "qemu-user-static");
        Path deb = DebianPackageIT.thePackage();
        // the first run on a machine makes the root too (about 4 min here, emulated)
        Ran r = run(Duration.ofMinutes(25), "packaging/test-pi-base", "trixie", "arm64", deb.toString());
        assertPassed(r, List.of("ok - apt-get install: installed, the class-data archive made and mapped",
                "ok - booth-daemon --version", "ok - plate-check --virtual: the virtual plate answered every check",
                "ok - headless, no cluster: democtl status answers, connecting", "ok - headless: still connecting 5 s on",
                "ok - hardware mode, no device: exit 1 and one line"));
    }
}
