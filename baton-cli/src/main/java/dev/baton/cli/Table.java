package dev.baton.cli;

import java.util.ArrayList;
import java.util.List;

/** A table of aligned columns for the terminal; cells may hold colour codes. */
final class Table {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param headers the column headers; a header ending in '>' is right-aligned (the '>' is dropped) */
    Table(String... headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            boolean right = headers[i].endsWith(">");
            rightAligned[i] = right;
            this.headers.add(right ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
    }

    /** @param cells one cell per column @return this */
    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /**
     * @param style the style for the header
     * @param indent spaces before each line
     * @return the lines, header first, columns separated by two spaces, no trailing blanks
     */
    List<String> render(Style style, String indent) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], Style.visibleLength(row.get(i)));
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(indent + style.bold(line(headers, widths)));
        for (List<String> row : rows) {
            lines.add(indent + line(row, widths));
        }
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            int pad = widths[i] - Style.visibleLength(cell);
            boolean last = i == cells.size() - 1;
            if (i > 0) {
                out.append("  ");
            }
            if (rightAligned[i]) {
                out.append(" ".repeat(pad)).append(cell);
            } else {
                out.append(cell);
                if (!last) {
                    out.append(" ".repeat(pad));
                }
            }
        }
        return out.toString().stripTrailing();
    }
}
