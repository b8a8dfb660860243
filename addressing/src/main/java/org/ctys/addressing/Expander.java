package org.ctys.addressing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ctys.api.ContextOptions;
import org.ctys.api.SyntaxException;
import org.ctys.api.Target;

/**
 * Turns the written target list into the targets an action runs on: groups are expanded (nested and included ones
 * in place), host patterns are expanded, and each target gets its options after precedence.
 *
 * <p><b>Precedence</b>, lowest first, a later value of the same option winning: the command line's generic options
 * (handled by the caller), the global context {@code '(...)'}, then for each group level from the outermost in: the
 * group file's {@code CONTEXT} line, the options on the reference to the group; last the member's own options.
 * Options of one target never reach another. A user written as {@code user@} wins over a {@code -l} context option,
 * which wins over the caller's default user; {@code user@group} and {@code group:port} are the defaults for the
 * group's members.
 *
 * <p><b>Group or host.</b> {@code @name} and any name with a {@code /} are groups, and must exist. A bare name is a
 * group when the group table has one of that name (never looked up in the current directory), otherwise a host.
 * {@code localhost} and IPv6 literals are always hosts. {@code ctys --expand} shows which it became.
 *
 * <p><b>Duplicates</b> (the same user, host and port) keep their first occurrence, unless duplicates are kept.
 *
 * @since 0.1
 */
public final class Expander {

    /** Nesting deeper than this is a mistake even without a cycle. */
    static final int MAX_DEPTH = 64;

    private final DefinitionTable groups;
    private final boolean keepDuplicates;
    private final Map<String, GroupDefinition> parsed = new HashMap<>();

    /**
     * @param groups where groups are found
     * @param keepDuplicates whether a target that occurs twice is kept twice
     */
    public Expander(DefinitionTable groups, boolean keepDuplicates) {
        this.groups = groups;
        this.keepDuplicates = keepDuplicates;
    }

    /** A frame of the group chain: the options it adds, its defaults, its name. */
    private record Level(ContextOptions options, String user, Integer port, List<String> origin) {
    }

    /**
     * @param arguments the written target arguments
     * @param defaultUser the user for targets that name none (the {@code -l} option), or {@code null}
     * @return the targets in order
     * @throws SyntaxException on bad syntax, a group cycle or nesting deeper than {@value #MAX_DEPTH}
     * @throws NotFoundException when a group that must exist does not
     */
    public List<ResolvedTarget> expand(List<String> arguments, String defaultUser) {
        return expand(arguments, java.util.Collections.nCopies(arguments.size(), List.of()), defaultUser);
    }

    /**
     * Expands target arguments that may have come from macros.
     *
     * @param arguments the written target arguments
     * @param origins for each argument the macros it came from, outermost first
     * @param defaultUser the user for targets that name none, or {@code null}
     * @return the targets in order
     */
    public List<ResolvedTarget> expand(List<String> arguments, List<List<String>> origins, String defaultUser) {
        if (arguments.size() != origins.size()) {
            throw new IllegalArgumentException("one origin per argument");
        }
        if (defaultUser != null && !Target.isUserName(defaultUser)) {
            throw new SyntaxException("expected a user name after -l", defaultUser, 0);
        }
        ContextOptions global = ContextOptions.NONE;
        List<ResolvedTarget> out = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            AddressList list = AddressList.parse(arguments.get(i), i == 0);
            if (i == 0) {
                global = list.global();
            }
            Level top = new Level(global, defaultUser, null, origins.get(i));
            for (Address address : list.addresses()) {
                emit(address, top, new ArrayList<>(), "the command line", out);
            }
        }
        return keepDuplicates ? out : firstOccurrences(out);
    }

    /** {@code where} says where the address is written ({@code file:line}), for errors. */
    private void emit(Address address, Level level, List<String> chain, String where, List<ResolvedTarget> out) {
        Optional<SourceText> source = groupOf(address, chain);
        String user = address.user() != null ? address.user() : level.user();
        Integer port = address.port() != null ? address.port() : level.port();
        if (source.isPresent()) {
            expandGroup(source.get(), address.context(), user, port, level, chain, where, out);
            return;
        }
        ContextOptions options = level.options().then(address.context());
        String effectiveUser = address.user() != null ? address.user()
                : options.value("-l") != null ? options.value("-l") : level.user();
        List<String> hosts = !address.ipv6() && HostPattern.isPattern(address.name())
                ? HostPattern.expand(address.toString(), 0, address.name()) : List.of(address.name());
        if ((long) out.size() + hosts.size() > HostPattern.MAX_HOSTS) {
            // each pattern is bounded, so many of them must be too: thirty of a million hosts exhaust the heap
            throw SyntaxException.of("the targets expand to more than " + HostPattern.MAX_HOSTS + " hosts (at '"
                    + address + "' in " + where + ")");
        }
        for (String host : hosts) {
            out.add(new ResolvedTarget(new Target(effectiveUser, host, port, options.argv()), level.origin()));
        }
    }

    private Optional<SourceText> groupOf(Address address, List<String> chain) {
        if (address.ipv6() || address.name().equals("localhost") || HostPattern.isPattern(address.name())) {
            return Optional.empty();
        }
        Optional<SourceText> source = groups.find(address.name());
        if (address.group() && source.isEmpty()) {
            throw new NotFoundException("no group '" + address.name() + "' along " + groups.searchPath()
                    + (chain.isEmpty() ? "" : " (included from " + String.join(" -> ", chain) + ")"));
        }
        return source;
    }

    private void expandGroup(SourceText source, ContextOptions referenceOptions, String user, Integer port,
                             Level level, List<String> chain, String where, List<ResolvedTarget> out) {
        if (chain.contains(source.name())) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(source.name()), chain.size()));
            cycle.add(source.name());
            throw SyntaxException.of(where + ": group cycle: " + String.join(" -> ", cycle));
        }
        if (chain.size() >= MAX_DEPTH) {
            throw SyntaxException.of("groups nested deeper than " + MAX_DEPTH + ": " + String.join(" -> ", chain));
        }
        GroupDefinition definition = parsed.computeIfAbsent(source.name(), n -> GroupDefinition.parse(source));
        List<String> origin = new ArrayList<>(level.origin());
        origin.add(source.name());
        Level inner = new Level(level.options().then(definition.context()).then(referenceOptions), user, port,
                origin);
        chain.add(source.name());
        for (GroupDefinition.Entry entry : definition.entries()) {
            for (Address member : entry.members()) {
                emit(member, inner, chain, source.location() + ":" + entry.line(), out);
            }
            for (String include : entry.includes()) {
                SourceText included = groups.find(include).orElseThrow(() -> new NotFoundException(
                        source.location() + ":" + entry.line() + ": #include of unknown group '" + include
                                + "' (looked along " + groups.searchPath() + ")"));
                expandGroup(included, ContextOptions.NONE, user, port, inner, chain,
                        source.location() + ":" + entry.line(), out);
            }
        }
        chain.remove(chain.size() - 1);
    }

    private static List<ResolvedTarget> firstOccurrences(List<ResolvedTarget> targets) {
        Set<String> seen = new LinkedHashSet<>();
        List<ResolvedTarget> kept = new ArrayList<>();
        for (ResolvedTarget resolved : targets) {
            Target t = resolved.target();
            if (seen.add(t.user() + "@" + t.host() + ":" + t.port())) {
                kept.add(resolved);
            }
        }
        return kept;
    }
}
