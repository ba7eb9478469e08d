package booth.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import booth.protocol.command.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit file as systemd reads it: {@code systemd-analyze verify} must accept it without a
 * single warning (it reports unknown keys as warnings and still exits 0). .ci/run installs
 * systemd where systemd-analyze is missing.
 */
class SystemdUnitTest {
    @TempDir
    Path dir;

    private record Verified(int exit, String output) {
    }

    /** Verifies the unit with its ExecStart pointed at a stand-in program (the real one is not installed here). */
    private Verified verify(String unit) throws IOException, InterruptedException {
        Path program = dir.resolve("booth-daemon");
        Files.writeString(program, "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("booth-daemon.service");
        Files.writeString(file, unit.replace("/usr/bin/booth-daemon", program.toString()));
        // --man=no: the unit's Documentation= pages come with the package, not on this machine;
        // packaging/test-deb verifies the installed unit with them (DebianPackageIT)
        Process p = new ProcessBuilder("systemd-analyze", "verify", "--man=no", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Verified(p.waitFor(), output);
    }

    private static boolean analyzerPresent() {
        try {
            return new ProcessBuilder("systemd-analyze", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theDaemonsUnitPassesVerifyWithoutAWarning() throws Exception {
        assumeTrue(analyzerPresent(), "systemd-analyze is not installed (.ci/run installs it)");
        Verified v = verify(Files.readString(Path.of("systemd/booth-daemon.service")));
        assertEquals(new Verified(0, ""), v);
    }

    @Test
    void aMisspelledDirectiveWouldBeCaught() throws Exception {
        assumeTrue(analyzerPresent(), "systemd-analyze is not installed (.ci/run installs it)");
        Verified v = verify(Files.readString(Path.of("systemd/booth-daemon.service"))
                .replace("ProtectSystem=strict", "ProtectSytem=strict"));
        assertTrue(v.output().contains("Unknown key 'ProtectSytem'"), v.output());
    }

    @Test
    void aConfigurationErrorIsNeverRestartedInALoop() throws IOException {
        String unit = Files.readString(Path.of("systemd/booth-daemon.service"));
        // the codes of the table that need a person: bad command line, socket taken, bad configuration
        String needAPerson = ExitCode.USAGE.code() + " " + ExitCode.CANTCREAT.code() + " " + ExitCode.CONFIG.code();
        assertTrue(unit.contains("\nRestartPreventExitStatus=" + needAPerson + "\n"), "exit 2, 73 and 78 must not restart");
        assertTrue(unit.contains("\nRestart=on-failure\n"));
        assertTrue(unit.contains("\nUser=booth\n") && unit.contains("\nSupplementaryGroups=i2c gpio\n"));
    }
}
