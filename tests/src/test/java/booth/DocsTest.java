package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booth.daemon.config.ConfigLoader;
import booth.screen.ScreenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents stay true where the code is the catalogue, and hold together: the README is
 * the front door (at most 300 lines), every table row has its header's cells, every link points
 * at a file of the repository, and no document leans on the team's notes a clone lacks.
 */
class DocsTest {
    static final Path CONFIGURATION = Path.of("docs/configuration.md");
    static final String CONFIG_HEADER = "| key (in `booth`) | type | default | meaning |";
    static final String SCREEN_HEADER = "| key (in `screen`) | type | default | meaning |";
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** Every Markdown document of the repository (build output and the Maven runtime poms' folders aside). */
    static List<Path> documents() throws IOException {
        try (Stream<Path> paths = Files.walk(Path.of("."))) {
            return paths.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")
                            && !p.toString().contains("/.local-"))
                    .map(p -> Path.of(".").relativize(p)).sorted().toList();
        }
    }

    @Test
    void theConfigurationTableIsTheCatalogue() throws IOException {
        assertEquals(ConfigLoader.table(), MarkdownTable.under(Files.readString(CONFIGURATION), CONFIG_HEADER).text(),
                CONFIGURATION + "'s daemon table differs from the catalogue (booth.daemon.config.Setting): "
                        + "paste ConfigLoader.table() into it");
    }

    @Test
    void theScreensConfigurationTableIsItsCatalogue() throws IOException {
        assertEquals(ScreenConfig.table(), MarkdownTable.under(Files.readString(CONFIGURATION), SCREEN_HEADER).text(),
                CONFIGURATION + "'s booth-screen table differs from the catalogue (booth.screen.ScreenSetting): "
                        + "paste ScreenConfig.table() into it");
    }

    /** The check itself: a table whose one default drifted is caught. */
    @Test
    void aDriftedTableIsCaught() throws IOException {
        String doc = Files.readString(CONFIGURATION);
        String drifted = doc.replace("| `kafka.bootstrap-servers` | host:port list | `127.0.3.1:9092` |",
                "| `kafka.bootstrap-servers` | host:port list | `127.0.0.1:9092` |");
        assertNotEquals(doc, drifted, "the planted line is in the document");
        assertNotEquals(ConfigLoader.table(), MarkdownTable.under(drifted, CONFIG_HEADER).text());
    }

    @Test
    void everyTableRowHasItsHeadersCells() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            broken.addAll(MarkdownTable.brokenRows(doc.toString(), Files.readString(doc)));
        }
        assertEquals(List.of(), broken);
        // a | left unescaped in a cell (the configuration table broke three rows so) is caught
        assertEquals(List.of("t.md:3: 5 cells, the header has 4"), MarkdownTable.brokenRows("t.md", """
                | key | type | default | meaning |
                | --- | --- | --- | --- |
                | `mode` | hardware | terminal | `hardware` | what |
                | `demo` | cassandra \\| kafka | `cassandra` | what |
                """));
    }

    @Test
    void theReadmeIsTheFrontDoor() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md")).size();
        assertTrue(lines <= 300, "README.md has " + lines + " lines: the front door holds at most 300; move the rest to docs/");
    }

    @Test
    void everyLinkPointsAtAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    broken.add(doc + ": " + target + " leaves the repository");
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = (doc.getParent() == null ? Path.of(".") : doc.getParent()).resolve(file).normalize();
                if (!file.isEmpty() && (resolved.startsWith("..") || !Files.exists(resolved))) {
                    broken.add(doc + ": " + target + " is not a file of the repository");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void itPointsAtNoFileOutsideTheRepository() throws IOException {
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            assertFalse(text.contains("../shared") || text.contains("shared/notes"),
                    doc + ": a clone has no shared/ (the team's notes): say the fact here instead");
        }
    }
}
