package booth.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Past an unreadable batch in about log2(n) fetches, counted once, never past the partition's end. */
class BatchSkipsTest {
    /** Follows the skips past a batch of {@code n} records at offset 100, the partition ending at {@code end}. */
    private static long[] pass(BatchSkips<String> skips, int n, long end) {
        long at = 100;
        int fetches = 0;
        int batches = 0;
        while (at < 100 + n) {
            BatchSkips.Skip s = skips.failedAt("p", at, end);
            batches += s.newBatch() ? 1 : 0;
            assertTrue(s.offset() > at, "always forward");
            at = s.offset();
            fetches++;
        }
        skips.read("p");
        return new long[] {at, fetches, batches};
    }

    @Test
    void aBatchIsLeftInLogTwoFetchesAndCountedOnce() {
        for (int n : new int[] {1, 2, 3, 50, 1000, 100_000}) {
            long[] r = pass(new BatchSkips<>(), n, Long.MAX_VALUE);
            assertEquals(1, r[2], "one batch counted once");
            assertTrue(r[1] <= 1 + Math.ceil(Math.log(n + 1) / Math.log(2)), n + " records: " + r[1] + " fetches");
            assertTrue(r[0] < 100 + 2L * n, "at most n - 1 records past its end: " + r[0]);
        }
    }

    @Test
    void neverPastThePartitionsEndAndANewBatchLaterIsCountedAgain() {
        BatchSkips<String> skips = new BatchSkips<>();
        long[] r = pass(skips, 1000, 1100);
        assertEquals(1100, r[0], "the end, where the next records will come");
        assertTrue(skips.failedAt("p", 5000, 6000).newBatch(), "records came in between: another batch");
    }
}
