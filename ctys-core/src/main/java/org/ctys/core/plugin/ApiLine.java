package org.ctys.core.plugin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ctys-api versions a plugin can run on besides what its {@code Plugin-Requires} says: the line it was built
 * for, the same major version and, before 1.0, the same minor one. A 0.x API may change incompatibly from one minor
 * version to the next, as semantic versioning allows, so {@code >=0.1.0} admits 0.1.x only.
 */
final class ApiLine {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private ApiLine() {
    }

    /** @return the line of the first version {@code requires} names, e.g. {@code 0.1} or {@code 2}; none for "*" */
    static Optional<String> builtFor(String requires) {
        Matcher m = requires == null ? null : VERSION.matcher(requires);
        return m != null && m.find() ? Optional.of(line(m)) : Optional.empty();
    }

    /** @return the line of an API version, e.g. {@code 0.2} for 0.2.0 and {@code 1} for 1.4.0 */
    static String of(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not an API version: " + version);
        }
        return line(m);
    }

    /** @return whether a plugin that states {@code requires} was built for the line of {@code apiVersion} */
    static boolean admits(String apiVersion, String requires) {
        return builtFor(requires).map(of(apiVersion)::equals).orElse(true);
    }

    private static String line(Matcher m) {
        return m.group(1).equals("0") ? "0." + m.group(2) : m.group(1);
    }
}
