package booth.hal;

/**
 * A bus transaction that failed: device missing (no acknowledge), an I/O error, a bus that
 * cannot be opened. Carries what was attempted so a log line says which device and register.
 */
public final class BusException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the transaction was. */
    public enum Operation { OPEN, WRITE, READ }

    private final int address;
    private final int register;
    private final Operation operation;

    /**
     * @param register the register addressed, or -1 when none (opening the bus)
     * @param reason   what went wrong, in a few words (for example "no acknowledge")
     */
    public BusException(int address, int register, Operation operation, String reason, Throwable cause) {
        super(String.format("I2C %s of device 0x%02x%s failed: %s", operation.name().toLowerCase(), address,
                register < 0 ? "" : String.format(" register 0x%02x", register), reason), cause);
        this.address = address;
        this.register = register;
        this.operation = operation;
    }

    public int address() {
        return address;
    }

    /** The register, or -1 when the failure was not about one. */
    public int register() {
        return register;
    }

    public Operation operation() {
        return operation;
    }
}
