package booth.daemon.control;

import booth.model.Acks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code democtl demo [cassandra|kafka]}: shows or switches the demo. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Shows or switches the demo: cassandra (consistency levels) or kafka (acks, ISR, lost records).")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Democtl top;
    @Parameters(arity = "0..1", paramLabel = "DEMO", description = "cassandra or kafka (any case)")
    String demo;

    @Override
    public Integer call() throws Exception {
        return showOrSet(top, "demo", "set-demo", demo == null ? null : demo.toLowerCase(Locale.ROOT),
                java.util.List.of("cassandra", "kafka"));
    }

    /**
     * Shows {@code field} of the status, or sets it with {@code command} when {@code value} is
     * given; a value not in {@code valid} is bad usage, said before the daemon is asked.
     */
    static int showOrSet(Democtl top, String field, String command, String value, java.util.List<String> valid) throws Exception {
        if (value == null) {
            JsonNode a = top.call(ControlProtocol.request("status"));
            if (a == null) {
                return Democtl.REFUSED;
            }
            JsonNode s = a.path("status");
            top.out.println(field.equals("acks") ? s.path("kafka_demo").path("acks").asText() : s.path(field).asText());
            return Democtl.OK;
        }
        if (!valid.contains(value)) {
            top.err.println("democtl: unknown " + field + " '" + value + "'; valid: " + String.join(", ", valid));
            return Democtl.USAGE;
        }
        ObjectNode request = ControlProtocol.request(command);
        request.put(field, value);
        JsonNode a = top.call(request);
        if (a == null) {
            return Democtl.REFUSED;
        }
        top.out.println(field + " " + a.path(field).asText());
        return Democtl.OK;
    }

    /** {@code democtl acks [0|1|all]}: shows or sets the Kafka demo's acks. */
    @Command(name = "acks", mixinStandardHelpOptions = true,
            description = "Shows or sets the Kafka demo's producer acks: 0, 1 or all (idempotent).")
    static final class AcksCommand implements Callable<Integer> {
        @ParentCommand
        Democtl top;
        @Parameters(arity = "0..1", paramLabel = "ACKS", description = "0, 1 or all")
        String acks;

        @Override
        public Integer call() throws Exception {
            return showOrSet(top, "acks", "set-acks", acks == null ? null : Acks.parse(acks).map(Acks::wireName).orElse(acks),
                    java.util.List.of("0", "1", "all"));
        }
    }
}
