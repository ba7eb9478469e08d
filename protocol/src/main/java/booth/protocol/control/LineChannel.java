package booth.protocol.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Unix socket carrying lines, where every step has a deadline: a blocking channel has no
 * time-out at all, and democtl (and the runbook's reset) hung for ever on a daemon that had
 * stopped answering. Non-blocking I/O under a selector, one connection.
 */
final class LineChannel implements AutoCloseable {
    /** A step did not finish in time: the daemon is there, but does not answer. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message);
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(8192);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineChannel(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
        in.flip();
    }

    /** Connects within {@code limit}. */
    static LineChannel connect(Path socket, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            LineChannel c = new LineChannel(channel, selector);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                c.await(SelectionKey.OP_CONNECT, deadline, "connect");
                channel.finishConnect();
            }
            return c;
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** Writes {@code text} whole by {@code deadline} (System.nanoTime). */
    void write(String text, long deadline) throws IOException {
        ByteBuffer b = StandardCharsets.UTF_8.encode(text);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                await(SelectionKey.OP_WRITE, deadline, "take the request");
            }
        }
    }

    /** The next line without its newline, by {@code deadline} (Long.MAX_VALUE: none); null at the end of the stream. */
    String readLine(long deadline) throws IOException {
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return s;
                }
                line.write(b);
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return null;
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, "answer");
            }
        }
    }

    private void await(int op, long deadline, String what) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            while (true) {
                long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    throw new TimedOut("the daemon did not " + what + " in time");
                }
                // select(0) waits without limit; a positive wait of at least 1 ms otherwise
                int ready = deadline == Long.MAX_VALUE ? selector.select() : selector.select(Math.max(1, left / 1_000_000));
                if (ready > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
