package booth.daemon.control;

import booth.model.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cl", mixinStandardHelpOptions = true, description = "Shows or sets the consistency levels.",
        subcommands = {LevelCommand.Write.class, LevelCommand.Read.class})
final class LevelCommand implements Callable<Integer> {
    @ParentCommand
    Democtl top;

    @Override
    public Integer call() {
        top.err.println("democtl cl: say 'write' or 'read', optionally with a level");
        return Democtl.USAGE;
    }

    static int level(Democtl top, String what, String name, List<Level> valid) throws Exception {
        if (name == null) {
            JsonNode a = top.call(ControlProtocol.request("status"));
            if (a == null) {
                return Democtl.REFUSED;
            }
            top.out.println(a.path("status").path(what + "_level").asText());
            return Democtl.OK;
        }
        var level = Level.parse(name).filter(valid::contains);
        if (level.isEmpty()) {
            top.err.println("democtl: unknown " + what + " level '" + name + "'; valid: " + Level.names(valid));
            return Democtl.USAGE;
        }
        ObjectNode request = ControlProtocol.request("set-level");
        request.put("what", what);
        request.put("level", level.get().name());
        JsonNode a = top.call(request);
        if (a == null) {
            return Democtl.REFUSED;
        }
        top.out.println(what + " level " + a.path(what + "_level").asText());
        return Democtl.OK;
    }

    @Command(name = "write", mixinStandardHelpOptions = true, description = "Shows or sets the write level.")
    static final class Write implements Callable<Integer> {
        @ParentCommand
        LevelCommand cl;
        @Parameters(arity = "0..1", paramLabel = "LEVEL", description = "ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM, ANY (any case)")
        String level;

        @Override
        public Integer call() throws Exception {
            return level(cl.top, "write", level, Level.WRITE_LEVELS);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Shows or sets the read-back level.")
    static final class Read implements Callable<Integer> {
        @ParentCommand
        LevelCommand cl;
        @Parameters(arity = "0..1", paramLabel = "LEVEL", description = "ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM (any case)")
        String level;

        @Override
        public Integer call() throws Exception {
            return level(cl.top, "read", level, Level.READ_LEVELS);
        }
    }
}
