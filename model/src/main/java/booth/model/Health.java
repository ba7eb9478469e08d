package booth.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client Pi's health at one moment, as its health event carries it. Readings the machine does
 * not have (a laptop has no thermal zone) are empty.
 *
 * @param cpuTempC       CPU temperature in degrees Celsius, one decimal
 * @param load           the 1, 5 and 15 minute load averages as /proc/loadavg gives them
 * @param memTotalKb     MemTotal of /proc/meminfo
 * @param memAvailableKb MemAvailable of /proc/meminfo
 * @param uptimeS        the machine's uptime in whole seconds
 * @param heapUsedBytes  the daemon's heap in use
 * @param heapMaxBytes   the daemon's heap limit
 * @param threads        the daemon's live threads
 * @param daemonUptimeS  the daemon's uptime in whole seconds
 * @param clock          whether the Pi's clock is synchronised
 */
public record Health(Optional<BigDecimal> cpuTempC, Optional<List<BigDecimal>> load, OptionalLong memTotalKb,
                     OptionalLong memAvailableKb, OptionalLong uptimeS, long heapUsedBytes, long heapMaxBytes,
                     int threads, long daemonUptimeS, ClockSync clock) {
    public Health {
        load = load.map(List::copyOf);
    }
}
