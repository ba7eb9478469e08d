package booth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One record batch per topic compressed with a codec the booth's jars and the tests' class path
 * leave out (zstd, lz4, snappy: excluded in the parent pom), written by a JVM of its own whose
 * class path is Kafka's server runtime, which has them. The batch is what a producer elsewhere on
 * the booth network could write; the booth's consumers cannot decompress it.
 */
public final class CompressedBatch {
    /** Where one topic's batch landed: the offsets of its first and last record. */
    public record Written(String topic, long first, long last) {
    }

    private CompressedBatch() {
    }

    /**
     * Writes {@code values}, as one batch compressed with {@code codec}, to each of {@code topics};
     * the JVM it starts is gone when this returns, also when it fails.
     */
    public static List<Written> write(KafkaBrokers brokers, String codec, List<String> topics, List<String> values)
            throws IOException, InterruptedException {
        Path classes;
        try {
            classes = Path.of(CompressedBatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", brokers.serverClasspath() + ":" + classes, CompressedBatch.class.getName(),
                brokers.bootstrapServers(), codec, String.join(",", topics)));
        command.addAll(values);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("the " + codec + " producer failed: " + out);
            }
            return out.lines().filter(l -> l.startsWith("batch ")).map(l -> l.split(" "))
                    .map(w -> new Written(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]))).toList();
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * In the other JVM: {@code BOOTSTRAP CODEC TOPIC[,TOPIC...] VALUE...}; prints
     * {@code batch TOPIC FIRST LAST} for each topic.
     */
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, args[1]);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "60000"); // nothing leaves before the flush: one batch per topic
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "1000000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> values = Arrays.asList(args).subList(3, args.length);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String topic : args[2].split(",")) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                values.forEach(v -> sent.add(producer.send(new ProducerRecord<>(topic, "poison", v))));
                producer.flush();
                System.out.println("batch " + topic + " " + sent.get(0).get().offset() + " " + sent.get(sent.size() - 1).get().offset());
            }
        }
    }
}
