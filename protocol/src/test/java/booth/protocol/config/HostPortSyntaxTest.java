package booth.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import booth.model.HostPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one host:port check, one line per case: what passes as what, and why the rest does not. */
class HostPortSyntaxTest {
    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            127.0.3.1:9092               | 127.0.3.1          | 9092
            " 10.0.1.11:9042 "           | 10.0.1.11          | 9042
            rpikafka1:9092               | rpikafka1          | 9092
            kafka-1.booth.lan:9092       | kafka-1.booth.lan  | 9092
            kafka-1.booth.lan.:9092      | kafka-1.booth.lan. | 9092
            no-such-host.invalid:1       | no-such-host.invalid | 1
            node:65535                   | node               | 65535
            """)
    void accepted(String entry, String host, int port) throws HostPortSyntax.Invalid {
        assertEquals(new HostPort(host, port), HostPortSyntax.parse(entry, 1));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                     | an empty entry (a stray comma?)
            rpikafka1              | no port
            :9092                  | no host
            rpikafka1:             | the port '' is not a number from 1 to 65535
            rpikafka1:0            | the port '0' is not a number from 1 to 65535
            rpikafka1:65536        | the port '65536' is not a number from 1 to 65535
            rpikafka1:90a2         | the port '90a2' is not a number from 1 to 65535
            rpikafka1:9092;x       | the port '9092;x' is not a number from 1 to 65535
            256.0.3.1:9092         | '256.0.3.1' is not an IPv4 address (four numbers 0-255)
            127.0.3:9092           | '127.0.3' is not an IPv4 address (four numbers 0-255)
            a b:9092               | 'a b' is not a host name (letters, digits, '-' and dots)
            -kafka:9092            | '-kafka' is not a host name (letters, digits, '-' and dots)
            kafka..lan:9092        | 'kafka..lan' is not a host name (letters, digits, '-' and dots)
            kafka_1:9092           | 'kafka_1' is not a host name (letters, digits, '-' and dots)
            http://kafka:9092      | 'http://kafka' is not a host name (letters, digits, '-' and dots)
            ::1:9092               | '::1' is not a host name (letters, digits, '-' and dots)
            """)
    void refused(String entry, String why) {
        assertEquals(why, assertThrows(HostPortSyntax.Invalid.class, () -> HostPortSyntax.parse(entry, 1)).getMessage());
    }
}
