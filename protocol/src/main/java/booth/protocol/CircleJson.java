package booth.protocol;

import booth.model.Acks;
import booth.model.CircleRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Kafka demo record's value: {@code {"v":1,"client":..,"session":..,"seq":..,"sent":..,
 * "acks":..,"acked":"<hex>"}}, {@code sent} in epoch milliseconds and {@code acked} the
 * producer's acknowledgements of the records before it ({@link CircleRecord#acked()}), as the
 * little-endian bytes of the bit set in hexadecimal.
 */
public final class CircleJson {
    private CircleJson() {
    }

    public static String encode(CircleRecord r) {
        return Wire.line(Wire.versioned().put("client", r.client()).put("session", r.session()).put("seq", r.seq())
                .put("sent", r.sentMillis()).put("acks", r.acks().wireName())
                .put("acked", HexFormat.of().formatHex(r.acked().toByteArray()))).strip();
    }

    /** The record in {@code value}, or empty when it is not one (another producer's, a newer schema's without the fields). */
    public static Optional<CircleRecord> decode(String value) {
        try {
            ObjectNode n = Wire.parseObject(value);
            JsonNode client = n.get("client");
            JsonNode acked = n.get("acked");
            Optional<Acks> acks = Acks.parse(n.path("acks").asText(""));
            if (client == null || !client.isTextual() || acked == null || !acked.isTextual() || acks.isEmpty()
                    || !n.path("seq").canConvertToLong() || !n.path("sent").canConvertToLong()
                    || !n.path("session").canConvertToLong()) {
                return Optional.empty();
            }
            BitSet bits = BitSet.valueOf(HexFormat.of().parseHex(acked.asText()));
            return Optional.of(new CircleRecord(client.asText(), n.get("session").asLong(), n.get("seq").asLong(),
                    n.get("sent").asLong(), acks.get(), bits));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
