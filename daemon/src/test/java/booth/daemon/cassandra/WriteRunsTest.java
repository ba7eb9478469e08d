package booth.daemon.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteRunsTest {
    @Test
    void writesAreNumberedFromOneAndANewRunStartsAgainUnderANewName() {
        WriteRuns runs = new WriteRuns(new Random(7));
        String first = runs.current();
        assertEquals(new WriteRuns.Next(first, 1), runs.next());
        assertEquals(new WriteRuns.Next(first, 2), runs.next());
        runs.startNew();
        String second = runs.current();
        assertNotEquals(first, second);
        assertEquals(new WriteRuns.Next(second, 1), runs.next());
    }

    /** Twelve hexadecimal digits, random: a thousand runs never share a name. */
    @Test
    void runNamesAreTwelveHexDigitsAndDoNotRepeat() {
        WriteRuns runs = new WriteRuns(new java.security.SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            runs.startNew();
            assertTrue(runs.current().matches("[0-9a-f]{12}"), runs.current());
            assertTrue(seen.add(runs.current()), "repeated " + runs.current());
        }
    }
}
