import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile clients of a control socket, run by ControlFloodIT as another user (java Flood.java
 * SOCKET FLOODERS SLOW SECONDS): flooders send requests and junk as fast as the daemon answers,
 * and reconnect at once when cut off or refused; slow clients send one byte every 3 s of a line
 * that never ends, and reconnect too. Prints what it has done every 5 s.
 */
public class Flood {
    static volatile boolean running = true;
    static final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    public static void main(String[] args) throws Exception {
        UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(args[0]);
        int flooders = Integer.parseInt(args[1]);
        int slow = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        Thread[] threads = new Thread[flooders + slow];
        for (int i = 0; i < threads.length; i++) {
            boolean flood = i < flooders;
            int seed = i;
            threads[i] = new Thread(() -> run(socket, flood, seed));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        long report = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            if (System.nanoTime() - report > 5_000_000_000L) {
                report = System.nanoTime();
                System.out.println("sent " + sent.get() + " lines, refused or cut off " + refused.get() + " times");
            }
        }
        running = false;
        System.out.println("sent " + sent.get() + " lines, refused or cut off " + refused.get() + " times");
        System.exit(0);
    }

    static void run(UnixDomainSocketAddress socket, boolean flood, int seed) {
        Random random = new Random(seed);
        String[] lines = {"{\"v\":1,\"cmd\":\"status\"}", "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"LOCAL_ONE\"}",
            "{\"v\":1,\"cmd\":\"topology\"}", "{", "not json at all", "{\"v\":2,\"cmd\":\"status\"}", "[1,2,3]"};
        ByteBuffer answers = ByteBuffer.allocate(1 << 16);
        while (running) {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(socket);
                while (running) {
                    if (flood) {
                        c.write(StandardCharsets.UTF_8.encode(lines[random.nextInt(lines.length)] + "\n"));
                        answers.clear();
                        if (c.read(answers) < 0) {
                            break;
                        }
                        sent.incrementAndGet();
                    } else {
                        c.write(ByteBuffer.wrap(new byte[] {'{'}));
                        sent.incrementAndGet();
                        Thread.sleep(3000);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // cut off or refused: again at once
            }
            refused.incrementAndGet();
        }
    }
}
