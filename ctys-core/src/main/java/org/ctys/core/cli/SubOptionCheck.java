package org.ctys.core.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.SubOptionSpec;

/**
 * Holds a command line's sub-options against what the action declares, for every plugin alike, once per run and
 * before anything runs: an unknown key, a flag given a value, a value left out, a value not of its kind, a repeat
 * of a sub-option given at most once, or a required sub-option missing is a usage error quoting it.
 */
final class SubOptionCheck {

    private SubOptionCheck() {
    }

    static void check(String type, ActionDescriptor action, SubOptions given) {
        List<SubOptionSpec> declared = action.subOptions();
        String name = name(type, action);
        for (SubOption option : given.items()) {
            SubOptionSpec spec = declared.stream().filter(s -> option.is(s.key())).findFirst()
                    .orElseThrow(() -> unknown(name, option.key(), declared));
            if (spec.isFlag() && option.value() != null) {
                throw new UsageException("sub-option '" + option.key() + ":" + option.value() + "' of " + name
                        + ": '" + spec.key() + "' is a flag and takes no value");
            }
            if (!spec.isFlag() && (option.value() == null || option.value().isEmpty())) {
                throw new UsageException("sub-option '" + option.key() + "' of " + name + " needs a value: " + spec);
            }
            if (!spec.isFlag() && !spec.kind().accepts(option.value())) {
                throw new UsageException("sub-option '" + option.key() + ":" + option.value() + "' of " + name
                        + ": expected " + spec.kind().description());
            }
            if (!spec.repeatable() && given.items().stream().filter(o -> o.is(spec.key())).count() > 1) {
                throw new UsageException("sub-option '" + spec.key() + "' of " + name + " is given more than once; "
                        + "it takes one value: " + spec);
            }
        }
        for (SubOptionSpec spec : declared) {
            if (spec.required() && !given.has(spec.key())) {
                throw new UsageException(name + " needs the sub-option " + spec + ": " + action.synopsis());
            }
        }
    }

    /** @return the action as messages name it, e.g. {@code VDE create} */
    static String name(String type, ActionDescriptor action) {
        return type.toUpperCase(Locale.ROOT) + " " + action.name().toLowerCase(Locale.ROOT);
    }

    private static UsageException unknown(String name, String key, List<SubOptionSpec> declared) {
        if (declared.isEmpty()) {
            return new UsageException("sub-option '" + key + "' is not known: " + name + " takes none");
        }
        String known = declared.stream().map(SubOptionSpec::key).distinct().collect(Collectors.joining(", "));
        return new UsageException("sub-option '" + key + "' is not known to " + name + "; known: " + known
                + closest(key, declared).map(s -> " (did you mean " + s + "?)").orElse(""));
    }

    /** The declared sub-option whose key or value name is nearest to {@code key}, if one is near enough. */
    private static Optional<SubOptionSpec> closest(String key, List<SubOptionSpec> declared) {
        String wanted = key.toLowerCase(Locale.ROOT);
        record Near(SubOptionSpec spec, int distance) {
        }
        return declared.stream()
                .map(s -> new Near(s, Math.min(distance(wanted, s.key().toLowerCase(Locale.ROOT)),
                        s.isFlag() ? Integer.MAX_VALUE : distance(wanted, valueName(s)))))
                .filter(n -> n.distance() <= wanted.length() / 3)
                .min(Comparator.comparingInt(Near::distance)).map(Near::spec);
    }

    /** @return the first name in a value's placeholder, {@code bridge} for {@code <bridge>} */
    private static String valueName(SubOptionSpec spec) {
        String value = spec.value().toLowerCase(Locale.ROOT);
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        return open >= 0 && close > open ? value.substring(open + 1, close) : value;
    }

    /** Levenshtein distance: edits turning one word into the other. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
