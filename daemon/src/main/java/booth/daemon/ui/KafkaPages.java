package booth.daemon.ui;

import booth.display.KafkaFrames;
import booth.hal.KeypadButton;
import booth.hal.PlateFrame;
import booth.model.Acks;
import booth.model.CircleCounts;
import java.time.Duration;
import java.util.Optional;

/**
 * The Kafka demo's pages: what its keys and events do to its part of the state, and what it
 * shows. Pure logic, like the {@link KeypadMachine} that calls it.
 *
 * <p>Its keys: LEFT / RIGHT go through its pages (acks, ISR, circle, records, lost); UP / DOWN
 * on the acks page change acks (0, 1, all); SELECT goes back to the acks page.
 */
final class KafkaPages {
    /** A record unanswered this long shows as a wait (yellow) until its answer or time-out. */
    static final long WAITING_SHOWN_NANOS = 300_000_000L;
    /** How long the main page says that own acknowledged records were found lost. */
    static final long LOST_SHOWN_NANOS = 10_000_000_000L;

    private final Acks defaults;

    /** @param defaults the acks at start-up and after a reset */
    KafkaPages(Acks defaults) {
        this.defaults = defaults;
    }

    KafkaState initial(long now) {
        return KafkaState.initial(defaults, now);
    }

    /** Default acks, counters from zero, on the acks page. */
    KafkaState reset(KafkaState k) {
        return k.reset(defaults);
    }

    /** Back on the main page (after the idle time-out, or a switch of demo). */
    KafkaState home(KafkaState k) {
        return k.withPage(KafkaState.Page.ACKS);
    }

    boolean atHome(KafkaState k) {
        return k.page() == KafkaState.Page.ACKS;
    }

    KafkaState on(KafkaState k, UiEvent.ForKafka event, long now) {
        if (event instanceof UiEvent.Producing) {
            return k.withRecords(k.records().producing(now));
        } else if (event instanceof UiEvent.Produced p) {
            return k.withRecords(k.records().answered(p.outcome(), now));
        } else if (event instanceof UiEvent.PartitionSeen v) {
            return k.withView(v.view());
        } else if (event instanceof UiEvent.CircleSeen c) {
            return k.withCircle(k.circle().with(c.counts(), now));
        } else if (event instanceof UiEvent.CircleStopped c) {
            return k.withCircle(k.circle().stopped(now + c.restartIn().toNanos()));
        }
        return k.withAcks(((UiEvent.SetAcks) event).acks());
    }

    /** A key pressed (or repeating) on the demo's pages. */
    KafkaState key(KafkaState k, KeypadButton key) {
        KafkaState.Page[] pages = KafkaState.Page.values();
        return switch (key) {
            case LEFT -> k.withPage(pages[Math.floorMod(k.page().ordinal() - 1, pages.length)]);
            case RIGHT -> k.withPage(pages[(k.page().ordinal() + 1) % pages.length]);
            case UP, DOWN -> k.page() == KafkaState.Page.ACKS
                    ? k.withAcks(k.acks().step(key == KeypadButton.UP ? 1 : -1)) : k;
            case SELECT -> home(k);
        };
    }

    /** What the demo's pages show at {@code now}. */
    PlateFrame render(KafkaState k, boolean paused, long now) {
        KafkaState.Records r = k.records();
        KafkaState.Findings f = k.circle();
        CircleCounts c = f.counts();
        CircleCounts atReset = f.atReset();
        return switch (k.page()) {
            case ACKS -> KafkaFrames.acksPage(k.acks(), r.last(), paused,
                    f.lostSince() != 0 && now - f.lostSince() < LOST_SHOWN_NANOS ? f.ownLost() : 0,
                    KeypadMachine.showsWhere(r.failureSince(), now),
                    r.waitingSince() != 0 && now - r.waitingSince() >= WAITING_SHOWN_NANOS
                            ? Optional.of(Duration.ofNanos(now - r.waitingSince())) : Optional.empty());
            case ISR -> KafkaFrames.isrPage(k.view());
            case CIRCLE -> f.running() ? KafkaFrames.circlePage(c)
                    : KafkaFrames.circleStoppedPage(Duration.ofNanos(Math.max(0, f.restartAt() - now)));
            case RECORDS -> KafkaFrames.recordsPage(c.delivered() - atReset.delivered(), c.late() - atReset.late(),
                    r.acked(), r.failed());
            case LOST -> f.running() ? KafkaFrames.lostPage(c.lost() - atReset.lost(), f.ownLost(),
                    c.duplicated() - atReset.duplicated()) : KafkaFrames.lostPageStopped(c.lost() - atReset.lost(), f.ownLost());
        };
    }
}
