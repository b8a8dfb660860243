package org.ctys.core.plugin;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.Columns;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.CtysPlugin;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;

/**
 * A plugin's extension as core uses it: what it declares (session types, actions, prerequisites, help) is read
 * once, when it is loaded, and checked, so a plugin that throws or answers garbage there is refused with the
 * reason instead of breaking {@code ctys plugins} or {@code -h}; what {@code perform} returns is checked on every
 * call, so garbage fails that target as the plugin's fault instead of breaking the output of all.
 */
public final class VettedPlugin implements CtysPlugin {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");
    private static final Pattern OPTION = Pattern.compile("-[A-Za-z]");

    private final String id;
    private final CtysPlugin delegate;
    private final Set<String> sessionTypes;
    private final List<ActionDescriptor> actions;
    private final List<Prerequisite> prerequisites;
    private final String help;
    private final Map<String, String> optionKeys;

    private VettedPlugin(String id, CtysPlugin delegate) {
        this.id = id;
        this.delegate = delegate;
        this.sessionTypes = Set.copyOf(call("sessionTypes()", delegate::sessionTypes));
        this.actions = List.copyOf(call("actions()", delegate::actions));
        this.prerequisites = List.copyOf(call("prerequisites()", delegate::prerequisites));
        this.help = call("help()", delegate::help);
        this.optionKeys = call("optionKeys()", () -> Map.copyOf(delegate.optionKeys()));
    }

    /**
     * @param id the plugin's id
     * @param extension what it registered
     * @return the vetted extension
     * @throws IllegalArgumentException saying what is wrong with what it declares
     */
    static VettedPlugin of(String id, CtysPlugin extension) {
        VettedPlugin plugin = new VettedPlugin(id, extension);
        if (plugin.sessionTypes.isEmpty()) {
            throw new IllegalArgumentException("sessionTypes() is empty; expected at least one name");
        }
        for (String type : plugin.sessionTypes) {
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("session type '" + type + "' is not valid; expected upper-case "
                        + "letters, digits, '_' or '-', 32 at most");
            }
        }
        Set<String> names = new HashSet<>();
        for (ActionDescriptor action : plugin.actions) {
            if (!ACTION.matcher(action.name()).matches() || !names.add(action.name())) {
                throw new IllegalArgumentException("action '" + action.name() + "' is not valid or declared twice; "
                        + "expected unique upper-case names such as CREATE");
            }
        }
        Set<String> keys = new HashSet<>();
        plugin.actions.forEach(a -> a.subOptions().forEach(spec -> keys.add(spec.key())));
        plugin.optionKeys.forEach((option, key) -> {
            if (!OPTION.matcher(option).matches() || !keys.contains(key)) {
                throw new IllegalArgumentException("optionKeys() maps '" + option + "' to '" + key + "'; expected "
                        + "an option such as -b and a sub-option key one of its actions declares");
            }
        });
        return plugin;
    }

    private <T> T call(String method, java.util.function.Supplier<T> supplier) {
        T value;
        try {
            value = supplier.get();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException(method + " threw " + e);
        }
        if (value == null) {
            throw new IllegalArgumentException(method + " returned null");
        }
        if (value instanceof Collection<?> items && items.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(method + " returned a null element");
        }
        return value;
    }

    /** @return the plugin's own object, for services it offers and for diagnostics */
    public CtysPlugin delegate() {
        return delegate;
    }

    @Override
    public Set<String> sessionTypes() {
        return sessionTypes;
    }

    @Override
    public List<ActionDescriptor> actions() {
        return actions;
    }

    @Override
    public List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public Map<String, String> optionKeys() {
        return optionKeys;
    }

    /**
     * @throws PluginFailureException when the plugin returns no result
     * @throws IllegalArgumentException when a record's columns cannot be read: its accessors are the plugin's code,
     *                                  run here, on the target's thread, where a failure is charged to the plugin
     */
    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        ActionResult result = delegate.perform(request, context);
        if (result == null) {
            throw new PluginFailureException(id, "returned no result for " + request.action());
        }
        result.records().forEach(Columns::of);
        return result;
    }
}
