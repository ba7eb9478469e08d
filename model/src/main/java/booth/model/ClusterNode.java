package booth.model;

/**
 * A Cassandra node as a client's driver sees it (democtl topology).
 *
 * @param name            its booth name from the topology file, or null when unknown
 * @param state           the driver's view: up, down, unknown or forced_down
 * @param openConnections connections the driver has open to it now
 * @param replica         whether it holds a replica of the client's partition (false while the
 *                        driver has no token map)
 */
public record ClusterNode(String dc, String rack, String address, String name, String state, int openConnections,
                          boolean replica) {
    /** Whether the driver holds it up. */
    public boolean up() {
        return state.equals("up");
    }
}
