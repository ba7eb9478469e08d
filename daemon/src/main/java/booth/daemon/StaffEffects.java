package booth.daemon;

import booth.daemon.ui.KeypadMachine;
import booth.daemon.ui.UiEvent;
import booth.hal.Ticker;
import booth.hal.plate.PlateDriver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what the keypad machine asks besides the screen: re-initialise the plate (and
 * exit for systemd to restart the daemon when its write loop has stalled), power off, reboot.
 * Called on the ui thread and returns at once: power commands run on a "power" thread of their
 * own, and an unhealthy exit is handed to the entry point.
 */
final class StaffEffects implements Consumer<KeypadMachine.Effect>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StaffEffects.class);

    private final PlateDriver plate;
    private final WriteLoop writes;
    private final PowerActions power;
    private final Ticker ticker;
    private final Consumer<UiEvent> post;
    private final Runnable exitUnhealthy;
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "power");
        t.setDaemon(true);
        return t;
    });

    StaffEffects(PlateDriver plate, WriteLoop writes, PowerActions power, Ticker ticker, Consumer<UiEvent> post,
                 Runnable exitUnhealthy) {
        this.plate = plate;
        this.writes = writes;
        this.power = power;
        this.ticker = ticker;
        this.post = post;
        this.exitUnhealthy = exitUnhealthy;
    }

    @Override
    public void accept(KeypadMachine.Effect effect) {
        switch (effect) {
            case RESTART_DISPLAY -> {
                log.info("staff: restarting the display");
                plate.reinitialise();
                long now = ticker.nanoTime();
                if (!writes.healthy(now)) {
                    log.error("the write loop has not ticked for {} s: exiting so that systemd restarts the daemon",
                            writes.secondsSinceTick(now));
                    exitUnhealthy.run();
                }
            }
            case POWER_OFF -> commands.execute(() -> power.powerOff(why -> post.accept(new UiEvent.PowerFailed(why)),
                    () -> post.accept(new UiEvent.PowerSimulated(true))));
            case REBOOT -> commands.execute(() -> power.reboot(why -> post.accept(new UiEvent.PowerFailed(why)),
                    () -> post.accept(new UiEvent.PowerSimulated(false))));
        }
    }

    @Override
    public void close() {
        commands.shutdown();
    }
}
