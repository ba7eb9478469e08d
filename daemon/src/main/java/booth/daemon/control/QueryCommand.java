package booth.daemon.control;

import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A request whose answer is shown for people, or as JSON with --json. */
abstract class QueryCommand<A extends ControlAnswer> implements Callable<Integer> {
    @ParentCommand
    Democtl top;
    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;
    private final ControlRequest<A> request;

    QueryCommand(ControlRequest<A> request) {
        this.request = request;
    }

    /** The part of the answer that is shown, as one line of JSON. */
    abstract String json(A answer);

    abstract void human(A answer);

    @Override
    public Integer call() throws Exception {
        Optional<A> a = top.call(request);
        if (a.isEmpty()) {
            return Democtl.REFUSED;
        }
        if (json) {
            top.out.print(json(a.get()));
        } else {
            human(a.get());
        }
        return Democtl.OK;
    }
}
