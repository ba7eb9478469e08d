package booth.daemon.control;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one log line (logger {@code booth.audit}) for every state-changing staff
 * action, saying what, by whom, and when, so the journal answers "who reset the demo?".
 */
public final class Audit {
    private static final Logger log = LoggerFactory.getLogger("booth.audit");

    private Audit() {
    }

    /**
     * @param what what was done, for example "set-level write ALL"
     * @param who  who did it, for example "uid 1000 (alice) on /run/booth/control.sock" or "PiTFT GPIO 27"
     */
    public static void log(String what, String who) {
        log.info("audit: {} by {} at {}", what, who, Instant.now());
    }
}
