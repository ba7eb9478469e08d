package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.protocol.command.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher's command line, without starting anything. */
class LocalClusterCommandTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return LocalClusterCommand.PROGRAM.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                        | local-cluster: a command is needed
            launch                    | local-cluster: Unmatched argument at index 2: 'launch'
            estop                     | local-cluster: Missing required parameter: 'TARGET'
            estop DC1:r1 DC1:r2       | local-cluster: Unmatched argument at index 4: 'DC1:r2'
            restore DC1 DC2           | local-cluster: Unmatched argument at index 4: 'DC2'
            start --timeout soon      | local-cluster: Invalid value for option '--timeout': 'soon' is not a long
            start --timeout 0         | local-cluster: --timeout must be at least 1 second
            stop --grace              | local-cluster: Missing required parameter for option '--grace' (SECONDS)
            status --verbose          | local-cluster: Unknown option: '--verbose'
            """)
    void badUsageExitsWith2AndSaysWhy(String args, String message) {
        assertEquals(ExitCode.USAGE.code(), run(args.isEmpty() ? new String[0] : args.split(" ")));
        assertTrue(err().contains(message), err());
        assertTrue(err().contains("Usage: local-cluster"), err());
    }

    @Test
    void anUnknownTargetFailsWithTheValidOnes() {
        assertEquals(ExitCode.FAILED.code(), run("estop", "DC3"));
        assertTrue(err().contains("no DC, rack or node called 'DC3'; valid targets: all, DC1, DC2, DC1:r1"), err());
    }

    @Test
    void aBrokenTopologyFileFailsNamingTheLine() throws Exception {
        Path bad = home.resolve("bad.topology");
        Files.writeString(bad, "cluster x\nreplication DC1=1\nnode n1 DC1 r1 127.0.1.1 seed\nnode n2 DC1\n");
        assertEquals(ExitCode.FAILED.code(), run("--topology", bad.toString(), "status"));
        assertTrue(err().contains("bad.topology:4: expected 'node NAME DC RACK ADDRESS [seed]'"), err());
    }

    @Test
    void aNonLoopbackAddressIsRefused() throws Exception {
        Path lan = home.resolve("lan.topology");
        Files.writeString(lan, "cluster x\nreplication DC1=1\nnode n1 DC1 r1 192.168.1.10 seed\n");
        assertEquals(ExitCode.FAILED.code(), run("--topology", lan.toString(), "status"));
        assertTrue(err().contains("loopback addresses only, but n1 has 192.168.1.10"), err());
    }

    @Test
    void statusOfAClusterNeverStartedListsEveryNodeDown() {
        assertEquals(ExitCode.OK.code(), run("status"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("NODE "), table);
        assertTrue(table.contains("rpidc1r3n1   DC1   r3    127.0.1.3    -        down"), table);
        assertEquals(6, table.lines().count(), table);
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingIsLaunched() throws Exception {
        Path one = home.resolve("one.topology");
        Files.writeString(one, "cluster x\nreplication DC1=1\nnode n1 DC1 r1 127.0.9.1 seed\n");
        try (var taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.9.1", 9042));
            assertEquals(ExitCode.FAILED.code(), run("--topology", one.toString(), "start", "--timeout", "5"));
        }
        assertTrue(err().contains("n1: port 9042 on 127.0.9.1 is in use by a process this launcher did not start"), err());
        assertTrue(Files.notExists(home.resolve("n1/pid")), "nothing was launched");
    }

    @Test
    void helpExitsWith0() {
        assertEquals(ExitCode.OK.code(), run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("estop    Cuts a DC (DC1), a rack (DC1:r2) or a node"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(ExitCode.OK.code(), run("estop", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: local-cluster estop [-hV] [--kill]"), out.toString(StandardCharsets.UTF_8));
    }
}
