package booth.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may take a place on the control socket: one line per case. */
class AdmissionTest {
    private static List<String> users(Object... countThenUser) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < countThenUser.length; i += 2) {
            all.addAll(Collections.nCopies((Integer) countThenUser[i], (String) countThenUser[i + 1]));
        }
        return all;
    }

    private static void check(String user, List<String> connected, String refusal) {
        assertEquals(Optional.ofNullable(refusal), Admission.refusal(user, connected), user + " with " + connected);
    }

    @Test
    void theTable() {
        check("alice", users(), null);
        check("alice", users(3, "alice"), null);
        check("alice", users(4, "alice"), "busy: user alice has 4 connections already");
        check("bob", users(4, "alice"), null);
        check("bob", users(4, "alice", 2, "bob"), null);
        check("bob", users(4, "alice", 3, "bob"), "busy: 7 clients connected; the last place is kept for root");
        check("", users(4, ""), "busy: user (unknown) has 4 connections already");
        check("root", users(4, "alice", 3, "bob"), null);
        check("root", users(4, "alice", 3, "bob", 1, "root"), "busy: 8 clients connected");
        check("alice", users(4, "alice", 3, "bob", 1, "root"), "busy: 8 clients connected");
        check("root", users(7, "root"), null);
    }
}
