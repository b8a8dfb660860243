package org.ctys.addressing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.SyntaxException;

/**
 * Expands {@code MACRO:<name>[%<file>][%OPTIONAL]} anywhere on the command line, before anything else reads it.
 * Also written {@code {MACRO:<name>}} and in any case ({@code macro:}). The keyword is
 * case-insensitive, the name is not; the name ends at the first character that is not a letter, digit, {@code _}
 * or {@code -} (so {@code MACRO:HOSTS'(-d 1)'} works, unlike the original).
 *
 * <p>The file is {@value #DEFAULT_FILE} unless the outermost macro names one; nested macros resolve in
 * that same file and a {@code %<file>} inside a definition is ignored (as the original). A definition is
 * expanded again until no macro is left. An argument that changed is split into words at white space outside
 * parentheses and quotes, so a macro can stand for several arguments; quotes outside parentheses are removed as a
 * shell would. An undefined macro is an error unless {@code %OPTIONAL}, which makes it empty; a cycle is an error
 * naming its chain; {@code %EVAL} is refused: ctys never runs shell code from a macro file.
 *
 * @since 0.1
 */
public final class MacroExpander {

    /** One argument after expansion, with the macros it came from (outermost first). */
    public record Argument(String text, List<String> origin) {
        /** Copies. */
        public Argument {
            origin = List.copyOf(origin);
        }
    }

    /** The macro file used when a macro names none. */
    public static final String DEFAULT_FILE = "default";

    /** Deeper nesting than this is an error even without a cycle (the original's CTYS_MAXRECURSE). */
    static final int MAX_DEPTH = 20;

    private static final Pattern MACRO = Pattern.compile(
            "(\\{)?(?i:macro):([A-Za-z0-9_-]+)((?:%[A-Za-z0-9_./][A-Za-z0-9_./-]*)*)(\\})?");

    private final DefinitionTable table;
    private final Map<String, MacroFile> files = new HashMap<>();

    /** @param table where macro files are found */
    public MacroExpander(DefinitionTable table) {
        this.table = table;
    }

    /**
     * @param argv the command line
     * @return the command line with every macro expanded, each argument with its origin
     * @throws SyntaxException on an undefined macro, a cycle, {@code %EVAL}, or a malformed macro file
     * @throws NotFoundException when a named macro file does not exist
     */
    public List<Argument> expand(List<String> argv) {
        List<Argument> result = new ArrayList<>();
        for (String argument : argv) {
            List<String> origin = new ArrayList<>();
            String expanded = substitute(argument, null, new ArrayList<>(), origin);
            if (origin.isEmpty()) {
                result.add(new Argument(argument, List.of()));
            } else {
                for (String word : words(expanded)) {
                    result.add(new Argument(word, origin));
                }
            }
        }
        return result;
    }

    /**
     * @param argv the command line
     * @return whether any argument mentions a macro, so that the macro files need not be read otherwise
     */
    public static boolean mentionsMacros(List<String> argv) {
        return argv.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains("macro:"));
    }

    private String substitute(String text, MacroFile fixed, List<String> chain, List<String> origin) {
        Matcher matcher = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            boolean braced = matcher.group(1) != null;
            String name = matcher.group(2);
            String fileName = MacroExpander.DEFAULT_FILE;
            boolean optional = false;
            for (String modifier : matcher.group(3).split("%")) {
                if (modifier.isEmpty() || modifier.equalsIgnoreCase("ECHO")) {
                    continue;
                }
                if (modifier.equalsIgnoreCase("OPTIONAL")) {
                    optional = true;
                } else if (modifier.equalsIgnoreCase("EVAL")) {
                    throw new SyntaxException("%EVAL is not supported: ctys never runs shell code from a macro "
                            + "file", text, matcher.start());
                } else {
                    fileName = modifier;
                }
            }
            int end = matcher.end();
            if (matcher.group(4) != null && !braced) {
                end--;
            }
            out.append(text, last, matcher.start()).append(braced && matcher.group(4) == null ? "{" : "");
            if (chain.isEmpty()) {
                origin.add("MACRO:" + name);
            }
            out.append(value(name, fixed != null ? fixed : file(fileName, optional), optional, chain, text,
                    matcher.start()));
            last = end;
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private String value(String name, MacroFile file, boolean optional, List<String> chain, String text, int at) {
        if (file == null) {
            return "";
        }
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            cycle.add(name);
            MacroFile.Definition closing = file.get(chain.get(chain.size() - 1));
            throw SyntaxException.of(file.source().location() + ":" + closing.line() + ": macro cycle: "
                    + String.join(" -> ", cycle));
        }
        if (chain.size() >= MAX_DEPTH) {
            throw SyntaxException.of("macros nested deeper than " + MAX_DEPTH + ": " + String.join(" -> ", chain));
        }
        MacroFile.Definition definition = file.get(name);
        if (definition == null) {
            if (optional) {
                return "";
            }
            throw new SyntaxException("undefined macro " + name + " (not in " + file.source().location()
                    + "; add %OPTIONAL to allow that)", text, at);
        }
        chain.add(name);
        String value = substitute(definition.value(), file, chain, new ArrayList<>());
        chain.remove(chain.size() - 1);
        return value;
    }

    private MacroFile file(String name, boolean optional) {
        MacroFile file = files.get(name);
        if (file == null) {
            var source = table.find(name);
            if (source.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new NotFoundException("no macro file '" + name + "' along " + table.searchPath());
            }
            file = MacroFile.parse(source.get());
            files.put(name, file);
        }
        return file;
    }

    /** Splits at white space outside parentheses and quotes; removes quotes outside parentheses. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0 && (c == '\'' || c == '"')) {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    close = text.length();
                }
                word.append(text, i + 1, close);
                inWord = true;
                i = close;
            } else if (depth == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                }
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
