package booth.hal.plate;

import booth.hal.BusException;
import booth.hal.ButtonEvent;
import booth.hal.ButtonTiming;
import booth.hal.ButtonTracker;
import booth.hal.I2cSpeed;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.hal.PollingThread;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plate from one bus thread, the only thread that ever touches the bus: every 20 ms it
 * reads the keys (one read), turns them into debounced events, and brings the LCD up to date
 * with the latest frame asked for. Callers never wait for the bus: {@link #show} only hands over
 * a frame.
 *
 * <p>When the bus fails (plate unplugged, no acknowledge, I/O error) the plate is reported
 * absent, keys held down are released, and set-up is retried every second; when the plate
 * answers again it is re-initialised fully and the latest frame drawn. Nothing is thrown at the
 * caller.
 *
 * <p>A brown-out resets the MCP23017 without failing any transaction; the key read tells (see
 * {@link LcdPlate#readKeys()}) within one poll. Then the keys of that read are dropped (they
 * would all look pressed), keys held are released, the plate is set up again (the LCD re-synced
 * to 4-bit mode, whatever state its floating E line left it in) and the latest frame redrawn,
 * with one line in the log. A plate that loses its set-up within a second of it (GPA5 wired to
 * something, or a supply that keeps dipping) is reported absent once and retried quietly every
 * second, until a set-up holds for a second.
 */
public final class PlateDriver implements AutoCloseable {
    /** What the driver reports; called on the bus thread, so it must return quickly. */
    public interface Listener {
        void button(ButtonEvent event);

        /** The plate answered again ({@code present}) or stopped answering ({@code reason} says how). */
        void presence(boolean present, String reason);
    }

    public static final Duration POLL_PERIOD = Duration.ofMillis(20);
    public static final Duration RETRY_PERIOD = Duration.ofSeconds(1);
    /**
     * The LCD is re-synced and redrawn this often ({@link LcdPlate#resync()}): an LCD that lost
     * its state by itself, which no read can see, shows the right frame again within this.
     */
    public static final Duration LCD_RESYNC_PERIOD = Duration.ofSeconds(30);
    /** Key reads (a second of polls) a set-up must survive before a lost one counts as a brown-out. */
    static final int SETTLED_READS = 50;

    private static final Logger log = LoggerFactory.getLogger(PlateDriver.class);

    private final LcdPlate plate;
    private final int address;
    private final Ticker ticker;
    private final Listener listener;
    private final ButtonTracker keys;
    private final AtomicReference<PlateFrame> wanted = new AtomicReference<>(PlateFrame.BLANK);
    private volatile boolean reinitialiseAsked;
    private volatile boolean present;
    private PlateFrame drawn;
    private long nextResync;
    /**
     * Healthy key reads since the last set-up. A set-up lost before {@link #SETTLED_READS} of
     * them (a second) is not a brown-out healed but a plate that cannot keep it.
     */
    private int healthyReads;
    /** The plate answers but loses its set-up at once, again and again: reported once, retried quietly. */
    private boolean losesSetUp;
    private long nextAttempt;
    private volatile PollingThread thread;
    private volatile boolean stopped;
    /** Callers waiting for the next drawing ({@link #flush()}); completed by the bus thread. */
    private final Queue<CompletableFuture<Void>> flushes = new ConcurrentLinkedQueue<>();

    public PlateDriver(RegisterBus bus, PlatePolarity polarity, I2cSpeed speed, Ticker ticker, ButtonTiming timing,
                       Listener listener) {
        this.plate = new LcdPlate(bus, polarity, ticker, speed);
        this.address = bus.address();
        this.ticker = ticker;
        this.listener = listener;
        this.keys = new ButtonTracker(timing, EnumSet.allOf(KeypadButton.class));
        this.nextAttempt = ticker.nanoTime();
    }

    /** Starts the bus thread. */
    public void start() {
        thread = new PollingThread("lcd-plate", POLL_PERIOD, ticker, this::step);
        thread.start();
    }

    /** Asks for {@code frame} to be shown; returns at once. Only the latest frame asked for is drawn. */
    public void show(PlateFrame frame) {
        wanted.set(frame);
    }

    /**
     * Completes once the next step of the bus thread has drawn the frame asked for last (or
     * found the plate absent), or at once when the driver is closed: how a caller waits for a screen that must be seen, such as the
     * stopping screen, without guessing a sleep.
     */
    public CompletionStage<Void> flush() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        flushes.add(f);
        if (stopped) {
            completeFlushes(List.copyOf(flushes));
        }
        return f;
    }

    private void completeFlushes(List<CompletableFuture<Void>> done) {
        flushes.removeAll(done);
        done.forEach(f -> f.complete(null));
    }

    /** Asks for a full re-initialisation of the plate and a redraw, as after a power glitch. */
    public void reinitialise() {
        reinitialiseAsked = true;
    }

    /** Whether the plate answered on its last attempt. */
    public boolean present() {
        return present;
    }

    /**
     * One iteration of the bus thread: set-up if needed, keys, then the display. Public so that
     * tests drive the driver step by step with a fake clock.
     */
    public void step() throws InterruptedException {
        List<CompletableFuture<Void>> waiting = List.copyOf(flushes);
        try {
            draw();
        } finally {
            completeFlushes(waiting);
        }
    }

    private void draw() throws InterruptedException {
        long now = ticker.nanoTime();
        if (reinitialiseAsked) {
            reinitialiseAsked = false;
            present = false;
            nextAttempt = now;
        }
        if (!present) {
            if (now < nextAttempt) {
                return;
            }
            try {
                plate.initialise();
                drawn = null;
                present = true;
                healthyReads = 0;
                nextResync = now + LCD_RESYNC_PERIOD.toNanos();
                if (!losesSetUp) {
                    log.info("LCD plate at 0x{} initialised", Integer.toHexString(address));
                    listener.presence(true, "initialised");
                }
            } catch (BusException e) {
                nextAttempt = now + RETRY_PERIOD.toNanos();
                return;
            }
        }
        try {
            Optional<Set<KeypadButton>> down = plate.readKeys();
            if (down.isEmpty()) {
                keys.releaseAll(ticker.nanoTime()).forEach(listener::button);
                if (healthyReads < SETTLED_READS) {
                    present = false;
                    nextAttempt = now + RETRY_PERIOD.toNanos();
                    if (!losesSetUp) {
                        losesSetUp = true;
                        String reason = "the plate loses its set-up right after it (GPA5 reads low)";
                        log.warn("LCD plate at 0x{}: {}; retrying every {} s", Integer.toHexString(address), reason,
                                RETRY_PERIOD.toSeconds());
                        listener.presence(false, reason);
                    }
                    return;
                }
                plate.initialise();
                drawn = null;
                healthyReads = 0;
                log.warn("LCD plate at 0x{} lost its set-up (a brown-out reset the MCP23017): set up again, frame redrawn",
                        Integer.toHexString(address));
            } else {
                healthyReads = Math.min(healthyReads + 1, SETTLED_READS); // a count that never wraps
                if (losesSetUp && healthyReads >= SETTLED_READS) {
                    losesSetUp = false;
                    log.info("LCD plate at 0x{} keeps its set-up again", Integer.toHexString(address));
                    listener.presence(true, "keeps its set-up again");
                }
                keys.sample(down.get(), ticker.nanoTime()).forEach(listener::button);
            }
            if (now - nextResync >= 0) {
                nextResync = now + LCD_RESYNC_PERIOD.toNanos();
                plate.resync();
                drawn = null;
            }
            PlateFrame frame = wanted.get();
            if (frame != drawn) {
                plate.show(frame);
                drawn = frame;
            }
        } catch (BusException e) {
            present = false;
            nextAttempt = now + RETRY_PERIOD.toNanos();
            log.warn("LCD plate lost: {}; retrying every {} s", e.getMessage(), RETRY_PERIOD.toSeconds());
            keys.releaseAll(ticker.nanoTime()).forEach(listener::button);
            listener.presence(false, e.getMessage());
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.close();
        }
        completeFlushes(List.copyOf(flushes));
    }
}
