package booth.model;

/** A topology file that cannot be used: carries the file, the line and the reason. */
public final class TopologyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String reason;

    public TopologyException(String source, int line, String reason) {
        super(line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** The file name, or whatever the text was read from. */
    public String source() {
        return source;
    }

    /** 1-based line number, or 0 when the problem is with the file as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
