package booth.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceManagerTest {
    @Test
    void noNotifySocketMeansNoManager() {
        assertEquals(Optional.empty(), ServiceManager.fromEnvironment(Map.of(), 42));
        assertEquals(Optional.empty(), ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", ""), 42));
        assertEquals(Optional.empty(), ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:9"), 42),
                "an address kind this daemon cannot send to is no manager, not a crash");
    }

    @Test
    void theWatchdogIsThisProcessesOnlyWhenItsPidSaysSo() {
        var env = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "15000000");
        assertEquals(Optional.of(Duration.ofSeconds(15)), ServiceManager.fromEnvironment(env, 42).orElseThrow().watchdogTimeout());
        var forUs = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "15000000", "WATCHDOG_PID", "42");
        assertEquals(Optional.of(Duration.ofSeconds(15)), ServiceManager.fromEnvironment(forUs, 42).orElseThrow().watchdogTimeout());
        var forAnother = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "15000000", "WATCHDOG_PID", "7");
        assertEquals(Optional.empty(), ServiceManager.fromEnvironment(forAnother, 42).orElseThrow().watchdogTimeout());
        var garbage = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "soon");
        assertEquals(Optional.empty(), ServiceManager.fromEnvironment(garbage, 42).orElseThrow().watchdogTimeout());
    }

    @Test
    void addressesArePathsEndedByNulOrAbstractNamesStartedByOne() throws Exception {
        byte[] path = ServiceManager.address("/run/n");
        assertArrayEquals(new byte[] {1, 0, '/', 'r', 'u', 'n', '/', 'n', 0}, path);
        byte[] abstractName = ServiceManager.address("@n/1");
        assertArrayEquals(new byte[] {1, 0, 0, 'n', '/', '1'}, abstractName);
        assertThrows(ServiceManager.NotifyException.class, () -> ServiceManager.address("/" + "x".repeat(107)));
    }

    @Test
    void aMessageArrivesAsOneDatagram(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("notify");
        int fd = Receiver.socket(1, 2, 0);
        try {
            byte[] address = ServiceManager.address(socket.toString());
            Receiver.bind(fd, address, address.length);
            ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString()), 1).orElseThrow();
            manager.ready();
            manager.watchdog();
            manager.status("writing\nat ONE");
            assertEquals("READY=1", receive(fd));
            assertEquals("WATCHDOG=1", receive(fd));
            assertEquals("STATUS=writing at ONE", receive(fd), "one line: a newline would start another field");
        } finally {
            Receiver.close(fd);
        }
    }

    @Test
    void aSocketNobodyListensOnIsAClearFailure(@TempDir Path dir) {
        Path socket = dir.resolve("gone");
        ServiceManager manager = ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString()), 1).orElseThrow();
        var e = assertThrows(ServiceManager.NotifyException.class, manager::watchdog);
        assertTrue(e.getMessage().startsWith("cannot send WATCHDOG=1 to " + socket + ": errno"), e.getMessage());
        assertTrue(Files.notExists(socket));
    }

    private static String receive(int fd) {
        byte[] buffer = new byte[256];
        int n = Receiver.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
        return new String(Arrays.copyOf(buffer, n), StandardCharsets.UTF_8);
    }

    /** systemd's side of the socket, as the test plays it. */
    private static final class Receiver {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int bind(int fd, byte[] address, int length) throws LastErrorException;

        static native NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        static native int close(int fd);
    }
}
