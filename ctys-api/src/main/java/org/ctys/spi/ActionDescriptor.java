package org.ctys.spi;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One action a plugin offers. Its synopsis is also the declaration of its sub-options: {@code b:<bridge>} takes a
 * value, {@code f} is a flag, {@code a|b} are alternatives, and what stands in brackets is optional
 * ({@code create=l:<label>[,f:<file>]} needs {@code l}). What a value must be, and which sub-options are given at
 * most once, the action adds with {@link #checking} and {@link #once}:
 * <pre>
 * new ActionDescriptor("CREATE", "create[=b:&lt;bridge&gt;][,addr:&lt;address/prefix&gt;]", "a DHCP server")
 *         .checking("b", ValueKind.INTERFACE).checking("addr", ValueKind.IPV4_PREFIX).once("b", "addr")
 * </pre>
 * Core refuses a command line these do not allow once per run, before the action runs on any target, so a plugin
 * sees only declared keys with values of their kind; see {@link #subOptions()}.
 *
 * @param name the action name in upper case, e.g. {@code CREATE}; never {@code null}
 * @param synopsis how to call it, e.g. {@code create[=l:<label>][,b:<bridge>]}; never {@code null}
 * @param summary one line saying what it does, never {@code null}
 * @param kinds what the values of sub-options must be, by key (lower case); keys not in it take {@link ValueKind#ANY}
 * @param single the keys (lower case) given at most once; the others may repeat
 * @since 0.1
 */
public record ActionDescriptor(String name, String synopsis, String summary, Map<String, ValueKind> kinds,
                               Set<String> single) {

    /**
     * Validates and upper-cases the name.
     *
     * @param name the action name in upper case, e.g. {@code CREATE}; never {@code null}
     * @param synopsis how to call it, e.g. {@code create[=l:<label>][,b:<bridge>]}; never {@code null}
     * @param summary one line saying what it does, never {@code null}
     * @param kinds what the values of sub-options must be, by key
     * @param single the keys given at most once
     * @throws IllegalArgumentException if the synopsis cannot be read as a declaration of sub-options, or a kind or
     *     a single key names no sub-option of it (a kind also none that takes a value)
     */
    public ActionDescriptor {
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(synopsis, "synopsis");
        Objects.requireNonNull(summary, "summary");
        List<SubOptionSpec> declared = Synopsis.parse(name, synopsis);
        Map<String, ValueKind> lowerKinds = new LinkedHashMap<>();
        kinds.forEach((key, kind) -> lowerKinds.put(key.toLowerCase(Locale.ROOT), Objects.requireNonNull(kind)));
        Set<String> lowerSingle = new LinkedHashSet<>();
        single.forEach(key -> lowerSingle.add(key.toLowerCase(Locale.ROOT)));
        for (String key : lowerKinds.keySet()) {
            if (declared.stream().noneMatch(s -> s.key().equalsIgnoreCase(key) && !s.isFlag())) {
                throw new IllegalArgumentException("a value kind for '" + key + "', which " + synopsis
                        + " does not declare with a value");
            }
        }
        for (String key : lowerSingle) {
            if (declared.stream().noneMatch(s -> s.key().equalsIgnoreCase(key))) {
                throw new IllegalArgumentException("'" + key + "' is said to be given once, but " + synopsis
                        + " does not declare it");
            }
        }
        kinds = Map.copyOf(lowerKinds);
        single = Set.copyOf(lowerSingle);
    }

    /**
     * An action whose sub-options the synopsis alone declares: any values, each key may repeat.
     *
     * @param name the action name in upper case, e.g. {@code CREATE}; never {@code null}
     * @param synopsis how to call it, e.g. {@code create[=l:<label>][,b:<bridge>]}; never {@code null}
     * @param summary one line saying what it does, never {@code null}
     * @throws IllegalArgumentException if the synopsis cannot be read as a declaration of sub-options
     */
    public ActionDescriptor(String name, String synopsis, String summary) {
        this(name, synopsis, summary, Map.of(), Set.of());
    }

    /**
     * Returns this action with the values of sub-option {@code key} held to {@code kind}.
     *
     * @param key a sub-option the synopsis declares with a value
     * @param kind what its values must be
     * @return the action, declaring that too
     * @throws IllegalArgumentException if the synopsis declares no such sub-option with a value
     */
    public ActionDescriptor checking(String key, ValueKind kind) {
        Map<String, ValueKind> more = new LinkedHashMap<>(kinds);
        more.put(key.toLowerCase(Locale.ROOT), kind);
        return new ActionDescriptor(name, synopsis, summary, more, single);
    }

    /**
     * Returns this action with each of {@code keys} allowed at most once on a command line.
     *
     * @param keys sub-options the synopsis declares
     * @return the action, declaring that too
     * @throws IllegalArgumentException if the synopsis declares one of them not
     */
    public ActionDescriptor once(String... keys) {
        Set<String> more = new LinkedHashSet<>(single);
        for (String key : keys) {
            more.add(key.toLowerCase(Locale.ROOT));
        }
        return new ActionDescriptor(name, synopsis, summary, kinds, more);
    }

    /**
     * Returns the sub-options the synopsis declares, in its order, each with its value kind and whether it may
     * repeat.
     *
     * @return the sub-options the synopsis declares, in its order
     */
    public List<SubOptionSpec> subOptions() {
        return Synopsis.parse(name, synopsis).stream().map(s -> new SubOptionSpec(s.key(), s.value(), s.required(),
                s.isFlag() ? null : kinds.get(s.key().toLowerCase(Locale.ROOT)),
                !single.contains(s.key().toLowerCase(Locale.ROOT)))).toList();
    }
}
