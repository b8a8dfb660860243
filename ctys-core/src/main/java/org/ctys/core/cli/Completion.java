package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ctys.core.Invocation;
import org.ctys.core.exec.Escalation;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.SubOptionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The candidates for the last word of a partial command line, for the bash and zsh completion scripts
 * ({@code ctys --complete '<line up to the cursor>'}): the scripts only ask, so what can be completed is decided
 * here once, from the command model and the installed plugins.
 */
final class Completion {

    /** The first argument that asks for completion instead of running a command. */
    static final String OPTION = "--complete";

    private final Invocation invocation;
    private final String face;
    private PluginRegistry registry;

    Completion(Invocation invocation, String face) {
        this.invocation = invocation;
        this.face = face;
    }

    /**
     * @param line the command line up to the cursor, as the shell has it (the command's name first)
     * @return whole words for the last word of {@code line} (empty when it ends in a space), sorted; empty when ctys
     *     has nothing to offer, and the shell completes file names
     */
    List<String> candidates(String line) {
        List<String> words = words(line);
        String current = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1)) ? ""
                : words.remove(words.size() - 1);
        if (!words.isEmpty()) {
            words.remove(0);
        }
        CommandLine commandLine = Cli.commandLine(invocation, face);
        if (!words.isEmpty() && words.get(0).equals("plugins") && face.equals("ctys")) {
            commandLine = commandLine.getSubcommands().get("plugins");
            words.remove(0);
        }
        CommandSpec spec = commandLine.getCommandSpec();
        String previous = words.isEmpty() ? "" : words.get(words.size() - 1);
        OptionSpec option = previous.startsWith("-") ? spec.findOption(previous) : null;
        Collection<String> offered;
        if (option != null && option.arity().max() > 0) {
            offered = values(previous, current, words);
        } else if (current.startsWith("-")) {
            offered = spec.options().stream().flatMap(o -> List.of(o.names()).stream()).toList();
        } else if (current.startsWith("@")) {
            offered = groups("@");
        } else if (face.equals("ctys-setupVDE")) {
            offered = actions("VDE");
        } else {
            offered = words.isEmpty() ? new ArrayList<>(commandLine.getSubcommands().keySet()) : List.of();
        }
        String prefix = current.toLowerCase(Locale.ROOT);
        return new ArrayList<>(new TreeSet<>(offered.stream()
                .filter(word -> word.toLowerCase(Locale.ROOT).startsWith(prefix)).toList()));
    }

    private Collection<String> values(String option, String current, List<String> words) {
        return switch (option) {
            case "-t" -> plugins().sessionTypes().keySet();
            case "-a" -> current.contains("=") ? subOptions(type(words), current) : actions(type(words));
            case "-Z" -> List.of(names(Escalation.values()));
            case "-H" -> {
                List<String> topics = new ArrayList<>(HelpTopics.topics());
                topics.addAll(plugins().sessionTypes().keySet());
                yield topics;
            }
            case "-d" -> List.of("0", "1", "2", "3");
            case "-r" -> groups("@");
            default -> List.of();
        };
    }

    /** @return the session type named by {@code -t}, or {@code null}: every type's actions are offered */
    private String type(List<String> words) {
        if (face.equals("ctys-setupVDE")) {
            return "VDE";
        }
        int at = words.lastIndexOf("-t");
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }

    private List<String> actions(String type) {
        return descriptors(type).stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** @return {@code action=...,key:} for each key the action declares that the word does not give yet */
    private List<String> subOptions(String type, String current) {
        int equals = current.indexOf('=');
        String action = current.substring(0, equals);
        int comma = current.lastIndexOf(',');
        String given = current.substring(0, Math.max(comma + 1, equals + 1));
        List<String> keys = new ArrayList<>();
        for (ActionDescriptor descriptor : descriptors(type)) {
            if (descriptor.name().equalsIgnoreCase(action)) {
                for (SubOptionSpec sub : descriptor.subOptions()) {
                    String key = Pattern.quote(sub.key());
                    if (!(given + ",").toLowerCase(Locale.ROOT).matches(".*[=,]" + key + "[:,].*")) {
                        keys.add(given + sub.key() + (sub.isFlag() ? "" : ":"));
                    }
                }
            }
        }
        return keys;
    }

    private List<ActionDescriptor> descriptors(String type) {
        Map<String, List<PluginRegistry.Binding>> types = plugins().sessionTypes();
        List<ActionDescriptor> actions = new ArrayList<>();
        types.forEach((name, bindings) -> {
            if (type == null || name.equalsIgnoreCase(type)) {
                bindings.forEach(binding -> actions.addAll(binding.extension().actions()));
            }
        });
        return actions;
    }

    private List<String> groups(String mark) {
        return invocation.groups().names().stream().map(name -> mark + name).toList();
    }

    private PluginRegistry plugins() {
        if (registry == null) {
            registry = invocation.loadPlugins();
        }
        return registry;
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }

    /** @return the words of {@code line} as a shell splits them: at blanks outside quotes, quotes removed */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
