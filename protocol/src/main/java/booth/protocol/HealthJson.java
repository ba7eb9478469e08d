package booth.protocol;

import booth.model.ClockSync;
import booth.model.Health;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client Pi's health event (schema version 1, fields only ever added):
 * {@code v, type:"health", client, time, cpu_temp_c} (null without a thermal zone), {@code load}
 * ([1, 5, 15 min] or null), {@code mem_total_kb, mem_available_kb, uptime_s} (null when
 * unknown), {@code daemon {heap_used_bytes, heap_max_bytes, threads, uptime_s}} and
 * {@code events {published, delivered, dropped}}, {@code clock} (added: {@code synchronised},
 * {@code not_synchronised} or {@code unknown}; an older daemon's event reads as unknown). Written by {@link #of}, read by
 * {@link #decode} (numbers as read: {@code 0.30} comes back as 0.3).
 */
public final class HealthJson {
    private HealthJson() {
    }

    public static ObjectNode of(String client, Instant at, Health h, long published, long delivered, long dropped) {
        ObjectNode n = Wire.versioned().put("type", HealthEvent.TYPE).put("client", client).put("time", at.toString());
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
        n.put("clock", h.clock().wireName());
        return n;
    }

    /**
     * Reads a health event.
     *
     * @throws IllegalArgumentException naming what is missing or malformed, or another type
     */
    public static HealthEvent decode(String line) {
        Fields f = Fields.of(line).versioned();
        if (!f.text("type").equals(HealthEvent.TYPE)) {
            throw new IllegalArgumentException("type is not " + HealthEvent.TYPE);
        }
        return read(f);
    }

    static HealthEvent read(Fields f) {
        Optional<List<BigDecimal>> load = f.optionalList("load", Fields.Element::number);
        if (load.isPresent() && load.get().size() != 3) {
            throw new IllegalArgumentException("load is not three numbers");
        }
        Fields daemon = f.object("daemon");
        Fields events = f.object("events");
        Health h = new Health(f.optionalNumber("cpu_temp_c"), load, f.optionalInteger("mem_total_kb"),
                f.optionalInteger("mem_available_kb"), f.optionalInteger("uptime_s"), daemon.integer("heap_used_bytes"),
                daemon.integer("heap_max_bytes"), daemon.smallInteger("threads"), daemon.integer("uptime_s"),
                f.optionalText("clock").map(ClockSync::ofWireName).orElse(ClockSync.UNKNOWN));
        return new HealthEvent(f.text("client"), f.time("time"), h, events.integer("published"),
                events.integer("delivered"), events.integer("dropped"));
    }

    private static void put(ObjectNode n, String field, OptionalLong value) {
        if (value.isPresent()) {
            n.put(field, value.getAsLong());
        } else {
            n.putNull(field);
        }
    }
}
