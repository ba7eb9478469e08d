package booth.daemon.kafka;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Kafka client on the calling thread, again every second while Kafka refuses to: it
 * will not make one while none of the brokers' names resolves, and the booth's DNS may come up
 * after the box. One line when it starts refusing, one when it is made.
 */
final class UntilMade {
    private static final Logger log = LoggerFactory.getLogger(UntilMade.class);

    private UntilMade() {
    }

    /**
     * The client, or empty when {@code closing} was counted down (or the thread interrupted) first.
     *
     * @param what    the client and its key, for the log: "the event producer (booth.kafka.bootstrap-servers ...)"
     * @param waiting what happens meanwhile, for the log
     */
    static <T> Optional<T> make(Supplier<T> construct, String what, String waiting, CountDownLatch closing) {
        boolean said = false;
        while (closing.getCount() > 0) {
            try {
                T made = construct.get();
                if (said) {
                    log.info("Kafka: {} made", what);
                }
                return Optional.of(made);
            } catch (KafkaException e) {
                if (!said) {
                    said = true;
                    // Kafka's own reason is the cause: "No resolvable bootstrap urls given in bootstrap.servers"
                    log.warn("Kafka: cannot make {}: {}; trying again every second; {}", what,
                            e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), waiting);
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
