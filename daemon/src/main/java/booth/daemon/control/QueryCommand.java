package booth.daemon.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A request whose answer is shown for people, or as JSON with --json. */
abstract class QueryCommand implements Callable<Integer> {
    @ParentCommand
    Democtl top;
    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;
    private final String command;
    private final String field;

    /** @param field the part of the answer that is shown */
    QueryCommand(String command, String field) {
        this.command = command;
        this.field = field;
    }

    abstract void human(JsonNode shown);

    @Override
    public Integer call() throws Exception {
        JsonNode a = top.call(ControlProtocol.request(command));
        if (a == null) {
            return Democtl.REFUSED;
        }
        if (json) {
            top.json(a.path(field));
        } else {
            human(a.path(field));
        }
        return Democtl.OK;
    }
}
