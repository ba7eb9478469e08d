package booth.pi;

import booth.hal.BusException;
import booth.hal.I2cSpeed;
import booth.hal.RegisterBus;
import booth.hal.Ticker;
import booth.hal.plate.PlatePolarity;
import booth.hal.record.RecordingBus;
import booth.hal.virtual.VirtualPlate;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Raspberry Pi's /dev/i2c-1 and /dev/gpiochipN, answered on a unix socket for the preload
 * library tests/src/test/native/pi-devices-preload.c (its comment gives the wire format): Pi4J's
 * own providers and native code, run under emulation in an arm64 root, open the device files and
 * send their ioctls to this model instead of a kernel.
 *
 * <p>Behind I2C address 0x20 is a {@link VirtualPlate} (the virtual chips the plate driver was
 * proven against), and every completed transaction is recorded in {@link RecordingBus}'s format
 * with the wall clock, so the recording decodes as any other. The GPIO chips are the board's
 * ({@link PiBoard}); the header's lines are buttons to ground, which a test presses, and each
 * press or release is an edge on every line request that asked for it.
 *
 * <p>What the model does not know (an ioctl, an I2C message shape the booth's driver never sends,
 * a line requested as an output) is answered with an error, as a kernel would, and kept in
 * {@link #refused()}: a test asserts it stays empty.
 */
public final class PiDevices implements Closeable {
    /** The plate's MCP23017 as Adafruit's kit straps it. */
    public static final int PLATE_ADDRESS = 0x20;

    // errno values of Linux (asm-generic/errno-base.h, errno.h): the same on arm64 and armhf
    private static final int ENOENT = 2, EBUSY = 16, EINVAL = 22, EOPNOTSUPP = 95, EREMOTEIO = 121;
    // linux/gpio.h, uAPI v1
    private static final int HANDLE_INPUT = 1, HANDLE_ACTIVE_LOW = 1 << 2, HANDLE_PULL_DOWN = 1 << 4;
    private static final int LINE_KERNEL = 1;
    private static final int EVENT_RISING = 1, EVENT_FALLING = 2;
    /** I2C_FUNC_I2C | I2C_FUNC_SMBUS_EMUL without PEC: what i2c-bcm2835 and brcmstb answer. */
    private static final int I2C_FUNCTIONS = 0x0eff0001;

    /** The requests of the wire format (the preload library's enum op). */
    enum Op {
        OPEN(1), I2C_ADDRESS(10), I2C_WRITE(11), I2C_READ(12), I2C_TRANSFER(13), I2C_FUNCTIONS(14),
        CHIP_INFO(20), LINE_INFO(21), LINE_EVENTS(22), LINE_CONTROL(30), LINE_VALUE(31), LINE_STREAM(40);

        final int code;

        Op(int code) {
            this.code = code;
        }

        static Optional<Op> of(int code) {
            return Arrays.stream(values()).filter(o -> o.code == code).findFirst();
        }
    }

    /** A line requested for events: who asked, and the connection its edges go to once it is open. */
    private static final class Line {
        final int id;
        final int offset;
        final int handleFlags;
        final int eventFlags;
        final String consumer;
        SocketChannel stream;

        Line(int id, int offset, int handleFlags, int eventFlags, String consumer) {
            this.id = id;
            this.offset = offset;
            this.handleFlags = handleFlags;
            this.eventFlags = eventFlags;
            this.consumer = consumer;
        }

        /** The line's value as the kernel reports it: a pressed button pulls the pin to its other level. */
        int value(boolean pressed) {
            int level = (handleFlags & HANDLE_PULL_DOWN) != 0 ? (pressed ? 1 : 0) : (pressed ? 0 : 1);
            return (handleFlags & HANDLE_ACTIVE_LOW) != 0 ? 1 - level : level;
        }
    }

    private final PiBoard board;
    private final VirtualPlate plate = new VirtualPlate(PLATE_ADDRESS, Ticker.SYSTEM, PlatePolarity.ADAFRUIT,
            I2cSpeed.STANDARD);
    private final Path recordingFile;
    private final Writer recording;
    private final RegisterBus bus;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<SocketChannel> connections = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    /** Requested lines by id, and the ids of the header's offsets now requested. */
    private final Map<Integer, Line> lines = new HashMap<>();
    private final Map<Integer, Integer> requested = new HashMap<>();
    private final Set<Integer> pressed = new HashSet<>();
    private final Map<Integer, Integer> wrongReads = new HashMap<>();
    private final Map<Integer, Long> registerReads = new HashMap<>();
    private final Map<Integer, Long> valueReads = new HashMap<>();
    private long transactions;
    private long failed;
    private int nextLine;

    /**
     * Serves {@code board}'s devices on a new socket at {@code socket}, recording the plate's
     * traffic to {@code recordingFile}.
     */
    public PiDevices(PiBoard board, Path socket, Path recordingFile) throws IOException {
        this.board = board;
        this.recordingFile = recordingFile;
        this.recording = Files.newBufferedWriter(recordingFile, StandardCharsets.UTF_8);
        this.bus = new RecordingBus(plate, recording, Ticker.SYSTEM, Optional.of(Clock.systemUTC()));
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = new Thread(this::accept, "pi-devices");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The plate on the bus: its screen, its keys, its plug. */
    public VirtualPlate plate() {
        return plate;
    }

    /** Presses the button on GPIO {@code offset} of the header (BCM numbering). */
    public void press(int offset) throws IOException {
        change(offset, true);
    }

    public void release(int offset) throws IOException {
        change(offset, false);
    }

    /**
     * A planted fault: from now on, reads of {@code register} answer the true value with the
     * bits of {@code xor} flipped, as a chip with a broken register would.
     */
    public synchronized void answerWrongly(int register, int xor) {
        wrongReads.put(register, xor);
    }

    /** The consumer label of every header line now requested, by BCM offset. */
    public synchronized Map<Integer, String> requestedLines() {
        Map<Integer, String> labels = new HashMap<>();
        requested.forEach((offset, id) -> labels.put(offset, lines.get(id).consumer));
        return labels;
    }

    /** I2C transactions answered so far, failed ones included. */
    public synchronized long transactions() {
        return transactions;
    }

    /** I2C transactions that failed (nobody acknowledged: the plate pulled off the bus). */
    public synchronized long failed() {
        return failed;
    }

    /** Reads of {@code register} the plate answered. */
    public synchronized long reads(int register) {
        return registerReads.getOrDefault(register, 0L);
    }

    /** Times the program read the value of the header's line {@code offset}. */
    public synchronized long lineReads(int offset) {
        return valueReads.getOrDefault(offset, 0L);
    }

    /** The plate's recording so far, whole transactions only, copied to {@code to}. */
    public void copyRecording(Path to) throws IOException {
        synchronized (plate) {
            recording.flush();
            Files.copy(recordingFile, to);
        }
    }

    /** What the model refused because it does not know it, oldest first. */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (this) {
            for (SocketChannel c : connections) {
                c.close();
            }
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (plate) {
            recording.close();
        }
    }

    // ------------------------------------------------------------------------------------------

    private void accept() {
        try {
            while (true) {
                SocketChannel c = server.accept();
                synchronized (this) {
                    connections.add(c);
                }
                Thread t = new Thread(() -> serve(c), "pi-devices-connection");
                t.setDaemon(true);
                t.start();
            }
        } catch (ClosedChannelException e) {
            // closed: the test is over
        } catch (IOException e) {
            synchronized (this) {
                refused.add("the model stopped accepting: " + e);
            }
        }
    }

    /** One device file opened by the program: requests answered until it closes it. */
    private void serve(SocketChannel c) {
        Session s = new Session(c);
        try (c) {
            while (true) {
                ByteBuffer head = readFully(c, 8);
                int code = head.getInt();
                ByteBuffer payload = readFully(c, head.getInt());
                Reply r;
                Optional<Op> op = Op.of(code);
                if (op.isEmpty()) {
                    r = refuse(s, "request " + code + " is not in the wire format", EOPNOTSUPP);
                } else {
                    r = answer(s, op.get(), payload);
                }
                ByteBuffer out = ByteBuffer.allocate(8 + r.payload.length).order(ByteOrder.LITTLE_ENDIAN);
                out.putInt(r.result).putInt(r.payload.length).put(r.payload).flip();
                synchronized (c) {
                    while (out.hasRemaining()) {
                        c.write(out);
                    }
                }
                if (op.equals(Optional.of(Op.LINE_STREAM)) && r.result >= 0) {
                    awaitClose(c); // from here on only events flow, from press and release
                    return;
                }
            }
        } catch (EOFException | ClosedChannelException e) {
            // the program closed the file
        } catch (IOException e) {
            synchronized (this) {
                refused.add("a connection failed: " + e);
            }
        } finally {
            release(s);
        }
    }

    /** What one connection is: the file it opened, the address it talks to, the line it serves. */
    private static final class Session {
        final SocketChannel channel;
        String device = "";
        Optional<PiBoard.Chip> chip = Optional.empty();
        int address = -1;
        Line line;

        Session(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private record Reply(int result, byte[] payload) {
        static Reply of(int result) {
            return new Reply(result, new byte[0]);
        }
    }

    private Reply answer(Session s, Op op, ByteBuffer p) throws IOException {
        switch (op) {
            case OPEN -> {
                String path = StandardCharsets.UTF_8.decode(p).toString();
                if (path.equals("/dev/i2c-1")) {
                    s.device = "i2c-1";
                    return Reply.of(0);
                }
                s.chip = board.chips().stream().filter(ch -> path.equals("/dev/" + ch.name())).findFirst();
                if (s.chip.isEmpty()) {
                    return Reply.of(-ENOENT);
                }
                s.device = s.chip.get().name();
                return Reply.of(0);
            }
            case I2C_ADDRESS -> {
                s.address = p.getInt();
                return Reply.of(0);
            }
            case I2C_WRITE -> {
                return i2cWrite(s, bytes(p));
            }
            case I2C_TRANSFER -> {
                return i2cTransfer(s, p);
            }
            case I2C_FUNCTIONS -> {
                return Reply.of(I2C_FUNCTIONS);
            }
            case CHIP_INFO -> {
                PiBoard.Chip chip = chip(s);
                ByteBuffer out = ByteBuffer.allocate(68).order(ByteOrder.LITTLE_ENDIAN);
                out.put(fixed(chip.name())).put(fixed(chip.label())).putInt(chip.lines());
                return new Reply(0, out.array());
            }
            case LINE_INFO -> {
                return lineInfo(s, p.getInt());
            }
            case LINE_EVENTS -> {
                return requestLine(s, p);
            }
            case LINE_CONTROL, LINE_STREAM -> {
                synchronized (this) {
                    Line line = lines.get(p.getInt());
                    if (line == null) {
                        return refuse(s, op + " of a line never requested", EINVAL);
                    }
                    s.line = line;
                    if (op == Op.LINE_STREAM) {
                        line.stream = s.channel;
                    }
                    return Reply.of(0);
                }
            }
            case LINE_VALUE -> {
                if (s.line == null) {
                    return refuse(s, "a value asked of no line", EINVAL);
                }
                synchronized (this) {
                    valueReads.merge(s.line.offset, 1L, Long::sum);
                    return Reply.of(s.line.value(pressed.contains(s.line.offset)));
                }
            }
            default -> {
                return refuse(s, op + " (a plain read of the I2C device) is never sent by the booth's driver", EOPNOTSUPP);
            }
        }
    }

    /** A write: its first byte the register, the rest the data (Pi4J's writeRegister). */
    private Reply i2cWrite(Session s, byte[] b) {
        if (!s.device.equals("i2c-1")) {
            return refuse(s, "an I2C write on " + s.device, EOPNOTSUPP);
        }
        synchronized (this) {
            transactions++;
        }
        if (s.address != PLATE_ADDRESS) {
            return notAcknowledged(); // nobody answers to that address
        }
        if (b.length < 2) {
            return refuse(s, "a write of " + b.length + " byte(s): the booth's driver always writes a register and data",
                    EOPNOTSUPP);
        }
        try {
            synchronized (plate) {
                bus.write(b[0] & 0xFF, Arrays.copyOfRange(b, 1, b.length));
            }
            return Reply.of(b.length);
        } catch (BusException e) {
            return notAcknowledged();
        }
    }

    /** I2C_RDWR: the booth's driver sends one shape, a register byte written and one byte read back. */
    private Reply i2cTransfer(Session s, ByteBuffer p) {
        int n = p.getInt();
        List<String> shape = new ArrayList<>();
        int[] addresses = new int[n];
        boolean[] reads = new boolean[n];
        int[] lengths = new int[n];
        byte[] written = new byte[0];
        for (int i = 0; i < n; i++) {
            addresses[i] = p.getShort() & 0xFFFF;
            int flags = p.getShort() & 0xFFFF;
            lengths[i] = p.getShort() & 0xFFFF;
            p.getShort();
            reads[i] = (flags & 1) != 0;
            if (!reads[i]) {
                written = new byte[lengths[i]];
                p.get(written);
            }
            shape.add(String.format("%s 0x%02x len %d flags 0x%x", reads[i] ? "read" : "write", addresses[i], lengths[i], flags));
        }
        synchronized (this) {
            transactions++;
        }
        boolean registerRead = n == 2 && !reads[0] && reads[1] && lengths[0] == 1 && lengths[1] == 1
                && addresses[0] == addresses[1];
        if (!registerRead) {
            return refuse(s, "I2C_RDWR of " + shape + ": the booth's driver reads one register at a time", EOPNOTSUPP);
        }
        if (addresses[0] != PLATE_ADDRESS) {
            return notAcknowledged();
        }
        int register = written[0] & 0xFF;
        try {
            int value;
            synchronized (plate) {
                value = bus.read(register);
            }
            synchronized (this) {
                value ^= wrongReads.getOrDefault(register, 0);
                registerReads.merge(register, 1L, Long::sum);
            }
            return new Reply(2, new byte[] {(byte) value});
        } catch (BusException e) {
            return notAcknowledged();
        }
    }

    private Reply lineInfo(Session s, int offset) {
        PiBoard.Chip chip = chip(s);
        if (offset < 0 || offset >= chip.lines()) {
            return Reply.of(-EINVAL);
        }
        int flags = 0;
        String consumer = "";
        synchronized (this) {
            Integer id = chip.equals(board.header()) ? requested.get(offset) : null;
            if (id != null) {
                Line line = lines.get(id);
                // the bias and active-low bits sit at the same places in both sets of flags
                flags = LINE_KERNEL | (line.handleFlags & 0xFC);
                consumer = line.consumer;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(68).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(flags).put(fixed(chip.equals(board.header()) ? "GPIO" + offset : "")).put(fixed(consumer));
        return new Reply(0, out.array());
    }

    private Reply requestLine(Session s, ByteBuffer p) {
        PiBoard.Chip chip = chip(s);
        int offset = p.getInt();
        int handleFlags = p.getInt();
        int eventFlags = p.getInt();
        byte[] label = new byte[32];
        p.get(label);
        String consumer = new String(label, StandardCharsets.UTF_8).replaceAll("\0.*", "");
        if (!chip.equals(board.header())) {
            return refuse(s, "line " + offset + " of " + chip.label() + ": the staff buttons are on the header", EINVAL);
        }
        if (offset < 0 || offset >= chip.lines()) {
            return Reply.of(-EINVAL);
        }
        if ((handleFlags & HANDLE_INPUT) == 0) {
            return refuse(s, "line " + offset + " requested with flags 0x" + Integer.toHexString(handleFlags)
                    + ": the booth's buttons are inputs", EINVAL);
        }
        synchronized (this) {
            if (requested.containsKey(offset)) {
                return Reply.of(-EBUSY);
            }
            int id = nextLine++;
            lines.put(id, new Line(id, offset, handleFlags, eventFlags, consumer));
            requested.put(offset, id);
            return Reply.of(id);
        }
    }

    private PiBoard.Chip chip(Session s) {
        return s.chip.orElseThrow(() -> new IllegalStateException("a GPIO request on " + s.device));
    }

    private void change(int offset, boolean down) throws IOException {
        List<Line> told = new ArrayList<>();
        synchronized (this) {
            if (pressed.contains(offset) == down) {
                return;
            }
            Integer id = requested.get(offset);
            Line line = id == null ? null : lines.get(id);
            int before = line == null ? 0 : line.value(!down);
            if (down) {
                pressed.add(offset);
            } else {
                pressed.remove(offset);
            }
            if (line != null && line.stream != null) {
                int after = line.value(down);
                int edge = after > before ? EVENT_RISING : EVENT_FALLING;
                if ((line.eventFlags & edge) != 0) {
                    told.add(line);
                }
            }
        }
        for (Line line : told) {
            // struct gpioevent_data: u64 timestamp (CLOCK_MONOTONIC, the guest's too), u32 id, padding
            ByteBuffer event = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            event.putLong(System.nanoTime()).putInt(line.value(down) == 1 ? EVENT_RISING : EVENT_FALLING).putInt(0).flip();
            synchronized (line.stream) {
                while (event.hasRemaining()) {
                    line.stream.write(event);
                }
            }
        }
    }

    /** No acknowledge: what i2c-bcm2835 answers (EREMOTEIO) when nothing on the bus answers. */
    private synchronized Reply notAcknowledged() {
        failed++;
        return Reply.of(-EREMOTEIO);
    }

    private synchronized Reply refuse(Session s, String what, int errno) {
        refused.add(s.device + ": " + what);
        return Reply.of(-errno);
    }

    private void release(Session s) {
        synchronized (this) {
            if (s.line != null && s.line.stream != null && lines.containsKey(s.line.id)) {
                lines.remove(s.line.id);
                requested.remove(s.line.offset);
            }
        }
    }

    private static void awaitClose(SocketChannel c) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        while (c.read(b) >= 0) {
            b.clear(); // nothing is sent on a line's event stream
        }
    }

    private static ByteBuffer readFully(SocketChannel c, int n) throws IOException {
        if (n < 0 || n > 1 << 16) {
            throw new IOException("a request of " + n + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new EOFException();
            }
        }
        return b.flip();
    }

    private static byte[] bytes(ByteBuffer p) {
        byte[] b = new byte[p.remaining()];
        p.get(b);
        return b;
    }

    /** A C string in a char[32]: NUL-padded, cut to 31 bytes. */
    private static byte[] fixed(String s) {
        byte[] b = new byte[32];
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, b, 0, Math.min(text.length, 31));
        return b;
    }
}
