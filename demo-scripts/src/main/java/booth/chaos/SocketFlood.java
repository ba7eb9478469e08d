package booth.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile clients of a box's control socket, as a member of the socket's group may run them:
 * flooders send requests and junk as fast as the daemon answers and reconnect at once when cut
 * off or refused; slow clients send one byte every 3 s of a line that never ends, and reconnect
 * too. They run as the user nobody (group nogroup), never as root: root has no per-user limit and
 * keeps the last place, so root flooders would test nothing but the chaos run's own requests.
 *
 * <p>{@link #main} is the program the other user runs; it uses the JDK alone, so that its one
 * class file, copied to a directory of its own, is all that user needs to read.
 */
public final class SocketFlood implements AutoCloseable {
    /** The requests a flooder sends that change nothing (a changed level would be a change the run never made). */
    private static final String[] HARMLESS = {"{\"v\":1,\"cmd\":\"status\"}", "{\"v\":1,\"cmd\":\"topology\"}", "{",
        "not json at all", "{\"v\":2,\"cmd\":\"status\"}", "[1,2,3]"};
    /** A change the daemon must audit as nobody's. */
    private static final String CHANGE = "{\"v\":1,\"cmd\":\"set-level\",\"what\":\"read\",\"level\":\"LOCAL_ONE\"}";
    private static final String NOBODY = "65534";
    /** The group of {@link #NOBODY}'s id on Debian, which the boxes' sockets are given for the flooders. */
    static final String GROUP = "nogroup";
    /** Whether this process may start the flooders: only root can become another user. */
    static final boolean CAN_RUN = "root".equals(System.getProperty("user.name"));

    private static volatile boolean running = true;
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();

    private final Process process;
    private final Path dir;

    private SocketFlood(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts {@code flooders} flooders and {@code slow} slow clients on {@code socket} for
     * {@code lasts}, as nobody; with {@code changes} the flooders also set the read level. Each
     * flooder sends as fast as the daemon answers, or at most {@code perSecond} lines a second
     * when that is above 0.
     *
     * @throws IOException when this process is not root (it cannot become nobody) or the
     *                     program cannot be started
     */
    public static SocketFlood start(Path socket, int flooders, int slow, Duration lasts, boolean changes, int perSecond)
            throws IOException {
        if (!CAN_RUN) {
            throw new IOException("the flooders run as the user nobody, which only root can start");
        }
        Path dir = Files.createTempDirectory("booth-flood", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path classFile = dir.resolve("booth/chaos/SocketFlood.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = SocketFlood.class.getResourceAsStream("SocketFlood.class")) {
            Files.copy(in, classFile);
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-cp", dir.toString(),
                SocketFlood.class.getName(), socket.toString(), Integer.toString(flooders), Integer.toString(slow),
                Long.toString(lasts.toSeconds()), Integer.toString(perSecond)));
        if (changes) {
            cmd.add("--changes");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("report.txt").toFile()).start();
            return new SocketFlood(p, dir);
        } catch (IOException e) {
            delete(dir);
            throw new IOException("cannot start the flooders (setpriv from util-linux): " + e.getMessage(), e);
        }
    }

    /** Whether the flooders still run. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The flooders' last report: how many lines they sent, how often they were refused or cut off. */
    public String report() {
        try {
            return Files.readString(dir.resolve("report.txt")).strip().lines().reduce((a, z) -> z).orElse("(nothing yet)");
        } catch (IOException e) {
            return "(no report: " + e.getMessage() + ")";
        }
    }

    /** How many lines the flooders said they sent, by their last report; 0 before one. */
    public long sentLines() {
        Matcher m = SENT_REPORT.matcher(report());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static final Pattern SENT_REPORT = Pattern.compile("^sent (\\d+) lines");

    /** Stops the flooders and removes their directory. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: what is left is left
        }
    }

    /**
     * {@code SOCKET FLOODERS SLOW SECONDS PER_SECOND [--changes]} (PER_SECOND 0: as fast as the
     * daemon answers): prints what it has done every 5 s. Not a
     * command of the booth (it is not in {@code booth.tools.Programs}): {@link #start} runs it.
     */
    public static void main(String[] args) throws Exception {
        UnixDomainSocketAddress socket = UnixDomainSocketAddress.of(args[0]);
        int flooders = Integer.parseInt(args[1]);
        int slow = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        int perSecond = Integer.parseInt(args[4]);
        String[] lines = HARMLESS;
        if (args.length > 5 && args[5].equals("--changes")) {
            lines = java.util.Arrays.copyOf(HARMLESS, HARMLESS.length + 1);
            lines[HARMLESS.length] = CHANGE;
        }
        for (int i = 0; i < flooders + slow; i++) {
            boolean flood = i < flooders;
            int seed = i;
            String[] sent = lines;
            Thread t = new Thread(() -> run(socket, flood, perSecond, sent, new Random(seed)));
            t.setDaemon(true);
            t.start();
        }
        long report = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(200); // the reporting cadence, not a synchronisation
            if (System.nanoTime() - report > 5_000_000_000L) {
                report = System.nanoTime();
                System.out.println("sent " + SENT.get() + " lines, refused or cut off " + REFUSED.get() + " times");
            }
        }
        running = false;
        System.out.println("sent " + SENT.get() + " lines, refused or cut off " + REFUSED.get() + " times");
        // the clients' threads are daemons: the program ends here
    }

    private static void run(UnixDomainSocketAddress socket, boolean flood, int perSecond, String[] lines, Random random) {
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
                        if (perSecond > 0) {
                            Thread.sleep(1000 / perSecond); // the flooder's pace, not a synchronisation
                        }
                    } else {
                        c.write(ByteBuffer.wrap(new byte[] {'{'}));
                        Thread.sleep(3000); // a slow client's pace
                    }
                    SENT.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                // cut off or refused: again at once
            }
            REFUSED.incrementAndGet();
        }
    }
}
