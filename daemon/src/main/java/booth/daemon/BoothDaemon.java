package booth.daemon;

import java.io.PrintStream;

/**
 * The client daemon's entry point: {@code java -jar booth.jar} or {@code daemon/bin/booth-daemon}.
 *
 * <p>{@link #run} returns the exit status and {@link #main} alone calls {@code System.exit},
 * so tests can run the command line without ending their JVM. Exit statuses (systemd reads
 * them, see systemd/): 0 normal stop, 2 bad command line, 69 this build has no daemon yet.
 */
public final class BoothDaemon {
    public static final int OK = 0;
    public static final int USAGE = 2;
    /** EX_UNAVAILABLE: the write loop, screens and keypad are not in this build yet. */
    public static final int UNAVAILABLE = 69;

    static final String USAGE_TEXT = """
            usage: booth-daemon [--help] [--version]
            The client daemon of the resilience demo booth. This build carries the hardware
            layer and the local cluster; the write loop, screens and keypad are still to come.
            """;

    private BoothDaemon() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(USAGE_TEXT);
            return OK;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("booth-daemon " + version());
            return OK;
        }
        if (args.length > 0) {
            err.println("booth-daemon: unknown argument '" + args[0] + "'");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        err.println("booth-daemon: this build has no write loop yet; nothing to run");
        return UNAVAILABLE;
    }

    /** The version in the jar's manifest, or "development" when run from classes. */
    static String version() {
        String v = BoothDaemon.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
