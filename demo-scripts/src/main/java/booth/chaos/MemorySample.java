package booth.chaos;

import java.time.Instant;

/**
 * One daemon's memory at one moment of a chaos run, all from outside the daemon: resident
 * memory and threads from /proc, the heap in use and the heap still in use after a full
 * collection (the live heap) from jcmd; -1 where the sample could not be taken.
 */
record MemorySample(Instant at, long rssKib, long heapUsedKib, long liveHeapKib, long threads) {
}
