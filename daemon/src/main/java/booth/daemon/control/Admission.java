package booth.daemon.control;

import java.util.Collection;
import java.util.Optional;

/**
 * Who may take a place on the control socket. Members of the socket's group are staff, but a
 * member's runaway script (or eight clients each sending a byte every 20 s) used to hold all
 * eight places and lock democtl out. So: {@link #PLACES} places in all, the last one kept for
 * root (staff's way in with sudo when everything else is taken), and at most {@link #PER_USER}
 * for any one other user. The user is the peer's, as the kernel vouches for it (SO_PEERCRED).
 */
final class Admission {
    static final int PLACES = 8;
    static final int PER_USER = 4;
    static final String ROOT = "root";

    private Admission() {
    }

    /**
     * Why {@code user} may not connect now, or empty when it may.
     *
     * @param user      the peer's user name; empty when the kernel cannot say (counted as one user)
     * @param connected the users of the connections already open
     */
    static Optional<String> refusal(String user, Collection<String> connected) {
        if (connected.size() >= PLACES) {
            return Optional.of("busy: " + PLACES + " clients connected");
        }
        if (user.equals(ROOT)) {
            return Optional.empty();
        }
        if (connected.size() >= PLACES - 1) {
            return Optional.of("busy: " + connected.size() + " clients connected; the last place is kept for root");
        }
        long own = connected.stream().filter(user::equals).count();
        if (own >= PER_USER) {
            return Optional.of("busy: user " + (user.isEmpty() ? "(unknown)" : user) + " has " + own
                    + " connections already");
        }
        return Optional.empty();
    }
}
