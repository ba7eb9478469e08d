package booth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.ui.UiEvent;
import booth.hal.Backlight;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateView;
import booth.hal.plate.PlateDriver;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.TraceReplay;
import booth.hal.virtual.VirtualPlate;
import booth.testing.CassandraCluster;
import booth.testing.CassandraClusterExtension;
import booth.testing.Polling;
import booth.testing.TestBoxes;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The daemon's own plate traffic, recorded over a minute of changing screens with a brown-out
 * and a staff re-initialisation in it, at each bus clock a booth may run (100 kHz, 400 kHz,
 * 1 MHz, one box each, side by side on the CI cluster), then replayed through the virtual chips:
 * not one protocol or timing mistake, and the figures of what it cost.
 */
@ExtendWith(CassandraClusterExtension.class)
class PlateTraceIT {
    private static final List<I2cSpeed> SPEEDS = List.of(I2cSpeed.STANDARD, I2cSpeed.FAST, I2cSpeed.FAST_PLUS);

    private final CassandraCluster it;
    private final List<ClientBox> boxes = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    PlateTraceIT(CassandraCluster it) {
        this.it = it;
    }

    @AfterEach
    void stop() {
        boxes.forEach(ClientBox::close);
        ((Logger) LoggerFactory.getLogger(PlateDriver.class)).detachAppender(log);
    }

    private static VirtualPlate plate(ClientBox box) {
        return box.panel().virtualPlate().orElseThrow();
    }

    private void awaitAll(String what, Duration limit, Predicate<ClientBox> condition) {
        for (ClientBox box : boxes) {
            PlateView v = plate(box).view();
            Polling.until(what + " (screen now: " + v.text() + " " + v.backlight() + ")", limit, () -> condition.test(box));
        }
    }

    /** Lines the drivers logged with {@code text} (logback appends under the appender's lock). */
    private long logged(String text) {
        synchronized (log) {
            return log.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
        }
    }

    private void awaitWrites(long n) {
        awaitAll(n + " writes", Duration.ofSeconds(90), b -> TestBoxes.writes(b) >= n);
    }

    /**
     * A key tapped as a finger would: down for three of the driver's polls (its 20 ms debounce
     * met, far from the 500 ms of a repeat, however slow the machine), then up for three more (so
     * the next tap is a new press); then the page it leads to.
     */
    private void tap(KeypadButton key, String topStartsWith) {
        for (ClientBox box : boxes) {
            plate(box).press(key);
        }
        awaitPolls("the " + key + " key held");
        for (ClientBox box : boxes) {
            plate(box).release(key);
        }
        awaitPolls("the " + key + " key let go");
        awaitAll("the " + key + " key to show " + topStartsWith, Duration.ofSeconds(5),
                b -> plate(b).view().top().startsWith(topStartsWith));
    }

    /** Waits until every box's driver has read its keys three more times. */
    private void awaitPolls(String what) {
        Map<ClientBox, Long> before = new HashMap<>();
        boxes.forEach(b -> before.put(b, plate(b).reads()));
        awaitAll(what + " for three polls", Duration.ofSeconds(5), b -> plate(b).reads() >= before.get(b) + 3);
    }

    @Test
    void aMinuteOfTheDaemonsTrafficDecodesWithoutAMistakeAtEveryBusClock(@TempDir Path dir) throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(PlateDriver.class)).addAppender(log);
        for (I2cSpeed speed : SPEEDS) {
            boxes.add(TestBoxes.start(it, "trace" + speed.hz(), "LOCAL_QUORUM", "hardware { i2c-hz = " + speed.hz()
                    + ", record-bus = \"" + dir.resolve("trace-" + speed.hz() + ".jsonl") + "\" }"));
        }
        awaitAll("a green write", Duration.ofSeconds(90), b -> plate(b).view().backlight() == Backlight.GREEN);
        awaitWrites(15);

        // The brown-out lands between two steps of the bus thread, as it would between two
        // transactions: the flush completes on that thread once a step has drawn.
        for (ClientBox box : boxes) {
            box.panel().plate().flush().thenRun(plate(box)::brownOut);
        }
        // every driver has seen its brown-out (a box still showing its frame may not have had it yet)
        awaitAll("every driver to find its plate reset", Duration.ofSeconds(5),
                b -> logged("lost its set-up") >= boxes.size());
        awaitAll("the frame redrawn after the brown-out", Duration.ofSeconds(5),
                b -> plate(b).view().top().startsWith("W:") && plate(b).view().backlight() != Backlight.OFF);
        tap(KeypadButton.RIGHT, "LOCAL_QUORUM"); // the prediction page
        tap(KeypadButton.RIGHT, "R:");
        tap(KeypadButton.RIGHT, "ok ");
        tap(KeypadButton.UP, "p50 write");
        tap(KeypadButton.SELECT, "W:");
        awaitWrites(35);

        for (ClientBox box : boxes) {
            box.post(new UiEvent.RestartDisplay());
        }
        awaitAll("the plate set up again by staff", Duration.ofSeconds(10),
                b -> logged("initialised") >= 2L * boxes.size());
        awaitWrites(65);
        List<List<String>> liveMistakes = boxes.stream().map(b -> plate(b).mistakes()).toList();
        boxes.forEach(ClientBox::close);
        boxes.clear();

        assertEquals(SPEEDS.size(), logged("lost its set-up"),
                "one line per brown-out: " + log.list);
        for (int i = 0; i < SPEEDS.size(); i++) {
            I2cSpeed speed = SPEEDS.get(i);
            assertEquals(List.of(), liveMistakes.get(i), "the virtual plate at " + speed);
            TraceReplay.Result r = TraceReplay.replay(dir.resolve("trace-" + speed.hz() + ".jsonl"), speed, PlatePolarity.ADAFRUIT);
            System.out.printf(Locale.ROOT, "daemon trace at %s: %d transactions, %d LCD bytes, %.2f bytes per LCD byte to the"
                    + " LCD's port, %d mistakes%n", speed, r.transactions(), r.lcdBytes(), r.bytesPerLcdByte(), r.mistakes().size());
            assertEquals(List.of(), r.mistakes(), "the recorded traffic at " + speed);
            assertTrue(r.lcdBytes() > 500, r.lcdBytes() + " LCD bytes: a minute of screens");
        }
    }
}
