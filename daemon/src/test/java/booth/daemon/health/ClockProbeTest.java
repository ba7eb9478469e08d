package booth.daemon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import booth.model.ClockSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockProbeTest {
    @TempDir
    Path dir;

    private ClockProbe probe(String timedatectlSays, int exit) {
        return new ClockProbe(dir.resolve("synchronized"), List.of("sh", "-c", "echo " + timedatectlSays + "; exit " + exit));
    }

    @Test
    void timesyncdsFlagMeansSynchronisedWithoutAskingTimedated() throws Exception {
        Files.createFile(dir.resolve("synchronized"));
        assertEquals(ClockSync.SYNCHRONISED, probe("no", 0).read());
    }

    @Test
    void withoutTheFlagTimedatedsAnswerDecides() {
        assertEquals(ClockSync.SYNCHRONISED, probe("yes", 0).read());
        assertEquals(ClockSync.NOT_SYNCHRONISED, probe("no", 0).read());
    }

    @Test
    void noAnswerIsUnknown() {
        assertEquals(ClockSync.UNKNOWN, probe("yes", 1).read(), "timedatectl failed (no system bus)");
        assertEquals(ClockSync.UNKNOWN, probe("maybe", 0).read());
        assertEquals(ClockSync.UNKNOWN, new ClockProbe(dir.resolve("synchronized"),
                List.of(dir.resolve("no-such-program").toString())).read(), "no timedatectl at all");
    }

    @Test
    void theWatchTellsTheFirstReadingAndEachChangeOnce() throws Exception {
        Path answer = dir.resolve("answer");
        Files.writeString(answer, "no");
        ClockWatch watch = new ClockWatch(new ClockProbe(dir.resolve("synchronized"), List.of("cat", answer.toString())));
        List<ClockSync> told = new ArrayList<>();
        watch.read(told::add);
        watch.read(told::add);
        Files.writeString(answer, "yes");
        watch.read(told::add);
        watch.read(told::add);
        assertEquals(List.of(ClockSync.NOT_SYNCHRONISED, ClockSync.SYNCHRONISED), told);
        assertEquals(ClockSync.SYNCHRONISED, watch.last());
    }
}
