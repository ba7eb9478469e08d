package booth.hal;

/**
 * The booth's buttons pressed from a computer's keyboard (laptop mode). Terminals report key
 * presses, never releases: an implementation holds a typed key's button down for a short tap,
 * longer while the key's auto-repeat keeps arriving.
 */
public interface KeyboardButtons {
    /** {@code key} arrived from the terminal now. */
    void typed(TypedKey key);

    /** Lets go of buttons whose time is up; call it often (every 20 ms or so). */
    void tick();
}
