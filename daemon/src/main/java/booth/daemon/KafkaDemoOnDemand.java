package booth.daemon;

import booth.daemon.config.BoothConfig;
import booth.daemon.kafka.KafkaDemo;
import booth.model.Acks;
import booth.model.ProduceOutcome;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The box's Kafka demo, made and started by its first record (on the write loop's thread, which
 * neither call makes wait): a box that never shows the demo never loads a Kafka class for it.
 */
final class KafkaDemoOnDemand implements Function<Acks, CompletionStage<ProduceOutcome>>, AutoCloseable {
    private final String client;
    private final BoothConfig.KafkaDemo config;
    private final KafkaDemo.Listener listener;
    private final Clock clock;
    /** Guarded by this: made on first use. */
    private KafkaDemo demo;

    KafkaDemoOnDemand(String client, BoothConfig.KafkaDemo config, KafkaDemo.Listener listener, Clock clock) {
        this.client = client;
        this.config = config;
        this.listener = listener;
        this.clock = clock;
    }

    /** Produces the next record at {@code acks}, making and starting the demo first if need be. */
    @Override
    public CompletionStage<ProduceOutcome> apply(Acks acks) {
        return demo().produce(acks);
    }

    private synchronized KafkaDemo demo() {
        if (demo == null) {
            demo = new KafkaDemo(client, config, listener, clock);
            demo.start();
        }
        return demo;
    }

    @Override
    public synchronized void close() {
        if (demo != null) {
            demo.close();
        }
    }
}
