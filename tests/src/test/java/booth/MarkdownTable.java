package booth;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table of a document, read the way a renderer reads it: a header row, a separator,
 * then rows up to the first line that is not one; cells split on {@code |} except an escaped
 * {@code \|}. The documents' contract tables are checked against the code through this reader.
 *
 * @param header the header's cells
 * @param rows   each row's cells, trimmed, {@code \|} turned back into {@code |}
 * @param lines  the rows' lines as written
 */
record MarkdownTable(List<String> header, List<List<String>> rows, List<String> lines) {
    /** The table whose header line is exactly {@code header}; an empty table when there is none. */
    static MarkdownTable under(String text, String header) {
        List<String> all = List.of(text.split("\n"));
        int at = all.indexOf(header);
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (at < 0) {
            return new MarkdownTable(List.of(), rows, lines);
        }
        for (int i = at + 2; i < all.size() && all.get(i).startsWith("|"); i++) {
            lines.add(all.get(i));
            rows.add(cells(all.get(i)));
        }
        return new MarkdownTable(cells(header), rows, lines);
    }

    /** The rows as written, one a line. */
    String text() {
        return String.join("\n", lines);
    }

    /** The first cell of every row, its backticks taken off: the names a contract table lists. */
    List<String> names() {
        return rows.stream().map(r -> r.get(0).replace("`", "")).toList();
    }

    /** The cells of one table line. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** Every row of every table in {@code text} whose cells do not match its header's, as "file:line: why". */
    static List<String> brokenRows(String file, String text) {
        List<String> broken = new ArrayList<>();
        String[] lines = text.split("\n");
        int expected = -1;
        boolean inCode = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            if (inCode || !line.startsWith("|")) {
                expected = -1;
                continue;
            }
            if (expected < 0) {
                expected = cells(line).size(); // a header
            } else if (!line.matches("\\|[\\s:|-]+\\|?")) {
                int n = cells(line).size();
                if (n != expected) {
                    broken.add(file + ":" + (i + 1) + ": " + n + " cells, the header has " + expected);
                }
            }
        }
        return broken;
    }
}
