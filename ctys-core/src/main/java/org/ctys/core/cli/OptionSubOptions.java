package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.ContextOptions;
import org.ctys.api.SubOption;
import org.ctys.api.UsageException;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.SubOptionSpec;

/**
 * Options that stand for sub-options of a plugin's actions ({@code CtysPlugin.optionKeys}): a target's context
 * options {@code h2'(-b br7)'} and a face's own options ({@code ctys-setupVDE -b br7}) become sub-options of the
 * action, held to its declaration (keys and value kinds); errors name the option as the user wrote it.
 */
final class OptionSubOptions {

    private OptionSubOptions() {
    }

    /**
     * @param argv options as words, e.g. {@code [-b, br7, -d, 1, -f]}
     * @param strict whether every option must stand for a sub-option (a face's own); otherwise (a target's context
     *     options) ctys's own, such as {@code -d 1}, are passed over
     * @param optionKeys the plugin's option names and the keys they stand for
     * @param type the session type, for messages
     * @param action the action they are for
     * @return the sub-options they stand for, in order
     * @throws UsageException for an option the action does not take, or one without its value
     */
    static List<SubOption> of(List<String> argv, boolean strict, Map<String, String> optionKeys, String type,
                              ActionDescriptor action) {
        List<SubOption> items = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String option = argv.get(i);
            String key = optionKeys.get(option);
            if (key == null && strict) {
                throw new UsageException("option '" + option + "' stands for no sub-option of "
                        + SubOptionCheck.name(type, action) + (optionKeys.isEmpty() ? ": its plugin declares none" : "; these do: "
                        + String.join(", ", new java.util.TreeSet<>(optionKeys.keySet()))));
            }
            if (key == null) {
                // one of ctys's own: pass its value over too
                i += ContextOptions.takesValue(option) ? 1 : 0;
                continue;
            }
            Optional<SubOptionSpec> spec = action.subOptions().stream().filter(s -> s.key().equalsIgnoreCase(key))
                    .findFirst();
            if (spec.isEmpty()) {
                throw new UsageException("option '" + option + "' does not apply to "
                        + SubOptionCheck.name(type, action) + " (" + action.synopsis() + ")");
            }
            if (spec.get().isFlag()) {
                items.add(new SubOption(key, null));
            } else if (i + 1 < argv.size()) {
                String value = argv.get(++i);
                if (!spec.get().kind().accepts(value)) {
                    throw new UsageException("option '" + option + " " + value + "' of "
                            + SubOptionCheck.name(type, action) + ": expected " + spec.get().kind().description());
                }
                items.add(new SubOption(key, value));
            } else {
                throw new UsageException("option '" + option + "' needs a value: " + option + " "
                        + spec.get().value());
            }
        }
        return items;
    }
}
