package booth.hal.pi4j;

import booth.hal.BusException;
import booth.hal.RegisterBus;
import com.pi4j.io.i2c.I2C;

/** One I2C device through Pi4J: each call one transaction on /dev/i2c-N. */
final class Pi4jRegisterBus implements RegisterBus {
    private final I2C i2c;
    private final int address;

    Pi4jRegisterBus(I2C i2c, int address) {
        this.i2c = i2c;
        this.address = address;
    }

    @Override
    public int address() {
        return address;
    }

    @Override
    public void write(int register, byte... data) throws BusException {
        int written;
        try {
            written = i2c.writeRegister(register, data, 0, data.length);
        } catch (RuntimeException e) {
            throw new BusException(address, register, BusException.Operation.WRITE, reason(e), e);
        }
        if (written < 0) {
            throw new BusException(address, register, BusException.Operation.WRITE, "error " + written, null);
        }
    }

    @Override
    public int read(int register) throws BusException {
        int value;
        try {
            value = i2c.readRegister(register);
        } catch (RuntimeException e) {
            throw new BusException(address, register, BusException.Operation.READ, reason(e), e);
        }
        if (value < 0) {
            throw new BusException(address, register, BusException.Operation.READ, "error " + value, null);
        }
        return value & 0xFF;
    }

    @Override
    public void close() {
        try {
            i2c.close();
        } catch (RuntimeException e) {
            // the device may be gone already
        }
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
