package booth.protocol;

import booth.model.Health;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A client Pi's health event (schema version 1, fields only ever added):
 * {@code v, type:"health", client, time, cpu_temp_c} (null without a thermal zone), {@code load}
 * ([1, 5, 15 min] or null), {@code mem_total_kb, mem_available_kb, uptime_s} (null when
 * unknown), {@code daemon {heap_used_bytes, heap_max_bytes, threads, uptime_s}} and
 * {@code events {published, delivered, dropped}}.
 */
public final class HealthJson {
    private HealthJson() {
    }

    public static ObjectNode of(String client, Instant at, Health h, long published, long delivered, long dropped) {
        ObjectNode n = Wire.versioned().put("type", "health").put("client", client).put("time", at.toString());
        n.put("cpu_temp_c", h.cpuTempC().orElse(null));
        if (h.load().isPresent()) {
            ArrayNode load = n.putArray("load");
            for (BigDecimal l : h.load().get()) {
                load.add(l);
            }
        } else {
            n.putNull("load");
        }
        put(n, "mem_total_kb", h.memTotalKb());
        put(n, "mem_available_kb", h.memAvailableKb());
        put(n, "uptime_s", h.uptimeS());
        n.putObject("daemon").put("heap_used_bytes", h.heapUsedBytes()).put("heap_max_bytes", h.heapMaxBytes())
                .put("threads", h.threads()).put("uptime_s", h.daemonUptimeS());
        n.putObject("events").put("published", published).put("delivered", delivered).put("dropped", dropped);
        return n;
    }

    private static void put(ObjectNode n, String field, OptionalLong value) {
        if (value.isPresent()) {
            n.put(field, value.getAsLong());
        } else {
            n.putNull(field);
        }
    }
}
