package booth;

import booth.daemon.PiPrograms;
import booth.protocol.command.Program;
import booth.tools.Programs;
import java.util.List;
import java.util.stream.Stream;

/** Every command of the booth, the client Pi's first, then the laptop's: the one list the tests check. */
final class AllPrograms {
    static final List<Program> ALL = Stream.concat(PiPrograms.ALL.stream(), Programs.ALL.stream()).toList();

    private AllPrograms() {
    }
}
