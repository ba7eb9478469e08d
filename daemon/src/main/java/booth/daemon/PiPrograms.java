package booth.daemon;

import booth.daemon.control.Democtl;
import booth.hal.tools.PlateCheck;
import booth.protocol.command.ManPages;
import booth.protocol.command.Program;
import java.util.List;

/**
 * The commands of the client Pi's jar, each with a man page. The Debian package's build writes
 * their pages with {@code java -cp booth.jar booth.daemon.PiPrograms DIRECTORY}.
 */
public final class PiPrograms {
    public static final List<Program> ALL = List.of(BoothDaemon.PROGRAM, Democtl.PROGRAM, PlateCheck.PROGRAM);

    /** The man page writer of these: {@code man-pages DIRECTORY}. */
    public static final Program MAN_PAGES = Program.of((out, err) -> new ManPages(ALL));

    private PiPrograms() {
    }

    public static void main(String[] args) {
        System.exit(MAN_PAGES.run(args));
    }
}
