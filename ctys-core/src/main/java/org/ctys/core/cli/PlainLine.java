package org.ctys.core.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a plain command line without picocli: options named exactly, each at most once (a list option may repeat),
 * a value in the next word, and words. Building picocli's model is most of a short command's start-up (about 30 ms
 * of a 100 ms {@code --expand}), and nearly every line a user or a script types is plain. A line that is anything
 * else (an unknown or clustered option, {@code --}, a value that looks like an option, a number picocli would have to
 * judge, a subcommand's name) is not read here: picocli reads it, with its errors and help. A property test holds
 * this reading to picocli's on random lines.
 */
final class PlainLine implements Given {

    private final Map<String, Object> values;
    private final List<String> words;

    private PlainLine(Map<String, Object> values, List<String> words) {
        this.values = values;
        this.words = words;
    }

    /**
     * @param options the options the command has (it may have more that are not plain, such as help)
     * @param reserved words that are not plain words, such as the names of subcommands
     * @param args the command line
     * @return what it gave, or empty when it is not plain
     */
    static Optional<Given> read(List<Option> options, Set<String> reserved, String... args) {
        Map<String, Option> byName = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        for (Option option : options) {
            for (String name : option.names()) {
                byName.put(name, option);
                values.put(name, option.initial());
            }
        }
        Set<String> given = new HashSet<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (reserved.contains(arg)) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                words.add(arg);
                continue;
            }
            Option option = byName.get(arg);
            // a list option may repeat, each time adding a value; any other is given once
            boolean list = option != null && option.type() == List.class;
            if (option == null || !list && !given.add(option.names().get(0))) {
                return Optional.empty();
            }
            Object value = Boolean.TRUE;
            if (!option.isFlag()) {
                value = i + 1 < args.length ? value(list ? String.class : option.type(), args[++i]) : null;
                if (value == null || reserved.contains(args[i])) {
                    return Optional.empty();
                }
            }
            if (list) {
                List<Object> items = new ArrayList<>();
                if (values.get(arg) != null) {
                    items.addAll((List<?>) values.get(arg));
                }
                items.add(value);
                value = items;
            }
            for (String name : option.names()) {
                values.put(name, value);
            }
        }
        return Optional.of(new PlainLine(values, words));
    }

    /** @return {@code text} as a value of {@code type}, or {@code null} when picocli is to judge it */
    private static Object value(Class<?> type, String text) {
        if (text.startsWith("-")) {
            return null;
        }
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return digits(text) ? Integer.valueOf(text) : null;
        }
        if (type == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return null;
    }

    /** @return whether {@code text} is one to nine decimal digits, which every int converter reads alike */
    private static boolean digits(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return the option's value; {@code null} for one a plain line cannot give, such as {@code -H} */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) values.get(name);
    }

    @Override
    public List<String> words() {
        return new ArrayList<>(words);
    }
}
