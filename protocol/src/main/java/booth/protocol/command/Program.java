package booth.protocol.command;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A command the booth ships, as its lists name it ({@code PiPrograms}, {@code Programs}): how to
 * make its picocli object, and the sections its man page adds to the picocli model (FILES,
 * ENVIRONMENT, SEE ALSO); a program without them has no man page. Its {@code main} is
 * {@code System.exit(PROGRAM.run(args))}.
 */
public record Program(Factory factory, Optional<List<ManPage.Section>> manPage) {
    /** Makes the command's object, writing to the streams given. */
    @FunctionalInterface
    public interface Factory {
        Object create(PrintStream out, PrintStream err);
    }

    public static Program of(Factory factory) {
        return new Program(factory, Optional.empty());
    }

    /** The same program, with a man page that adds {@code sections} to what picocli knows. */
    public Program withManPage(ManPage.Section... sections) {
        return new Program(factory, Optional.of(List.of(sections)));
    }

    /** A fresh command line of the program, built by {@link Commands}. */
    public CommandLine commandLine(PrintStream out, PrintStream err) {
        return Commands.commandLine(factory.create(out, err), out, err);
    }

    /** Parses {@code args}, runs the command and returns its exit status. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    public int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Its command line, writing nowhere: the model, for the man page and the docs' checks. */
    public CommandLine model() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return commandLine(nowhere, nowhere);
    }

    /** The command's name, as {@code --help} and the man page give it. */
    public String name() {
        return model().getCommandSpec().name();
    }

    /** The exit statuses it documents. */
    public List<ExitCode> exitCodes() {
        return Commands.exitCodes(model().getCommand().getClass());
    }
}
