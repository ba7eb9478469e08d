package booth.daemon.control;

import booth.model.Level;
import booth.protocol.control.ControlAnswer;
import booth.protocol.control.ControlRequest;
import booth.protocol.control.ControlRequest.LevelOf;
import booth.protocol.control.DaemonStatus;
import java.util.Optional;
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

    /** Shows the {@code what} level, or sets it to {@code name} when given. */
    static int level(Democtl top, LevelOf what, String name) throws Exception {
        if (name == null) {
            Optional<ControlAnswer.StatusReport> a = top.call(new ControlRequest.Status());
            if (a.isEmpty()) {
                return Democtl.REFUSED;
            }
            DaemonStatus.Cassandra c = a.get().status().cassandra();
            top.out.println(what == LevelOf.WRITE ? c.writeLevel() : c.readLevel());
            return Democtl.OK;
        }
        var level = Level.parse(name).filter(what.valid()::contains);
        if (level.isEmpty()) {
            top.err.println("democtl: unknown " + what.wireName() + " level '" + name + "'; valid: " + Level.names(what.valid()));
            return Democtl.USAGE;
        }
        Optional<ControlAnswer.LevelSet> a = top.call(new ControlRequest.SetLevel(what, level.get()));
        if (a.isEmpty()) {
            return Democtl.REFUSED;
        }
        top.out.println(what.wireName() + " level " + a.get().level());
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
            return level(cl.top, LevelOf.WRITE, level);
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
            return level(cl.top, LevelOf.READ, level);
        }
    }
}
