package booth.model;

import java.util.List;

/**
 * What a consistency level survives right now ({@link ReplicaView#predict}), said before a
 * switch is pressed, in at most 16 characters ({@link #words()}): one row of the plate.
 */
public sealed interface Prediction {
    /** The most characters {@link #words()} has: a row of the LCD. */
    int WIDTH = 16;

    Level level();

    /** The prediction for a visitor, at most {@link #WIDTH} characters. */
    String words();

    /** {@code words} when they fit a row, else {@code shorter} (a DC or rack named at length). */
    private static String fit(String words, String shorter) {
        return words.length() <= WIDTH ? words : shorter;
    }

    /** A write at the level fails already. */
    record FailsNow(Level level, ReplicaView.Verdict why) implements Prediction {
        @Override
        public String words() {
            if (why.noCoordinator()) {
                return "fails: no node";
            }
            return why.dc() == null
                    ? fit("fails: " + why.alive() + " of " + why.required() + " up", "fails now")
                    : fit("fails: " + why.dc() + " " + why.alive() + "/" + why.required(), "fails now");
        }
    }

    /** Every replica must answer: any cut that takes one fails the level. */
    record NeedsAll(Level level, int replicas) implements Prediction {
        @Override
        public String words() {
            return "needs all " + replicas;
        }
    }

    /**
     * The level survives any {@code racks} further racks cut; {@code fatal} are the racks (ids)
     * each of whose cut alone fails it (none when {@code racks} is at least 1).
     */
    record Survives(Level level, int racks, List<String> fatal) implements Prediction {
        public Survives {
            fatal = List.copyOf(fatal);
        }

        @Override
        public String words() {
            if (racks >= 1) {
                return "survives " + racks + (racks == 1 ? " rack" : " racks");
            }
            if (fatal.size() == 1) {
                return fit(fatal.get(0) + " cut:fails", "1 rack fatal");
            }
            return fit(fatal.size() + " racks fatal", "racks fatal");
        }
    }
}
