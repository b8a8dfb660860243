package org.ctys.addressing;

import java.util.Objects;
import org.ctys.api.ContextOptions;

/**
 * One written address before expansion: a host (or host pattern) or a group, with its own context options.
 *
 * @param user the user before {@code @}, or {@code null}
 * @param name the host name, host pattern, IPv6 literal (without brackets) or group name
 * @param port the port after {@code :}, or {@code null}
 * @param group whether it was written as a group: {@code @name}, or a name with {@code /} (a group path)
 * @param context the options in {@code (...)} after it, never {@code null}
 * @since 0.1
 */
public record Address(String user, String name, Integer port, boolean group, ContextOptions context) {

    /** Validates. */
    public Address {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
    }

    /** @return whether the name is an IPv6 literal */
    public boolean ipv6() {
        return name.indexOf(':') >= 0;
    }

    /** @return the address as written in canonical form; parsing it gives back an equal address */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (user != null) {
            text.append(user).append('@');
        }
        if (group && name.indexOf('/') < 0) {
            // a name with '/' is a group anyway; '@' marks the others
            text.append('@');
        }
        text.append(ipv6() && port != null ? "[" + name + "]" : name);
        if (port != null) {
            text.append(':').append(port);
        }
        if (!context.options().isEmpty()) {
            text.append('(').append(context).append(')');
        }
        return text.toString();
    }
}
