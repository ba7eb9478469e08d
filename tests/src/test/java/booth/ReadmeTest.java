package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import booth.daemon.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README stays true to the code where the code is the catalogue. */
class ReadmeTest {
    static final String CONFIG_HEADER = "| key (in `booth`) | type | default | meaning |";
    static final String SCREEN_HEADER = "| key (in `screen`) | type | default | meaning |";

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    /** The rows of the table under {@code header}: the lines after it and its separator, up to the first non-row. */
    static String tableUnder(String text, String header) {
        List<String> lines = List.of(text.split("\n"));
        int at = lines.indexOf(header);
        if (at < 0) {
            return "(no table with the header " + header + ")";
        }
        List<String> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return String.join("\n", rows);
    }

    @Test
    void theConfigurationTableIsTheCatalogue() throws IOException {
        assertEquals(ConfigLoader.table(), tableUnder(readme(), CONFIG_HEADER),
                "README's configuration table differs from the catalogue (booth.daemon.config.Setting): "
                        + "paste ConfigLoader.table() into it");
    }

    @Test
    void theScreensConfigurationTableIsItsCatalogue() throws IOException {
        assertEquals(booth.screen.ScreenConfig.table(), tableUnder(readme(), SCREEN_HEADER),
                "README's booth-screen table differs from the catalogue (booth.screen.ScreenSetting): "
                        + "paste ScreenConfig.table() into it");
    }

    /** The check itself: a README whose table drifted by one default is caught. */
    @Test
    void aDriftedTableIsCaught() throws IOException {
        String drifted = readme().replace("| `kafka.bootstrap-servers` | string | `127.0.3.1:9092` |",
                "| `kafka.bootstrap-servers` | string | `127.0.0.1:9092` |");
        assertNotEquals(readme(), drifted, "the planted line is in the README");
        assertNotEquals(ConfigLoader.table(), tableUnder(drifted, CONFIG_HEADER));
    }

    @Test
    void itPointsAtNoFileOutsideTheRepository() throws IOException {
        for (Path doc : List.of(Path.of("README.md"), Path.of("hardware/README.md"))) {
            String text = Files.readString(doc);
            assertFalse(text.contains("../shared") || text.contains("shared/notes"),
                    doc + ": a clone has no shared/ (the team's notes): say the fact here instead");
        }
    }
}
