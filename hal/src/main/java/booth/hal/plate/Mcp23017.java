package booth.hal.plate;

/**
 * The MCP23017 16-bit I/O expander (Microchip DS20001952), as the plate driver runs it:
 * IOCON.BANK = 1 (each port's registers together) and IOCON.SEQOP = 1 (byte mode: the address
 * pointer stays put), so a multi-byte write to a port register is a series of states of that
 * port in one transaction. Register addresses below are for BANK = 1.
 */
public final class Mcp23017 {
    /** Default 7-bit address of the plate (A2..A0 tied low). */
    public static final int DEFAULT_ADDRESS = 0x20;

    public static final int IODIRA = 0x00;    // direction, port A: 1 = input
    public static final int IPOLA = 0x01;     // input polarity, port A: 1 = inverted
    public static final int GPINTENA = 0x02;  // interrupt-on-change, port A
    public static final int IOCON = 0x05;     // configuration (also at 0x15)
    public static final int GPPUA = 0x06;     // 100 kOhm pull-ups, port A: 1 = on
    public static final int GPIOA = 0x09;     // port A pin levels (read) / latch (write)
    public static final int OLATA = 0x0A;     // port A output latch
    public static final int IODIRB = 0x10;
    public static final int IPOLB = 0x11;
    public static final int GPINTENB = 0x12;
    public static final int GPPUB = 0x16;
    public static final int GPIOB = 0x19;
    public static final int OLATB = 0x1A;

    /** IOCON's address after power-on, when BANK = 0. */
    public static final int IOCON_BANK0 = 0x0A;
    /** IOCON.BANK: registers grouped by port (the addresses above). */
    public static final int IOCON_BANK = 0x80;
    /** IOCON.SEQOP: 1 = sequential addressing off (byte mode). */
    public static final int IOCON_SEQOP = 0x20;

    private Mcp23017() {
    }
}
