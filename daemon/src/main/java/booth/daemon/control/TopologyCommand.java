package booth.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Every node the driver knows: DC, rack, address, state, open connections.")
final class TopologyCommand extends QueryCommand {
    TopologyCommand() {
        super("topology", "nodes");
    }

    @Override
    void human(JsonNode nodes) {
        top.out.printf("%-5s %-5s %-15s %-12s %-8s %s%n", "DC", "RACK", "ADDRESS", "NAME", "STATE", "CONNECTIONS");
        for (JsonNode n : nodes) {
            top.out.printf("%-5s %-5s %-15s %-12s %-8s %d%n", n.path("dc").asText(), n.path("rack").asText(),
                    n.path("address").asText(), n.path("name").isTextual() ? n.path("name").asText() : "-",
                    n.path("state").asText(), n.path("open_connections").asInt());
        }
        if (nodes.isEmpty()) {
            top.out.println("(the daemon is not connected to the cluster yet)");
        }
    }
}
