package booth.daemon.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's messages to systemd, as {@code sd_notify(3)} sends them: one datagram per
 * message to the Unix socket named by {@code $NOTIFY_SOCKET} ({@code READY=1}, {@code WATCHDOG=1},
 * {@code STOPPING=1}, {@code STATUS=...}). Java 17 has Unix stream sockets only, so the datagram
 * goes through the C library by JNA: {@code socket}, {@code connect} and {@code send}, a socket
 * per message as {@code sd_notify} does. The sender is the JVM's own process, the unit's main
 * process, which {@code NotifyAccess=main} accepts; a child such as {@code systemd-notify} would
 * race its own exit.
 *
 * <p>Outside systemd (laptop and test runs) there is no {@code $NOTIFY_SOCKET} and no manager.
 */
public final class ServiceManager {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sockaddr_un: a 2-byte family, then up to 108 bytes of path. */
    private static final int PATH_MAX = 108;

    private final String socket;
    private final Optional<Duration> watchdog;

    private ServiceManager(String socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    /**
     * The manager that started this process, as its environment names it: none without
     * {@code NOTIFY_SOCKET}; its watchdog's time-out from {@code WATCHDOG_USEC} when
     * {@code WATCHDOG_PID} is absent or this process.
     */
    public static Optional<ServiceManager> fromEnvironment(Map<String, String> env, long pid) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@"))) {
            return Optional.empty();
        }
        Optional<Duration> watchdog = Optional.empty();
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec != null && (forPid == null || forPid.equals(Long.toString(pid)))) {
            try {
                long micros = Long.parseLong(usec);
                if (micros > 0) {
                    watchdog = Optional.of(Duration.ofNanos(micros * 1000));
                }
            } catch (NumberFormatException e) {
                // not a watchdog systemd set: none
            }
        }
        return Optional.of(new ServiceManager(socket, watchdog));
    }

    /** The watchdog's time-out, when systemd keeps one for this process: a {@link #watchdog()} is owed within it. */
    public Optional<Duration> watchdogTimeout() {
        return watchdog;
    }

    /** Start-up is complete. */
    public void ready() throws NotifyException {
        send("READY=1");
    }

    /** The process is alive and well: the watchdog's time-out starts again. */
    public void watchdog() throws NotifyException {
        send("WATCHDOG=1");
    }

    /** The process is stopping (so that systemd does not count a slow stop as a hang). */
    public void stopping() throws NotifyException {
        send("STOPPING=1");
    }

    /** A line for {@code systemctl status}. */
    public void status(String line) throws NotifyException {
        send("STATUS=" + line.replace('\n', ' '));
    }

    void send(String message) throws NotifyException {
        byte[] address = address(socket);
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = Libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new NotifyException("cannot make a socket: errno " + e.getErrorCode());
        }
        try {
            Libc.connect(fd, address, address.length);
            Libc.send(fd, data, new NativeLong(data.length), MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            throw new NotifyException("cannot send " + message + " to " + socket + ": errno " + e.getErrorCode());
        } finally {
            Libc.close(fd);
        }
    }

    /** A sockaddr_un for {@code socket}: a path, or an abstract name ({@code @name}, sent as a leading NUL). */
    static byte[] address(String socket) throws NotifyException {
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path[0] == '@';
        if (abstractName) {
            path[0] = 0;
        }
        // a path ends in NUL; an abstract name is exactly its bytes
        int length = path.length + (abstractName ? 0 : 1);
        if (length > PATH_MAX) {
            throw new NotifyException("NOTIFY_SOCKET is longer than a Unix socket's address: " + socket);
        }
        byte[] address = new byte[2 + length];
        // sa_family_t in the machine's order: every Pi and PC the booth runs on is little-endian
        address[0] = (byte) AF_UNIX;
        System.arraycopy(path, 0, address, 2, path.length);
        return address;
    }

    /** A message systemd could not be sent. */
    public static final class NotifyException extends Exception {
        private static final long serialVersionUID = 1L;

        NotifyException(String message) {
            super(message);
        }
    }

    /** The C library's calls, bound directly (no proxies: a call a second costs next to nothing). */
    private static final class Libc {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int connect(int fd, byte[] address, int length) throws LastErrorException;

        static native NativeLong send(int fd, byte[] data, NativeLong length, int flags) throws LastErrorException;

        static native int close(int fd);
    }
}
