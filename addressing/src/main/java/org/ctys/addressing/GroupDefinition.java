package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ctys.api.ContextOptions;
import org.ctys.api.SyntaxException;

/**
 * A parsed group file.
 *
 * <pre>
 * # a comment line
 * #include other, sub/group          included groups, expanded in place
 * CONTEXT'(-Z SUDO -d 1)'            options for every member of this file (also CONTEXT(...))
 * host1 root@host2:22'(-d 2)'        members: the command line's address syntax, several per line
 * lab[01-04], @other-group
 * </pre>
 *
 * @param context the options of the CONTEXT line, never {@code null}
 * @param entries the members and includes in file order
 */
record GroupDefinition(ContextOptions context, List<Entry> entries) {

    /** A member line's addresses, or an include, with the line it came from. */
    record Entry(List<Address> members, List<String> includes, int line) {
    }

    static GroupDefinition parse(SourceText source) {
        ContextOptions context = ContextOptions.NONE;
        int contextLine = 0;
        List<Entry> entries = new ArrayList<>();
        List<String> lines = source.lines();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            int number = n + 1;
            try {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.toLowerCase(Locale.ROOT).startsWith("#include")
                        && (line.length() == 8 || Character.isWhitespace(line.charAt(8)))) {
                    entries.add(new Entry(List.of(), includes(source, number, line.substring(8)), number));
                } else if (line.startsWith("#")) {
                    continue;
                } else if (line.regionMatches(true, 0, "CONTEXT", 0, 7) && line.length() > 7
                        && (line.charAt(7) == '(' || line.charAt(7) == '\'')) {
                    if (contextLine > 0) {
                        throw SyntaxException.inFile(source.location(), number, "a second CONTEXT line (the first "
                                + "is line " + contextLine + ")", line);
                    }
                    context = context(source, number, line);
                    contextLine = number;
                } else {
                    entries.add(new Entry(AddressList.parseMembers(line), List.of(), number));
                }
            } catch (SyntaxException e) {
                if (e.getMessage().startsWith(source.location() + ":")) {
                    throw e;
                }
                throw SyntaxException.inFile(source.location(), number, e.getMessage(), line);
            }
        }
        return new GroupDefinition(context, entries);
    }

    private static ContextOptions context(SourceText source, int number, String line) {
        String body = line.substring(7).strip();
        if (body.startsWith("'") && body.endsWith("'") && body.length() >= 2) {
            body = body.substring(1, body.length() - 1);
        }
        if (!body.startsWith("(") || !body.endsWith(")")) {
            throw SyntaxException.inFile(source.location(), number, "expected CONTEXT'(<options>)'", line);
        }
        return ContextOptions.parse(body, 1, body.length() - 1);
    }

    private static List<String> includes(SourceText source, int number, String text) {
        List<String> names = new ArrayList<>();
        for (String word : text.split("[\\s,]+")) {
            String name = word.replaceAll("^['\"]|['\"]$", "");
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("@?[A-Za-z0-9_][A-Za-z0-9._\\-]*(/[A-Za-z0-9_][A-Za-z0-9._\\-]*)*")) {
                throw SyntaxException.inFile(source.location(), number, "expected group names after #include, "
                        + "not '" + word + "'", text);
            }
            names.add(name.startsWith("@") ? name.substring(1) : name);
        }
        if (names.isEmpty()) {
            throw SyntaxException.inFile(source.location(), number, "expected group names after #include", text);
        }
        return names;
    }
}
