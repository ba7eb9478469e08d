package booth.packaging;

import static booth.testing.Commands.assertPassed;
import static booth.testing.Commands.present;
import static booth.testing.Commands.run;

import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Commands.Ran;
import booth.testing.TestBoxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package on a booted Debian 12 machine (13 by hand) where systemd is PID 1 (packaging/test-booted-pi on
 * packaging/pi-vm, QEMU's plain emulation), its root read-only under an overlay, writing to the CI
 * cluster through forwards that leave the nodes' loopback addresses unchanged inside it: started
 * by systemctl to its first write (Type=notify), a reset and a key it shows leaving nothing on the
 * root but the journal's files; the ui thread alone hung, and the daemon restarted; with the daemon stopped and
 * with it exited 78, short presses of the power and reboot keys ignored, their holds powering
 * the machine off and rebooting it; polkit refusing a staff account's power-off and reboot and
 * allowing the daemon's user's; the sandbox scored, no system call refused; an upgrade keeping
 * the edited configuration, one over a bad configuration failing loudly, and a purge leaving
 * nothing. One round, and no minutes more of writes before the state is saved, in CI;
 * {@code -Dbooth.booted-pi.rounds=10 -Dbooth.booted-pi.minutes=10} runs ten and ten (docs/booted-pi.md).
 * .ci/run installs qemu-system-x86, qemu-utils and mmdebstrap; the image is made once per machine.
 */
@ExtendWith(CassandraClusterExtension.class)
class BootedPiIT {
    private static final int ROUNDS = Integer.getInteger("booth.booted-pi.rounds", 1);
    private static final int MINUTES = Integer.getInteger("booth.booted-pi.minutes", 0);
    /** Debian 12 (Raspberry Pi OS 12's base) in CI; {@code -Dbooth.booted-pi.suite=trixie} for 13's, by hand. */
    private static final String SUITE = System.getProperty("booth.booted-pi.suite", "bookworm");
    private final CassandraCluster it;

    BootedPiIT(CassandraCluster it) {
        this.it = it;
    }

    @Test
    void theDaemonIsSupervisedAndTheStaffKeysWorkWithoutIt(@TempDir Path dir) throws Exception {
        present("mmdebstrap", "mmdebstrap");
        present("qemu-system-x86_64", "qemu-system-x86");
        present("qemu-img", "qemu-utils");
        Path conf = dir.resolve("booth.conf");
        Files.writeString(conf, TestBoxes.configuration("booted-pi", "LOCAL_QUORUM", "headless",
                "/run/booth/control.sock", "hardware { kernel-keys = on }"));
        Path deb = DebianPackageIT.thePackage();
        // the next release: this tree's package at a higher version, for the upgrade
        String next = DebianPackageIT.version(deb) + "+next";
        List<String> command = new ArrayList<>(List.of("packaging/test-booted-pi", "--rounds", String.valueOf(ROUNDS),
                "--minutes", String.valueOf(MINUTES),
                "--next", DebianPackageIT.packageAt(next, dir).toString(), SUITE, deb.toString(), conf.toString()));
        it.topology().nodes().forEach(n -> command.add(n.address().getHostAddress() + ":9042"));
        // the image is made on a machine's first run (about 2 min)
        Ran r = run(Duration.ofMinutes(12 + 5L * ROUNDS + MINUTES), command.toArray(String[]::new));
        assertPassed(r, List.of("ok - booted, its root read-only under an overlay", "ok - apt-get install ./booth-daemon.deb",
                "ok - systemctl start returned", "ok - democtl reset --truncate, and writing again",
                "ok - a 2 s press of the power key seen by the daemon",
                "ok - systemd-analyze security booth-daemon.service: ", "ok - nothing of the daemon's written on the read-only root",
                "ok - installed, started, writing, reset, a key and " + MINUTES + " min more: no system call refused",
                "ok - the machine's state saved",
                "ok - [1] restored, hung, restarted, writing: no system call refused",
                "ok - [1] the ui thread alone hung: the daemon ended",
                "ok - [1] the daemon stopped: short presses of the power and reboot keys heard by logind and ignored",
                "ok - [1] the daemon stopped: the power key held 7 s: power-off",
                "ok - [1] the daemon stopped: the reboot key held 7 s: reboot",
                "ok - [1]: the daemon exited 78 naming write-level",
                "ok - [1] the daemon exited 78: short presses",
                "ok - [1] the daemon exited 78: the power key held 7 s: power-off",
                "ok - [1] the daemon exited 78: the reboot key held 7 s: reboot",
                "ok - polkit: staff's systemctl poweroff and reboot refused",
                "ok - polkit: booth's systemctl poweroff allowed: the machine off",
                "ok - upgrade to " + next + ": the edited configuration kept, the daemon restarted and writing",
                "ok - upgrade over a bad configuration: apt warned", "ok - purge: none of the package's",
                "ok - all " + ROUNDS + " round(s) passed"));
    }
}
