package booth.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WrittenRowsTest {
    private static final Instant AT = Instant.parse("2026-12-06T12:00:00.123Z");

    private static Observed written(Instant at) {
        return Observed.parse("rpiclient1", "{\"v\":1,\"seq\":7,\"time\":\"" + at + "\",\"write_level\":\"ONE\","
                + "\"read_level\":\"ONE\",\"kind\":\"written\",\"latency_ms\":2.000,\"coordinator\":null,\"error\":null,"
                + "\"read_back\":{\"kind\":\"current\"},\"screen\":[\"W:ONE         \ue000\ue002\",\"ok, node ?    2ms\"],"
                + "\"backlight\":\"WHITE\",\"text\":\"ok\",\"run\":\"0a1b2c3d4e5f\"}");
    }

    @Test
    void aRowHoldingThisWriteIsTheTruth() {
        assertEquals(Optional.empty(), WrittenRows.judge(written(AT), Optional.of(AT)));
    }

    /** The clock's lie: an older row's timestamp won, and the read-back called the old row current. */
    @Test
    void aRowHoldingAnotherWriteIsAShadowedWrite() {
        TruthChecker.Lie lie = WrittenRows.judge(written(AT), Optional.of(AT.minusSeconds(600))).orElseThrow();
        assertEquals("written, but another write holds its row", lie.what());
        assertTrue(lie.detail().contains("run 0a1b2c3d4e5f seq 7") && lie.detail().contains("shown current"), lie.detail());
    }

    /**
     * A box restarted 10 minutes behind: the checker moves its lines to the true clock, but the
     * row was written on the box's clock, as the line says.
     */
    @Test
    void aBoxOnAWrongClockIsJudgedOnItsOwnClock() {
        Observed behind = written(AT).onTrueClock(Duration.ofMinutes(-10));
        assertEquals(AT.plusSeconds(600), behind.at());
        assertEquals(Optional.empty(), WrittenRows.judge(behind, Optional.of(AT)));
        assertEquals("written, but another write holds its row",
                WrittenRows.judge(behind, Optional.of(AT.plusSeconds(600))).orElseThrow().what());
    }

    @Test
    void noRowAtAllIsALostWrite() {
        assertEquals("written, but not in the table", WrittenRows.judge(written(AT), Optional.empty()).orElseThrow().what());
    }
}
