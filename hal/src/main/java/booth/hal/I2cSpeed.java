package booth.hal;

/**
 * The I2C bus clock ({@code dtparam=i2c_arm_baudrate} on a Pi; 100 kHz unless a booth builder
 * raises it). A byte on the wire takes 9 clocks: 8 bits and the acknowledge.
 *
 * @param hz the bus clock in hertz
 */
public record I2cSpeed(int hz) {
    /** Standard mode: the Pi's default. */
    public static final I2cSpeed STANDARD = new I2cSpeed(100_000);
    /** Fast mode. */
    public static final I2cSpeed FAST = new I2cSpeed(400_000);
    /** Fast-mode Plus: the MCP23017's highest clock (1.7 MHz high-speed mode aside). */
    public static final I2cSpeed FAST_PLUS = new I2cSpeed(1_000_000);

    /** The MCP23017's range of clocks. */
    public static final int MIN_HZ = 10_000;
    public static final int MAX_HZ = 1_700_000;

    public I2cSpeed {
        if (hz < MIN_HZ || hz > MAX_HZ) {
            throw new IllegalArgumentException("I2C clock must be " + MIN_HZ + "-" + MAX_HZ + " Hz (the MCP23017's range): " + hz);
        }
    }

    /** One byte and its acknowledge on the wire. */
    public long byteNanos() {
        return 9_000_000_000L / hz;
    }

    @Override
    public String toString() {
        return hz % 1_000_000 == 0 ? hz / 1_000_000 + " MHz" : hz % 1000 == 0 ? hz / 1000 + " kHz" : hz + " Hz";
    }
}
