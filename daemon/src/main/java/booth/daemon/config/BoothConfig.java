package booth.daemon.config;

import booth.hal.I2cSpeed;
import booth.hal.StaffButton;
import booth.model.Demo;
import booth.model.HostPort;
import booth.model.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's configuration, loaded once and validated ({@link ConfigLoader}). Each field is
 * the {@link Setting} of the same name.
 *
 * @param driverConfig the {@code datastax-java-driver} block as HOCON, passed to the driver over
 *                     the booth's own defaults (empty when the file has none)
 */
public record BoothConfig(
        String clientName,
        String localDc,
        List<HostPort> contactPoints,
        String keyspace,
        Map<String, Integer> replication,
        Duration writeInterval,
        Level writeLevel,
        Level readLevel,
        boolean readBack,
        boolean dcFailover,
        Optional<Path> topologyFile,
        Mode mode,
        Duration idleTimeout,
        Duration inviteAfter,
        Hardware hardware,
        Staff staff,
        Path controlSocket,
        String controlSocketGroup,
        Optional<String> outcomeStream,
        Kafka kafka,
        Demo demo,
        KafkaDemo kafkaDemo,
        String driverConfig) {

    /** The control socket's path, which democtl shares with the daemon, stated once (the {@link Setting} catalogue uses them). */
    public static final String DEFAULT_CONTROL_SOCKET = "/run/booth/control.sock";

    /**
     * The Kafka demo: its own brokers (the trio), topics and circle.
     *
     * @param circle the client names whose topics this box consumes, its own included
     */
    public record KafkaDemo(String bootstrapServers, booth.model.Acks acks, String topicPrefix, List<String> circle,
                            int replicationFactor, int minInsync, Duration lateAfter) {
        public KafkaDemo {
            circle = List.copyOf(circle);
        }

        /** The topic client {@code name} produces to. */
        public String topic(String name) {
            return topicPrefix + name;
        }
    }

    /**
     * Kafka events (off unless enabled).
     *
     * @param bootstrapServers host:port,host:port, checked at load, names not looked up
     */
    public record Kafka(boolean enabled, String bootstrapServers, String outcomeTopic, String healthTopic,
                        Duration healthInterval, String clusterTopic) {
    }

    /** {@code hardware.kernel-keys}: where the daemon watches the kernel's power-off and reboot keys. */
    public enum KernelKeys {
        AUTO, ON, OFF;

        /** Whether they are watched in {@code mode} (the command line's, when it gives one). */
        public boolean watchedIn(Mode mode) {
            return this == ON || this == AUTO && mode == Mode.HARDWARE;
        }
    }

    /** How the daemon meets people. */
    public enum Mode { HARDWARE, TERMINAL, HEADLESS }

    /**
     * The client Pi's hardware settings.
     *
     * @param kernelKeys whether the kernel's power-off and reboot keys are watched
     */
    public record Hardware(int i2cBus, int i2cAddress, I2cSpeed i2cSpeed, boolean ledsLitLow, boolean keysPressedLow,
                           Map<StaffButton, Integer> pitftPins, Optional<Path> recordBus, KernelKeys kernelKeys) {
        public Hardware {
            pitftPins = Map.copyOf(pitftPins);
        }
    }

    /** What the staff buttons do. */
    public record Staff(Duration powerHold, List<String> powerOffCommand, List<String> rebootCommand) {
        public Staff {
            powerOffCommand = List.copyOf(powerOffCommand);
            rebootCommand = List.copyOf(rebootCommand);
        }
    }

    public BoothConfig {
        contactPoints = List.copyOf(contactPoints);
        replication = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(replication));
    }

    public BoothConfig withMode(Mode m) {
        return new BoothConfig(clientName, localDc, contactPoints, keyspace, replication, writeInterval, writeLevel,
                readLevel, readBack, dcFailover, topologyFile, m, idleTimeout, inviteAfter, hardware, staff, controlSocket, controlSocketGroup, outcomeStream,
                kafka, demo, kafkaDemo, driverConfig);
    }

    public BoothConfig withOutcomeStream(String target) {
        return new BoothConfig(clientName, localDc, contactPoints, keyspace, replication, writeInterval, writeLevel,
                readLevel, readBack, dcFailover, topologyFile, mode, idleTimeout, inviteAfter, hardware, staff, controlSocket,
                controlSocketGroup, Optional.of(target), kafka, demo, kafkaDemo, driverConfig);
    }

    public BoothConfig withRecordBus(Path file) {
        Hardware h = new Hardware(hardware.i2cBus(), hardware.i2cAddress(), hardware.i2cSpeed(), hardware.ledsLitLow(),
                hardware.keysPressedLow(), hardware.pitftPins(), Optional.of(file), hardware.kernelKeys());
        return new BoothConfig(clientName, localDc, contactPoints, keyspace, replication, writeInterval, writeLevel,
                readLevel, readBack, dcFailover, topologyFile, mode, idleTimeout, inviteAfter, h, staff, controlSocket, controlSocketGroup, outcomeStream,
                kafka, demo, kafkaDemo, driverConfig);
    }
}
