package booth.daemon.control;

import booth.model.ClusterNode;
import booth.protocol.control.AnswerJson;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import picocli.CommandLine.Command;

@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Every node the driver knows: DC, rack, address, state, open connections.")
final class TopologyCommand extends QueryCommand<ControlAnswer.Nodes> {
    TopologyCommand() {
        super(new ControlRequest.Topology());
    }

    @Override
    String json(ControlAnswer.Nodes answer) {
        return AnswerJson.nodesLine(answer.nodes());
    }

    @Override
    void human(ControlAnswer.Nodes answer) {
        top.out.printf("%-5s %-5s %-15s %-12s %-8s %s%n", "DC", "RACK", "ADDRESS", "NAME", "STATE", "CONNECTIONS");
        for (ClusterNode n : answer.nodes()) {
            top.out.printf("%-5s %-5s %-15s %-12s %-8s %d%n", n.dc(), n.rack(), n.address(), n.name() == null ? "-" : n.name(),
                    n.state(), n.openConnections());
        }
        if (answer.nodes().isEmpty()) {
            top.out.println("(the daemon is not connected to the cluster yet)");
        }
    }
}
