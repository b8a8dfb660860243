package org.ctys.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    private static final List<Map<String, Object>> ROWS = List.of(row("h1", 1, List.of("a", "b")),
            row("host-two", null, List.of()));

    private static Map<String, Object> row(String host, Integer port, List<String> tags) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("host", host);
        row.put("port", port);
        row.put("tags", tags);
        return row;
    }

    private static String render(OutputFormat format) {
        StringWriter text = new StringWriter();
        format.render(ROWS, new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void tableAlignsColumnsUnderAnUpperCaseHeader() {
        assertEquals("HOST      PORT  TAGS\nh1        1     a,b\nhost-two\n", render(OutputFormat.TABLE));
        assertEquals("h1        1  a,b\nhost-two\n", render(OutputFormat.PLAIN));
    }

    @Test
    void terseIsSemicolonSeparatedWithoutHeader() {
        assertEquals("h1;1;a,b\nhost-two;;\n", render(OutputFormat.TERSE));
    }

    @Test
    void jsonKeepsTypes() {
        assertEquals("[{\"host\":\"h1\",\"port\":1,\"tags\":[\"a\",\"b\"]},{\"host\":\"host-two\",\"port\":null,"
                + "\"tags\":[]}]", render(OutputFormat.JSON).replaceAll("\\s", ""));
    }
}
