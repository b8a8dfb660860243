package org.ctys.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** How records are written: a table for people, {@code ;}-separated lines for scripts, JSON for programs. */
public enum OutputFormat {

    /** Aligned columns under an upper-case header. */
    TABLE {
        @Override
        public void render(List<Map<String, Object>> rows, PrintWriter out) {
            renderTable(rows, out, true);
        }
    },

    /** Aligned columns without a header, for the original's {@code -n}. */
    PLAIN {
        @Override
        public void render(List<Map<String, Object>> rows, PrintWriter out) {
            renderTable(rows, out, false);
        }
    },

    /** One {@code ;}-separated record per line, no header, as the original's {@code -X}. */
    TERSE {
        @Override
        public void render(List<Map<String, Object>> rows, PrintWriter out) {
            List<String> columns = columns(rows);
            for (Map<String, Object> row : rows) {
                out.println(String.join(";", columns.stream().map(c -> cell(row, c)).toList()));
            }
        }
    },

    /** A JSON array of objects, written by Jackson. */
    JSON {
        @Override
        public void render(List<Map<String, Object>> rows, PrintWriter out) {
            out.println(json(rows));
        }
    };

    /** Jackson is loaded only when JSON is written: its few hundred classes cost a table run 0.15 s. */
    private static final class Mapper {
        private static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * @param value plain data: maps, lists, text, numbers, booleans
     * @return it as indented JSON
     */
    public static String json(Object value) {
        try {
            return Mapper.INSTANCE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param rows records, usually with the same columns in the same order
     * @param out where to write
     */
    public abstract void render(List<Map<String, Object>> rows, PrintWriter out);

    private static void renderTable(List<Map<String, Object>> rows, PrintWriter out, boolean header) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = columns(rows);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = header ? columns.get(c).length() : 0;
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], cell(row, columns.get(c)).length());
            }
        }
        if (header) {
            printLine(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(), widths, out);
        }
        for (Map<String, Object> row : rows) {
            printLine(columns.stream().map(c -> cell(row, c)).toList(), widths, out);
        }
    }

    private static List<String> columns(List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        return new ArrayList<>(columns);
    }

    private static String cell(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Objects::toString).toList());
        }
        return value == null ? "" : value.toString();
    }

    private static void printLine(List<String> cells, int[] widths, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
