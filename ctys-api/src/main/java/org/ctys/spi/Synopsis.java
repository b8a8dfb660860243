package org.ctys.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the sub-options an action's synopsis declares. The synopsis is the one declaration: help prints it, core
 * checks the command line against it.
 *
 * <pre>
 * synopsis := action { part }
 * part     := '[' ( '=' | ',' ) items ']'     (optional items)
 *           | ( '=' | ',' ) items              (required items)
 * items    := item { ',' item }
 * item     := alt { '|' alt }                  (alternatives: required only when alone)
 * alt      := key [ ':' value ]                (value: any balanced text, e.g. &lt;user&gt;[.&lt;group&gt;])
 * </pre>
 */
final class Synopsis {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private Synopsis() {
    }

    static List<SubOptionSpec> parse(String action, String synopsis) {
        if (!synopsis.regionMatches(true, 0, action, 0, action.length())) {
            throw malformed(synopsis, "it does not start with the action's name");
        }
        List<SubOptionSpec> specs = new ArrayList<>();
        int i = action.length();
        while (i < synopsis.length()) {
            boolean optional = synopsis.charAt(i) == '[';
            int end = optional ? closing(synopsis, i) : nextTopLevel(synopsis, i + 1, '[');
            String part = optional ? synopsis.substring(i + 1, end) : synopsis.substring(i, end);
            if (part.isEmpty() || (part.charAt(0) != '=' && part.charAt(0) != ',')) {
                throw malformed(synopsis, "expected '=' or ',' before the sub-options at " + i);
            }
            for (String item : split(synopsis, part.substring(1), ',')) {
                List<String> alternatives = split(synopsis, item, '|');
                for (String alternative : alternatives) {
                    specs.add(spec(synopsis, alternative, !optional && alternatives.size() == 1));
                }
            }
            i = optional ? end + 1 : end;
        }
        return List.copyOf(specs);
    }

    private static SubOptionSpec spec(String synopsis, String alternative, boolean required) {
        int colon = alternative.indexOf(':');
        String key = colon < 0 ? alternative : alternative.substring(0, colon);
        if (!KEY.matcher(key).matches() || colon == alternative.length() - 1) {
            throw malformed(synopsis, "'" + alternative + "' is not key or key:<value>");
        }
        return new SubOptionSpec(key, colon < 0 ? null : alternative.substring(colon + 1), required);
    }

    /** @return the index of the bracket closing the one at {@code open} */
    private static int closing(String text, int open) {
        int end = nextTopLevel(text, open + 1, ']');
        if (end == text.length()) {
            throw malformed(text, "unbalanced '['");
        }
        return end;
    }

    /** @return the first index from {@code from} of {@code wanted} outside brackets and angles, or the length */
    private static int nextTopLevel(String text, int from, char wanted) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && c == wanted) {
                return i;
            }
            if (c == '[' || c == '<') {
                depth++;
            } else if (c == ']' || c == '>') {
                if (--depth < 0) {
                    throw malformed(text, "unbalanced '" + c + "'");
                }
            }
        }
        return text.length();
    }

    private static List<String> split(String synopsis, String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = nextTopLevel(text, start, separator);
            parts.add(text.substring(start, end));
            start = end + 1;
        }
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw malformed(synopsis, "an empty sub-option");
        }
        return parts;
    }

    private static IllegalArgumentException malformed(String synopsis, String why) {
        return new IllegalArgumentException("synopsis '" + synopsis + "' cannot be read: " + why);
    }
}
