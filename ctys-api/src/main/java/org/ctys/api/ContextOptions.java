package org.ctys.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context options of a target, {@code host'(-d 1 -Z SUDO)'}: ctys generic options in a shell-like syntax
 * (white space separates; {@code '...'} and {@code "..."} quote; {@code \} escapes one character). Which options
 * take a value follows the original's option table ({@code getopts} string of ctys), so {@code -d3}, {@code -d 3}
 * and bundled flags {@code -fX} all read as they did there.
 *
 * @param options the options in order, each at most once
 * @since 0.1
 */
public record ContextOptions(List<Option> options) {

    /**
     * One option.
     *
     * @param name the option letter with its dash, e.g. {@code -d}
     * @param value its value, or {@code null} for a flag
     */
    public record Option(String name, String value) {
    }

    /** No options. */
    public static final ContextOptions NONE = new ContextOptions(List.of());

    /**
     * Option letters that take a value: the original's {@code OPTLST}, plus {@code -u} and {@code -i} of
     * ctys-setupVDE, so that {@code h2'(-u alice -b br7)'} can carry a host's switch options.
     */
    private static final String WITH_VALUE = "aAbdDcCFgHijklLMoOprsStTuWxzZ";
    /** Option letters that are flags. */
    private static final String FLAGS = "EfhnvVwXyY";

    /**
     * Copies.
     *
     * @param options the options in order, each at most once
     */
    public ContextOptions {
        options = List.copyOf(options);
    }

    /**
     * Parses context options as they are written between the parentheses, e.g. {@code -d 1 -Z SUDO}; parsing
     * {@link #toString()} gives back equal options.
     *
     * @param text the options
     * @return the options, merged so that a later one of the same name wins
     * @throws SyntaxException on an unknown option, a missing value, or an unclosed quote, quoting {@code text}
     */
    public static ContextOptions parse(String text) {
        return parse(text, 0, text.length());
    }

    /**
     * Reads options back from {@link #argv()}: each option and, for those that take one, its value.
     *
     * @param argv options as argv strings, e.g. {@code [-d, 1, -Z, SUDO]}
     * @return the options
     * @throws SyntaxException on an unknown option or a missing value
     */
    public static ContextOptions ofArgv(java.util.List<String> argv) {
        return parse(ShellWords.join(argv));
    }

    /**
     * Parses the text between the parentheses of a context within a longer input.
     *
     * @param input the whole input, quoted in errors
     * @param start the index of the first character after {@code (}
     * @param end the index of the closing {@code )}
     * @return the options, merged so that a later one of the same name wins
     * @throws SyntaxException on an unknown option, a missing value, or an unclosed quote
     */
    public static ContextOptions parse(String input, int start, int end) {
        List<String> tokens = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        tokenize(input, start, end, tokens, positions);
        Map<String, String> merged = new LinkedHashMap<>();
        for (int t = 0; t < tokens.size(); t++) {
            String token = tokens.get(t);
            int at = positions.get(t);
            if (token.length() < 2 || token.charAt(0) != '-' || token.startsWith("--")) {
                throw new SyntaxException("expected a context option such as -d <level> or -Z SUDO, not '" + token
                        + "'", input, at);
            }
            for (int c = 1; c < token.length(); c++) {
                char letter = token.charAt(c);
                String name = "-" + letter;
                if (WITH_VALUE.indexOf(letter) >= 0) {
                    String value;
                    if (c + 1 < token.length()) {
                        value = token.substring(c + 1);
                    } else if (t + 1 < tokens.size()) {
                        value = tokens.get(++t);
                    } else {
                        throw new SyntaxException("option " + name + " needs a value", input, at);
                    }
                    if (letter == 'l' && !Target.isUserName(value)) {
                        throw new SyntaxException("expected a user name after -l, not '" + value + "'", input, at);
                    }
                    put(merged, name, value);
                    break;
                }
                if (FLAGS.indexOf(letter) < 0) {
                    throw new SyntaxException("unknown context option " + name + " (known: -" + WITH_VALUE
                            + " with a value, -" + FLAGS + " without)", input, at + c - 1);
                }
                put(merged, name, null);
            }
        }
        List<Option> options = new ArrayList<>();
        merged.forEach((name, value) -> options.add(new Option(name, value)));
        return new ContextOptions(options);
    }

    private static void put(Map<String, String> merged, String name, String value) {
        merged.remove(name);
        merged.put(name, value);
    }

    private static void tokenize(String input, int start, int end, List<String> tokens, List<Integer> positions) {
        StringBuilder token = null;
        int i = start;
        while (i < end) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                if (token != null) {
                    tokens.add(token.toString());
                    token = null;
                }
                i++;
                continue;
            }
            if (token == null) {
                token = new StringBuilder();
                positions.add(i);
            }
            if (c == '\'' || c == '"') {
                int close = input.indexOf(c, i + 1);
                while (c == '"' && close > 0 && close < end && input.charAt(close - 1) == '\\'
                        && !escapedBackslash(input, close - 1)) {
                    close = input.indexOf(c, close + 1);
                }
                if (close < 0 || close >= end) {
                    throw new SyntaxException("unclosed " + (c == '\'' ? "single" : "double") + " quote", input, i);
                }
                String quoted = input.substring(i + 1, close);
                token.append(c == '"' ? quoted.replaceAll("\\\\([\"\\\\$`])", "$1") : quoted);
                i = close + 1;
            } else if (c == '\\' && i + 1 < end) {
                token.append(input.charAt(i + 1));
                i += 2;
            } else {
                token.append(c);
                i++;
            }
        }
        if (token != null) {
            tokens.add(token.toString());
        }
    }

    private static boolean escapedBackslash(String input, int index) {
        int backslashes = 0;
        for (int i = index; i >= 0 && input.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /**
     * Returns these options with later ones applied on top.
     *
     * @param later options of higher precedence
     * @return these options with {@code later} applied on top: an option of the same name takes the later value
     */
    public ContextOptions then(ContextOptions later) {
        if (later.options.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        options.forEach(o -> merged.put(o.name(), o.value()));
        later.options.forEach(o -> put(merged, o.name(), o.value()));
        List<Option> result = new ArrayList<>();
        merged.forEach((name, value) -> result.add(new Option(name, value)));
        return new ContextOptions(result);
    }

    /**
     * Returns whether an option takes a value in a context.
     *
     * @param name an option name with its dash, such as {@code -d}
     * @return whether it takes a value in a context
     */
    public static boolean takesValue(String name) {
        return name.length() == 2 && name.charAt(0) == '-' && WITH_VALUE.indexOf(name.charAt(1)) >= 0;
    }

    /**
     * Returns the value of an option.
     *
     * @param name an option name such as {@code -l}
     * @return its value, or {@code null} when absent or a flag
     */
    public String value(String name) {
        return options.stream().filter(o -> o.name().equals(name)).map(Option::value).findFirst().orElse(null);
    }

    /**
     * Returns the options as argv strings.
     *
     * @return the options as argv strings, e.g. {@code [-d, 1, -Z, SUDO]}
     */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        for (Option option : options) {
            argv.add(option.name());
            if (option.value() != null) {
                argv.add(option.value());
            }
        }
        return argv;
    }

    /** @return the options as they are written between the parentheses, quoted where needed */
    @Override
    public String toString() {
        return String.join(" ", argv().stream().map(ShellWords::quote).toList());
    }

}
