package booth.daemon.control;

import booth.model.Acks;
import booth.model.Demo;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.DaemonStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
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
        return showOrSet(top, "demo", demo == null ? null : demo.toLowerCase(Locale.ROOT), List.of("cassandra", "kafka"),
                s -> name(s.demo()), v -> new ControlRequest.SetDemo(Demo.valueOf(v.toUpperCase(Locale.ROOT))),
                a -> name(a.demo()));
    }

    private static String name(Demo d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Shows {@code field} as {@code shown} reads it from the status, or sets it to {@code value}
     * with the request {@code set} makes and prints the answer as {@code said} reads it; a value
     * not in {@code valid} is bad usage, said before the daemon is asked.
     */
    static <A extends ControlAnswer> int showOrSet(Democtl top, String field, String value, List<String> valid,
                                                   Function<DaemonStatus, String> shown,
                                                   Function<String, ControlRequest<A>> set,
                                                   Function<A, String> said) throws Exception {
        if (value == null) {
            Optional<ControlAnswer.StatusReport> a = top.call(new ControlRequest.Status());
            if (a.isEmpty()) {
                return Democtl.REFUSED;
            }
            top.out.println(shown.apply(a.get().status()));
            return Democtl.OK;
        }
        if (!valid.contains(value)) {
            top.err.println("democtl: unknown " + field + " '" + value + "'; valid: " + String.join(", ", valid));
            return Democtl.USAGE;
        }
        Optional<A> a = top.call(set.apply(value));
        if (a.isEmpty()) {
            return Democtl.REFUSED;
        }
        top.out.println(field + " " + said.apply(a.get()));
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
            return showOrSet(top, "acks", acks == null ? null : Acks.parse(acks).map(Acks::wireName).orElse(acks),
                    List.of("0", "1", "all"), s -> s.kafka().acks().wireName(),
                    v -> new ControlRequest.SetAcks(Acks.parse(v).orElseThrow()), a -> a.acks().wireName());
        }
    }
}
