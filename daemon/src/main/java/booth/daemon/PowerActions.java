package booth.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Powers the Pi off or reboots it through the system (by default {@code systemctl poweroff} and
 * {@code systemctl reboot}), never by cutting power: the commands run as argument lists,
 * without a shell, and are logged with their outcome. When simulating (laptop and headless
 * modes) they are only logged, and the caller is told so that the screen can say it.
 */
public final class PowerActions {
    private static final Logger log = LoggerFactory.getLogger(PowerActions.class);

    private final List<String> powerOff;
    private final List<String> reboot;
    private final boolean simulate;

    public PowerActions(List<String> powerOff, List<String> reboot, boolean simulate) {
        this.powerOff = List.copyOf(powerOff);
        this.reboot = List.copyOf(reboot);
        this.simulate = simulate;
    }

    public void powerOff(Consumer<String> onFailure, Runnable onSimulated) {
        run("power off", powerOff, onFailure, onSimulated);
    }

    public void reboot(Consumer<String> onFailure, Runnable onSimulated) {
        run("reboot", reboot, onFailure, onSimulated);
    }

    /**
     * Runs {@code argv}; a failure is logged and reported to {@code onFailure} in a few words; a
     * simulated run is logged and reported to {@code onSimulated}.
     */
    void run(String what, List<String> argv, Consumer<String> onFailure, Runnable onSimulated) {
        if (simulate) {
            log.warn("staff: {} requested; simulated (not on the booth's hardware): would run {}", what, argv);
            onSimulated.run();
            return;
        }
        log.warn("staff: {}: running {}", what, argv);
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.error("staff: {}: {} did not finish within 30 s", what, argv);
                onFailure.accept("timed out");
                return;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                log.error("staff: {}: {} exited {}: {}", what, argv, p.exitValue(), output);
                onFailure.accept("exit " + p.exitValue());
            }
        } catch (IOException e) {
            log.error("staff: {}: cannot run {}: {}", what, argv, e.getMessage());
            onFailure.accept("cannot run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
