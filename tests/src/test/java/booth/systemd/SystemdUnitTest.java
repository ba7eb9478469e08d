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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** {@code systemd-analyze security}'s exposure level of the unit as given (0.0 to 10.0; lower is tighter). */
    private double exposure(String unit) throws IOException, InterruptedException {
        Path file = dir.resolve("exposure.service");
        Files.writeString(file, unit);
        Process p = new ProcessBuilder("systemd-analyze", "security", "--offline=yes", "--no-pager", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("Overall exposure level for exposure.service: ([0-9.]+)").matcher(output);
        assertTrue(m.find(), "no exposure level in:\n" + output);
        return Double.parseDouble(m.group(1));
    }

    /** The bound: 2.0 at most; a sandbox loosened by accident fails here, not on a Pi. */
    @Test
    void theSandboxScoresAtMostTwo() throws Exception {
        assumeTrue(analyzerPresent(), "systemd-analyze is not installed (.ci/run installs it)");
        double level = exposure(Files.readString(Path.of("systemd/booth-daemon.service")));
        assertTrue(level <= 2.0, "systemd-analyze security: " + level + " (at most 2.0)");
    }

    @Test
    void withoutItsSystemCallFilterTheUnitWouldScoreOverTwo() throws Exception {
        assumeTrue(analyzerPresent(), "systemd-analyze is not installed (.ci/run installs it)");
        String unit = Files.readString(Path.of("systemd/booth-daemon.service")).replaceAll("(?m)^SystemCallFilter=.*\n", "");
        assertTrue(exposure(unit) > 2.0, "the check would not see a unit without its system-call filter");
    }

    @Test
    void aConfigurationErrorIsNeverRestartedInALoop() throws IOException {
        String unit = Files.readString(Path.of("systemd/booth-daemon.service"));
        // the codes of the table that need a person: bad command line, socket taken, bad configuration
        String needAPerson = ExitCode.USAGE.code() + " " + ExitCode.CANTCREAT.code() + " " + ExitCode.CONFIG.code();
        assertTrue(unit.contains("\nRestartPreventExitStatus=" + needAPerson + "\n"), "exit 2, 73 and 78 must not restart");
        assertTrue(unit.contains("\nRestart=on-failure\n"));
        assertTrue(unit.contains("\nUser=booth\n") && unit.contains("\nSupplementaryGroups=i2c gpio input\n"));
    }
}
