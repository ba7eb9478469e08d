package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chaos soak measures the daemon as it ships: the same JVM options and malloc setting as its launcher. */
class ShippedJvmOptionsTest {
    private static final Path LAUNCHER = Path.of("daemon/bin/booth-daemon");

    @Test
    void theSoakRunsTheDaemonWithTheLaunchersOptions() throws IOException {
        Matcher m = Pattern.compile("\\$\\{BOOTH_JAVA_OPTS:-([^}]*)}").matcher(Files.readString(LAUNCHER));
        assertTrue(m.find(), "the launcher's default JVM options");
        assertEquals(List.of(m.group(1).trim().split("\\s+")), ClientProcess.JVM_OPTIONS);
    }

    @Test
    void theSoakSetsTheLaunchersMallocArenas() throws IOException {
        Matcher m = Pattern.compile("MALLOC_ARENA_MAX=\\$\\{MALLOC_ARENA_MAX:-(\\d+)}").matcher(Files.readString(LAUNCHER));
        assertTrue(m.find(), "the launcher's malloc arenas");
        assertEquals(m.group(1), ClientProcess.MALLOC_ARENA_MAX);
    }

    @Test
    void theUnitLeavesTheOptionsToTheLauncher() throws IOException {
        String unit = Files.readString(Path.of("systemd/booth-daemon.service"));
        assertTrue(unit.contains("ExecStart=/usr/bin/booth-daemon "), "the unit runs the launcher");
        assertFalse(unit.lines().anyMatch(l -> l.startsWith("Environment=") && l.contains("BOOTH_JAVA_OPTS")),
                "a second set of JVM options in the unit would drift from the launcher's");
    }
}
