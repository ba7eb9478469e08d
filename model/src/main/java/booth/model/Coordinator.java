package booth.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node that coordinated a request, as the driver's execution info names it.
 *
 * @param dc      its data centre
 * @param rack    its rack
 * @param address its address, for example {@code 127.0.1.2}
 * @param name    its booth name from the topology file (rpidc1r2n1), or null when unknown
 */
public record Coordinator(String dc, String rack, String address, String name) {
    private static final Pattern BOOTH_NAME = Pattern.compile("rpidc\\d+r\\d+n(\\d+)");

    /**
     * Nine characters or fewer for the screen: "DC1 r2 n1" for a booth name, else the DC, the
     * rack and the address's last octet ("DC1 r2 .12").
     */
    public String label() {
        String node;
        Matcher m = name == null ? null : BOOTH_NAME.matcher(name);
        if (m != null && m.matches()) {
            node = "n" + m.group(1);
        } else {
            int dot = address.lastIndexOf('.');
            node = dot < 0 ? address : address.substring(dot); // an IPv6 address has none
        }
        String label = dc + " " + rack + " " + node;
        return label.length() <= 10 ? label : label.substring(0, 10);
    }
}
