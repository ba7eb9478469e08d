package booth.protocol.command;

/**
 * The exit statuses of every command of the booth: this is the one table (docs/exit-codes.md is
 * checked against it). The numbers above 2 are BSD {@code sysexits.h}'s, which systemd knows;
 * {@code systemd/booth-daemon.service} never restarts the daemon on {@link #USAGE},
 * {@link #CANTCREAT} or {@link #CONFIG}, because each needs a person. A code, once given, keeps
 * its number and its meaning: scripts and systemd test them.
 */
public enum ExitCode {
    OK(0, "done; stopped normally; the check passed"),
    FAILED(1, "the command ran and failed, or found a failure; the message says which"),
    USAGE(2, "bad command line (unknown option or command, a missing or bad argument); nothing was done"),
    UNAVAILABLE(69, "a service the command needs cannot be reached or used"),
    SOFTWARE(70, "the run could not be carried out (what it needed would not start)"),
    CANTCREAT(73, "another live daemon answers on the control socket: stop it first"),
    CONFIG(78, "bad configuration: one line names the key; systemd does not restart the daemon on it"),
    /** Only the shell scripts exit so (their trap on INT and TERM); listed for their table row. */
    INTERRUPTED(130, "stopped by Ctrl-C or SIGTERM (128 + SIGINT), after cleaning up");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** What the code means for every command; a command's own {@link Exit} may say more. */
    public String meaning() {
        return meaning;
    }
}
