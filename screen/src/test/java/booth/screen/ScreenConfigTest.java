package booth.screen;

import booth.protocol.config.ConfigException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScreenConfigTest {
    @Test
    void anEmptyBlockIsTheDefaults() throws ConfigException {
        ScreenConfig c = ScreenConfig.parse("screen {}", "t");
        assertEquals("127.0.0.1", c.listen().getHostString());
        assertEquals(8080, c.listen().getPort());
        assertEquals("127.0.3.1:9092", c.bootstrapServers());
        assertEquals(List.of("booth.outcomes", "booth.health", "booth.cluster"), c.topics());
        assertEquals(Duration.ofMinutes(1), c.history());
        assertEquals(Duration.ofSeconds(3), c.silentAfter());
        assertEquals(Optional.empty(), c.topologyFile());
    }

    @Test
    void portZeroMeansAnyFreePort() throws ConfigException {
        assertEquals(0, ScreenConfig.parse("screen.listen = \"127.0.0.1:0\"", "t").listen().getPort());
    }

    private static String problem(String hocon) {
        return assertThrows(ConfigException.class, () -> ScreenConfig.parse(hocon, "t")).getMessage();
    }

    @Test
    void everyMistakeNamesItsKey() {
        assertEquals("screen.silent-afer: unknown key (did you mean screen.silent-after?)", problem("screen.silent-afer = 3s"));
        assertEquals("booth: unknown top-level key (expected screen)", problem("booth {}"));
        assertEquals("screen: missing: the file needs a screen { ... } block", problem("# nothing"));
        assertEquals("screen.listen: 'localhost' is not host:port (no port); expected host:port, the host a name or an IPv4 "
                + "address, the port a number from 0 to 65535, for example 127.0.0.1:8080 (t line 1)", problem("screen.listen = localhost"));
        assertEquals("screen.kafka.bootstrap-servers: 'rpikafka1' is not host:port (no port); expected host:port, the host a "
                + "name or an IPv4 address, the port a number from 1 to 65535, for example 127.0.3.1:9092 (t line 2)",
                problem("screen.history = 1m\nscreen.kafka.bootstrap-servers = \"127.0.3.1:9092,rpikafka1\""));
        assertEquals("screen.history: expected a duration such as 1s or 500ms, got \"soon\" (t line 1)", problem("screen.history = soon"));
        assertEquals("screen.silent-after: must be from 1000 ms to 600 s, got 100 ms (t line 1)", problem("screen.silent-after = 100ms"));
        assertEquals("screen.kafka.cluster-topic: a Kafka topic name uses letters, digits, '.', '_' and '-', got 'a b' (t line 1)",
                problem("screen.kafka.cluster-topic = \"a b\""));
    }
}
