package booth.protocol.config;

import booth.model.HostPort;
import java.util.regex.Pattern;

/**
 * The one syntax check of a {@code host:port} entry, for every key that names nodes or brokers.
 * Only the text is checked: a name is not looked up (the booth's DNS may come later), which is
 * the connecting client's job.
 */
final class HostPortSyntax {
    /** What is expected, for the messages. */
    static final String EXPECTED = "host:port, the host a name or an IPv4 address, the port a number";

    /** An entry that is not host:port, and why. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String why) {
            super(why);
        }
    }

    /** RFC 1123 labels: letters, digits and '-', not at either end, up to 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private HostPortSyntax() {
    }

    /** {@code entry} as a host and a port from {@code lowestPort} (0 for "any free port") to 65535. */
    static HostPort parse(String entry, int lowestPort) throws Invalid {
        String e = entry.strip();
        if (e.isEmpty()) {
            throw new Invalid("an empty entry (a stray comma?)");
        }
        int colon = e.lastIndexOf(':');
        if (colon < 0) {
            throw new Invalid("no port");
        }
        String host = e.substring(0, colon);
        String port = e.substring(colon + 1);
        if (host.isEmpty()) {
            throw new Invalid("no host");
        }
        int n = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
        if (n < lowestPort || n > 65535) {
            throw new Invalid("the port '" + port + "' is not a number from " + lowestPort + " to 65535");
        }
        checkHost(host);
        return new HostPort(host, n);
    }

    private static void checkHost(String host) throws Invalid {
        if (NUMERIC.matcher(host).matches()) {
            String[] octets = host.split("\\.", -1);
            if (octets.length != 4) {
                throw new Invalid("'" + host + "' is not an IPv4 address (four numbers 0-255)");
            }
            for (String o : octets) {
                if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                    throw new Invalid("'" + host + "' is not an IPv4 address (four numbers 0-255)");
                }
            }
            return;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253 || name.isEmpty()) {
            throw new Invalid("'" + host + "' is not a host name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new Invalid("'" + host + "' is not a host name (letters, digits, '-' and dots)");
            }
        }
    }
}
