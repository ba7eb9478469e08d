package booth.protocol;

import java.util.Locale;

/**
 * Why a line from outside (an event or a Kafka demo record read from Kafka) was refused: every
 * reader counts its refusals by these kinds and shows none of what it refused. A closed set:
 * {@code docs/events.md} lists it, and its test checks the list.
 */
public enum Rejection {
    /** Not one JSON object of schema version 1 with the fields its type needs. */
    MALFORMED,
    /** A line, a string or a list longer than the caps of {@link OutsideLine}. */
    TOO_LARGE,
    /** A string holding an escape or another control character ({@link ShownText#isControl}). */
    CONTROL_CHARACTERS,
    /** A record batch the consumer cannot read: compressed with a codec it lacks, or corrupt. */
    UNDECODABLE_BATCH,
    /** An event of a client the booth screen's topology file does not name. */
    UNKNOWN_CLIENT,
    /** A Kafka demo record numbered further from its producer's last than the circle's window. */
    OUT_OF_WINDOW,
    /** A Kafka demo record claiming another producer than the box whose topic it is on. */
    FOREIGN;

    /** The name on the wire and in the logs: {@code too_large}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A refusal of this kind, saying {@code why}. */
    public Refused refused(String why) {
        return new Refused(this, why);
    }

    /**
     * A line refused for this kind of reason. An {@link IllegalArgumentException} like every
     * other refusal of the decoders, which are {@link #MALFORMED}.
     */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection kind;

        Refused(Rejection kind, String why) {
            super(why);
            this.kind = kind;
        }

        public Rejection kind() {
            return kind;
        }
    }

    /** The kind of a decoder's refusal: its own when it says, otherwise malformed. */
    public static Rejection of(IllegalArgumentException e) {
        return e instanceof Refused r ? r.kind() : MALFORMED;
    }
}
