package booth.protocol.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Writes the man pages of a list of programs: the Debian package's build runs it for the Pi's
 * ({@code booth.daemon.PiPrograms}), {@code demo-scripts/man} for every one.
 */
@Command(name = "man-pages", mixinStandardHelpOptions = true,
        description = "Writes the man page of each booth command that has one into DIRECTORY, as NAME.1 (man(7)).")
@Exit(value = ExitCode.FAILED, when = "a page could not be written")
public final class ManPages implements Callable<ExitCode>, FailureMapper {
    private final List<Program> programs;

    @Parameters(paramLabel = "DIRECTORY", description = "where the pages go (made if missing)")
    Path dir;

    public ManPages(List<Program> programs) {
        this.programs = programs;
    }

    @Override
    public ExitCode call() throws IOException {
        Files.createDirectories(dir);
        for (Program p : programs) {
            if (p.manPage().isPresent()) {
                Files.writeString(dir.resolve(p.name() + ".1"), ManPage.render(p), StandardCharsets.UTF_8);
            }
        }
        return ExitCode.OK;
    }

    @Override
    public Optional<CommandFailure> failure(Exception e) {
        return e instanceof IOException ? Optional.of(new CommandFailure(ExitCode.FAILED, "cannot write: " + e.getMessage()))
                : Optional.empty();
    }
}
