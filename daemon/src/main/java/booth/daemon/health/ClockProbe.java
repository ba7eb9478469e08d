package booth.daemon.health;

import booth.model.ClockSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads whether the Pi's clock is synchronised, in ways the daemon's sandbox allows. The
 * kernel's own flag is out of reach: with {@code ProtectClock=yes} even a read-only
 * {@code adjtimex} fails. The time daemon's state is not: systemd-timesyncd touches a flag file
 * once it has synchronised, and timedated (asked over D-Bus by {@code timedatectl}) reads the
 * kernel's flag in its own process, whichever time daemon (timesyncd, chrony) keeps it.
 */
public final class ClockProbe {
    /** Created by systemd-timesyncd at its first synchronisation; /run starts empty at every boot. */
    public static final Path TIMESYNCD_FLAG = Path.of("/run/systemd/timesync/synchronized");
    public static final List<String> TIMEDATECTL = List.of("timedatectl", "show", "--property=NTPSynchronized", "--value");
    /** timedated is started on demand by D-Bus: its first answer can take a second or two on a Pi. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private final Path flag;
    private final List<String> command;

    public ClockProbe(Path flag, List<String> command) {
        this.flag = flag;
        this.command = List.copyOf(command);
    }

    /** The probe of a client Pi: timesyncd's flag, then timedated. */
    public static ClockProbe ofSystem() {
        return new ClockProbe(TIMESYNCD_FLAG, TIMEDATECTL);
    }

    /** Synchronised, not, or unknown when neither source answers; never throws, waits {@link #LIMIT} at most. */
    public ClockSync read() {
        if (Files.exists(flag)) {
            return ClockSync.SYNCHRONISED;
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return ClockSync.UNKNOWN;
            }
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return ClockSync.UNKNOWN;
            }
            return switch (answer) {
                case "yes" -> ClockSync.SYNCHRONISED;
                case "no" -> ClockSync.NOT_SYNCHRONISED;
                default -> ClockSync.UNKNOWN;
            };
        } catch (IOException e) {
            return ClockSync.UNKNOWN; // no timedatectl: a laptop or a container without systemd
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ClockSync.UNKNOWN;
        }
    }
}
