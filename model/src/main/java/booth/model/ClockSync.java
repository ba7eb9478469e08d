package booth.model;

import java.util.Arrays;

/**
 * Whether the client Pi's clock is synchronised, as its time daemon says. The demo's writes do
 * not depend on it (each is a row of its own); the times its lines carry do, and so does where
 * the booth screen places them.
 */
public enum ClockSync {
    SYNCHRONISED("synchronised", "clock synced"),
    NOT_SYNCHRONISED("not_synchronised", "clock NOT synced"),
    /** Neither the time daemon's flag nor timedated answered (a laptop without systemd, say). */
    UNKNOWN("unknown", "clock unchecked");

    private final String wireName;
    private final String words;

    ClockSync(String wireName, String words) {
        this.wireName = wireName;
        this.words = words;
    }

    /** As the status answer and the health event say it. */
    public String wireName() {
        return wireName;
    }

    /** As the LCD says it: 16 characters at most. */
    public String words() {
        return words;
    }

    /** @throws IllegalArgumentException for a name no daemon writes */
    public static ClockSync ofWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("clock is not one of synchronised, not_synchronised, unknown"));
    }
}
