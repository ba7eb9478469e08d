package booth.model;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A node or a broker as a configuration names it: a host name or an IPv4 address, and a port.
 * Never resolved here: the booth's DNS may come up after the box, so a name is looked up by the
 * client that connects, each time it connects.
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a host and port: '" + host + "', " + port);
        }
    }

    /** For a client that resolves when it connects (the JDK's sockets, netty). */
    public InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** As Kafka's {@code bootstrap.servers} takes a list: {@code host:port,host:port}. */
    public static String commaSeparated(List<HostPort> list) {
        return list.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    /** {@code host:port}, as the configuration wrote it and as the driver and Kafka read it. */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
