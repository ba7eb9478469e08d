package booth.hal.record;

import booth.hal.BusException;
import booth.hal.RegisterBus;

/**
 * Wraps a register bus and counts what crosses it: transactions, and register-plus-data bytes
 * (the bytes the driver chooses; the address byte and the read's pointer write are the bus's).
 */
public final class BusTally implements RegisterBus {
    private final RegisterBus bus;
    private long transactions;
    private long bytes;
    private long wireBytes;
    private final long[] dataBytesTo = new long[256];
    private final long[] writesTo = new long[256];

    public BusTally(RegisterBus bus) {
        this.bus = bus;
    }

    @Override
    public int address() {
        return bus.address();
    }

    @Override
    public void write(int register, byte... data) throws BusException {
        bus.write(register, data);
        transactions++;
        dataBytesTo[register & 0xFF] += data.length;
        writesTo[register & 0xFF]++;
        bytes += 1 + data.length;
        wireBytes += 2 + data.length;
    }

    @Override
    public int read(int register) throws BusException {
        int value = bus.read(register);
        transactions++;
        bytes += 2;
        wireBytes += 4;
        return value;
    }

    @Override
    public void close() {
        bus.close();
    }

    public long transactions() {
        return transactions;
    }

    /** Register and data bytes. */
    public long bytes() {
        return bytes;
    }

    /** Every byte on the wire, the device address bytes included: what bus time is made of. */
    public long wireBytes() {
        return wireBytes;
    }

    /** Data bytes written to one register (for the plate: port states sent to OLATB). */
    public long dataBytesTo(int register) {
        return dataBytesTo[register & 0xFF];
    }

    /** Write transactions to one register. */
    public long writesTo(int register) {
        return writesTo[register & 0xFF];
    }

    public void reset() {
        java.util.Arrays.fill(dataBytesTo, 0);
        java.util.Arrays.fill(writesTo, 0);
        transactions = 0;
        bytes = 0;
        wireBytes = 0;
    }
}
