package booth.protocol.command;

import java.util.Optional;

/**
 * Implemented by a top-level command whose code throws its own exception types: which of them
 * is which failure (picocli's exit code exception mapper, with the message). {@link Commands}
 * asks it about any exception but a {@link CommandFailure}; one it does not map is a bug, printed
 * with its stack trace, exit status {@link ExitCode#FAILED}.
 */
@FunctionalInterface
public interface FailureMapper {
    Optional<CommandFailure> failure(Exception e);
}
