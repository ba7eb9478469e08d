package booth.bringup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runbook in dry-run: what it would do on the booth, in which order. An integration test
 * only because the script runs the packaged jar (it starts no cluster).
 */
class RunbookIT {
    private static List<String> dryRun(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "demo-scripts/booth-runbook", command)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BOOTH_DRY_RUN", "1");
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", lines));
        return lines;
    }

    @Test
    void startBringsTheSeedsUpFirstAndWaitsForEachNode() throws Exception {
        List<String> lines = dryRun("start");
        assertEquals(List.of("starting rpidc1r1n1 (DC1:r1, seed)", "[10.0.1.11] sudo systemctl start cassandra",
                "[wait] rpidc1r1n1 serves CQL on 10.0.1.11:9042", "starting rpidc2r1n1 (DC2:r1, seed)"), lines.subList(0, 4));
        assertEquals(1 + 9 * 3, lines.size());
        assertEquals("[wait] rpidc2r1n3 serves CQL on 10.0.2.13:9042", lines.get(lines.size() - 2));
    }

    @Test
    void shutdownTakesTheClientsFirstThenTheKafkaBrokersBeforeTheirControllerAndTheSeedsLast() throws Exception {
        List<String> hosts = dryRun("shutdown").stream().filter(l -> l.startsWith("[")).map(l -> l.substring(1, l.indexOf(']'))).toList();
        assertEquals(List.of("10.0.1.100", "10.0.2.100", "10.0.1.32", "10.0.1.22", "10.0.1.12", "10.0.0.10",
                "10.0.1.12", "10.0.1.21", "10.0.1.22", "10.0.1.31", "10.0.1.32",
                "10.0.2.12", "10.0.2.13", "10.0.1.11", "10.0.2.11"), hosts);
    }

    @Test
    void theKafkaDemoStartsWithItsControllerThenEachBrokerWaitedFor() throws Exception {
        List<String> lines = dryRun("kafka-start");
        assertEquals(List.of("[10.0.0.10] sudo systemctl start kafka-demo", "[wait] controller 10 answering on port 9193 on 10.0.0.10:9193",
                "[10.0.1.12] sudo systemctl start kafka-demo", "[wait] broker 1 answering on port 9092 on 10.0.1.12:9092"),
                lines.stream().filter(l -> l.startsWith("[")).toList().subList(0, 4));
    }

    @Test
    void resetEmptiesTheTableOnceAndResetsEveryClient() throws Exception {
        assertEquals(List.of("[10.0.1.100] democtl reset --truncate --yes", "[10.0.2.100] democtl reset --truncate --yes"),
                dryRun("reset"));
    }
}
