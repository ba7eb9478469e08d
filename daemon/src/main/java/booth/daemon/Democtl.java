package booth.daemon;

import java.io.PrintStream;

/**
 * {@code democtl}, the staff command that talks to the running daemon over its control socket.
 * Exit statuses: 0 done, 2 bad usage, 69 this build has no control socket yet.
 */
public final class Democtl {
    static final String USAGE_TEXT = """
            usage: democtl [--help] [--version]
            Controls the booth's client daemon over its control socket. This build has no
            control socket yet: status, levels, pause, reset and tail are still to come.
            """;

    private Democtl() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(USAGE_TEXT);
            return BoothDaemon.OK;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("democtl " + BoothDaemon.version());
            return BoothDaemon.OK;
        }
        if (args.length > 0) {
            err.println("democtl: unknown command '" + args[0] + "'");
            err.print(USAGE_TEXT);
            return BoothDaemon.USAGE;
        }
        err.print(USAGE_TEXT);
        return BoothDaemon.USAGE;
    }
}
