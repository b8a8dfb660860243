package org.ctys.addressing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.SyntaxException;

/**
 * A parsed macro file: {@code NAME = value} lines; {@code #} comment lines and blank lines are skipped; a line
 * ending in {@code \} continues on the next; runs of white space in a value become one space (as the original).
 * A name defined twice is an error naming both lines.
 */
final class MacroFile {

    /** One definition and the line it starts on. */
    record Definition(String value, int line) {
    }

    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(.*)");

    private final SourceText source;
    private final Map<String, Definition> definitions;

    private MacroFile(SourceText source, Map<String, Definition> definitions) {
        this.source = source;
        this.definitions = definitions;
    }

    static MacroFile parse(SourceText source) {
        Map<String, Definition> definitions = new HashMap<>();
        var lines = source.lines();
        for (int n = 0; n < lines.size(); n++) {
            int first = n + 1;
            StringBuilder text = new StringBuilder(lines.get(n));
            while (text.toString().stripTrailing().endsWith("\\") && n + 1 < lines.size()) {
                String stripped = text.toString().stripTrailing();
                text.setLength(0);
                text.append(stripped, 0, stripped.length() - 1).append(' ').append(lines.get(++n));
            }
            String line = text.toString().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw SyntaxException.inFile(source.location(), first, "expected NAME = value (a name of letters, "
                        + "digits, '_' or '-')", line);
            }
            String name = matcher.group(1);
            Definition earlier = definitions.get(name);
            if (earlier != null) {
                throw SyntaxException.inFile(source.location(), first, "macro " + name + " is defined twice (first "
                        + "on line " + earlier.line() + ")", line);
            }
            definitions.put(name, new Definition(matcher.group(2).strip().replaceAll("\\s+", " "), first));
        }
        return new MacroFile(source, definitions);
    }

    Definition get(String name) {
        return definitions.get(name);
    }

    SourceText source() {
        return source;
    }
}
