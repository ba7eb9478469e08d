package booth.protocol.control;

/**
 * A request line the daemon refuses as it stands, before doing anything: not one JSON object,
 * another protocol version, an unknown command, or an argument of the wrong type or value. The
 * message is the refusal's reason, as the error answer carries it.
 */
public final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
