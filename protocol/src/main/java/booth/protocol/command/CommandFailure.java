package booth.protocol.command;

/**
 * A command's failure: the row of the table it exits with and the one line that says why.
 * {@link Commands} prints it after the command's name ({@code booth-daemon: configuration: ...})
 * and exits with the code. A bad command line is picocli's {@code ParameterException}
 * instead, which also prints the usage.
 */
public final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CommandFailure(ExitCode exitCode, String message) {
        super(message);
        if (exitCode == ExitCode.OK || exitCode == ExitCode.USAGE) {
            throw new IllegalArgumentException(exitCode + " is not a failure of a command that parsed: " + message);
        }
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
