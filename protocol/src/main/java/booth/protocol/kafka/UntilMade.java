package booth.protocol.kafka;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * Makes a Kafka client on the calling thread, again every second while Kafka refuses to: it
 * will not make one while none of the brokers' names resolves, and the booth's DNS may come up
 * after the box or the TV. One line when it starts refusing, one when it is made.
 */
public final class UntilMade {
    private UntilMade() {
    }

    /**
     * The client, or empty when {@code closing} was counted down (or the thread interrupted) first.
     *
     * @param what    the client and its key, for the log: "the event producer (booth.kafka.bootstrap-servers ...)"
     * @param waiting what happens meanwhile, for the log
     * @param warn    where the refusal is said (a logger's warn)
     * @param info    where the making is said, after a refusal (a logger's info)
     */
    public static <T> Optional<T> make(Supplier<T> construct, String what, String waiting, CountDownLatch closing,
                                       Consumer<String> warn, Consumer<String> info) {
        boolean said = false;
        while (closing.getCount() > 0) {
            try {
                T made = construct.get();
                if (said) {
                    info.accept("Kafka: " + what + " made");
                }
                return Optional.of(made);
            } catch (KafkaException e) {
                if (!said) {
                    said = true;
                    // Kafka's own reason is the cause: "No resolvable bootstrap urls given in bootstrap.servers"
                    warn.accept("Kafka: cannot make " + what + ": " + (e.getCause() == null ? e.getMessage()
                            : e.getCause().getMessage()) + "; trying again every second; " + waiting);
                }
            }
            try {
                if (closing.await(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }
}
