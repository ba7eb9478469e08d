package booth.hal;

/**
 * One device on an I2C bus, addressed by register: the transport every plate driver talks to.
 *
 * <p>Each call is one bus transaction. Implementations are not thread-safe: exactly one thread
 * (the driver's bus thread) may use a bus.
 */
public interface RegisterBus extends AutoCloseable {
    /** The 7-bit device address, for messages and recordings. */
    int address();

    /**
     * Writes {@code data} starting at {@code register}, in one transaction: the register byte,
     * then every data byte. Where consecutive bytes land (the same register again, or the next
     * one) is the device's business, set by its own configuration.
     *
     * @throws BusException the device did not acknowledge or the bus failed
     */
    void write(int register, byte... data) throws BusException;

    /**
     * Reads one byte from {@code register} (a register-pointer write, then a one-byte read).
     *
     * @return the byte, 0..255
     * @throws BusException the device did not acknowledge or the bus failed
     */
    int read(int register) throws BusException;

    /** Releases the bus; never throws. */
    @Override
    void close();
}
