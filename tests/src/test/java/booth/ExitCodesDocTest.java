package booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import booth.protocol.command.ExitCode;
import booth.protocol.command.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/exit-codes.md is the exit code table, {@link ExitCode}, and says which command exits with
 * which code as each command's picocli model does ({@code @Exit}). Checked on planted drifts too.
 */
class ExitCodesDocTest {
    static final String TABLE = "| code | name | meaning | commands |";
    static final String BY_COMMAND = "| command | codes | when |";
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    /** Each command's name and the codes it declares, in the list's order. */
    private static final Map<String, List<ExitCode>> DECLARED = AllPrograms.ALL.stream()
            .collect(Collectors.toMap(Program::name, Program::exitCodes, (a, b) -> a, LinkedHashMap::new));

    private static String doc() throws IOException {
        return Files.readString(Path.of("docs/exit-codes.md"));
    }

    /** The commands of ours a cell names in backquotes ({@code `booth-daemon`}); the scripts' names are not ours to check. */
    private static Set<String> programsIn(String cell) {
        Set<String> named = new TreeSet<>();
        Matcher m = QUOTED.matcher(cell);
        while (m.find()) {
            if (DECLARED.containsKey(m.group(1))) {
                named.add(m.group(1));
            }
        }
        return named;
    }

    /** What is wrong with {@code text}'s tables against the code, one line each; empty when nothing. */
    static List<String> drift(String text) {
        List<String> wrong = new ArrayList<>();
        List<List<String>> table = MarkdownTable.under(text, TABLE).rows();
        List<String> expected = Arrays.stream(ExitCode.values())
                .map(c -> c.code() + " | `" + c.name() + "` | " + c.meaning()).toList();
        List<String> written = table.stream().map(r -> String.join(" | ", r.subList(0, Math.min(3, r.size())))).toList();
        for (int i = 0; i < Math.max(expected.size(), written.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(no such row)";
            String w = i < written.size() ? written.get(i) : "(no row)";
            if (!e.equals(w)) {
                wrong.add("row " + (i + 1) + " says '" + w + "', ExitCode '" + e + "'");
            }
        }
        for (List<String> row : table) {
            if (row.size() != 4 || row.get(3).startsWith("every command")) {
                continue;
            }
            int code = Integer.parseInt(row.get(0));
            Set<String> declared = DECLARED.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(c -> c.code() == code))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            if (!declared.equals(programsIn(row.get(3)))) {
                wrong.add(code + ": the commands that exit so are " + declared + ", the row names " + programsIn(row.get(3)));
            }
        }
        Set<String> described = new TreeSet<>();
        for (List<String> row : MarkdownTable.under(text, BY_COMMAND).rows()) {
            for (String name : programsIn(row.get(0))) {
                described.add(name);
                String codes = DECLARED.get(name).stream().map(c -> Integer.toString(c.code())).collect(Collectors.joining(", "));
                if (!codes.equals(row.get(1))) {
                    wrong.add(name + ": exits " + codes + ", its row says " + row.get(1));
                }
            }
        }
        Set<String> all = new TreeSet<>(DECLARED.keySet());
        if (!described.equals(all)) {
            all.removeAll(described);
            wrong.add("no row under 'By command' for " + all);
        }
        return wrong;
    }

    @Test
    void theDocIsTheTableAndEachCommandsCodes() throws IOException {
        assertEquals(List.of(), drift(doc()));
    }

    /** The check itself: a meaning reworded, a command forgotten in a row, a code not in a command's row. */
    @Test
    void aDriftIsCaught() throws IOException {
        String doc = doc();
        for (String[] plant : new String[][] {
            {"| 73 | `CANTCREAT` | another live daemon answers", "| 73 | `CANTCREAT` | another daemon answers"},
            {"| 70 | `SOFTWARE` | the run could not be carried out (what it needed would not start) | `chaos` |",
                "| 70 | `SOFTWARE` | the run could not be carried out (what it needed would not start) | |"},
            {"| `booth-screen` | 0, 2, 69, 78 |", "| `booth-screen` | 0, 2, 78 |"}}) {
            String drifted = doc.replace(plant[0], plant[1]);
            assertNotEquals(doc, drifted, "the planted line is in the doc: " + plant[0]);
            assertEquals(1, drift(drifted).size(), plant[1]);
        }
    }
}
