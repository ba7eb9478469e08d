package booth.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The client Pi's health, read from /proc and /sys when they are there (a laptop has no
 * thermal zone, a Pi does): one JSON event, version 1.
 */
public final class Health {
    private Health() {
    }

    /** {"v":1,"type":"health","client":...} with the readings and the event counters. */
    public static String event(String client, BoothEvents.Counts counts) {
        Runtime rt = Runtime.getRuntime();
        StringBuilder b = new StringBuilder(400);
        b.append("{\"v\":1,\"type\":\"health\",\"client\":").append(OutcomeStream.str(client))
                .append(",\"time\":").append(OutcomeStream.str(Instant.now().toString()))
                .append(",\"cpu_temp_c\":").append(cpuTemperature())
                .append(",\"load\":").append(load())
                .append(",\"mem_total_kb\":").append(meminfo("MemTotal:"))
                .append(",\"mem_available_kb\":").append(meminfo("MemAvailable:"))
                .append(",\"uptime_s\":").append(uptime())
                .append(",\"daemon\":{\"heap_used_bytes\":").append(rt.totalMemory() - rt.freeMemory())
                .append(",\"heap_max_bytes\":").append(rt.maxMemory())
                .append(",\"threads\":").append(ManagementFactory.getThreadMXBean().getThreadCount())
                .append(",\"uptime_s\":").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .append("},\"events\":{\"published\":").append(counts.published())
                .append(",\"delivered\":").append(counts.delivered())
                .append(",\"dropped\":").append(counts.dropped())
                .append("}}\n");
        return b.toString();
    }

    /** Degrees Celsius from the first thermal zone, or null where there is none. */
    static String cpuTemperature() {
        String milli = read(Path.of("/sys/class/thermal/thermal_zone0/temp"));
        try {
            return milli == null ? "null" : String.format(Locale.ROOT, "%.1f", Long.parseLong(milli.strip()) / 1000.0);
        } catch (NumberFormatException e) {
            return "null";
        }
    }

    /** [1 min, 5 min, 15 min] load averages, or null. */
    static String load() {
        String s = read(Path.of("/proc/loadavg"));
        if (s == null) {
            return "null";
        }
        String[] f = s.strip().split("\\s+");
        return f.length < 3 ? "null" : "[" + f[0] + "," + f[1] + "," + f[2] + "]";
    }

    static String meminfo(String key) {
        String s = read(Path.of("/proc/meminfo"));
        if (s == null) {
            return "null";
        }
        for (String line : List.of(s.split("\n"))) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).replace("kB", "").strip();
            }
        }
        return "null";
    }

    static String uptime() {
        String s = read(Path.of("/proc/uptime"));
        return s == null ? "null" : s.strip().split("\\s+")[0].replaceFirst("\\..*$", "");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
