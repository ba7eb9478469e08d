package booth.daemon.health;

import booth.model.ClockSync;
import booth.model.Health;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the client Pi's health from /sys and /proc where they are (a laptop has no thermal
 * zone, a Pi does) and the daemon's own from the JVM. Anything unreadable is left empty.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    /** The readings now, with the clock's state as the daemon last read it. */
    public static Health read(ClockSync clock) {
        Runtime rt = Runtime.getRuntime();
        String meminfo = read(Path.of("/proc/meminfo")).orElse("");
        return new Health(cpuTemperature(), load(), meminfo(meminfo, "MemTotal:"), meminfo(meminfo, "MemAvailable:"), uptime(),
                rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000, clock);
    }

    /** Degrees Celsius from the first thermal zone, one decimal. */
    static Optional<BigDecimal> cpuTemperature() {
        return read(Path.of("/sys/class/thermal/thermal_zone0/temp")).flatMap(milli -> {
            try {
                return Optional.of(BigDecimal.valueOf(Long.parseLong(milli.strip()), 3).setScale(1, RoundingMode.HALF_UP));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** [1 min, 5 min, 15 min] load averages. */
    static Optional<List<BigDecimal>> load() {
        return read(Path.of("/proc/loadavg")).flatMap(s -> {
            String[] f = s.strip().split("\\s+");
            try {
                return f.length < 3 ? Optional.empty()
                        : Optional.of(List.of(new BigDecimal(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A /proc/meminfo value in kB, from the file's text (read once for all keys). */
    static OptionalLong meminfo(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return number(line.substring(key.length()).replace("kB", ""));
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong uptime() {
        return read(Path.of("/proc/uptime")).map(s -> number(s.strip().split("\\s+")[0].replaceFirst("\\..*$", "")))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong number(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
