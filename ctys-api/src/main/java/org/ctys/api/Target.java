package org.ctys.api;

import java.util.List;
import java.util.Objects;

/**
 * One host an action is aimed at, with the options that apply to it alone.
 *
 * @param user the login user, or {@code null} for the default (the {@code -l} option or the ssh configuration)
 * @param host a host name, alias or IP literal (IPv6 without brackets); never {@code null} or blank
 * @param port the ssh port, or {@code null} for the default
 * @param options the context options of this target as argv strings, never {@code null}
 * @since 0.1
 */
public record Target(String user, String host, Integer port, List<String> options) {

    /** The local machine: actions on it run without ssh. */
    public static final Target LOCALHOST = new Target(null, "localhost", null, List.of());

    /**
     * Validates and copies.
     *
     * @param user the login user, or {@code null} for the default (the {@code -l} option or the ssh configuration)
     * @param host a host name, alias or IP literal (IPv6 without brackets); never {@code null} or blank
     * @param port the ssh port, or {@code null} for the default
     * @param options the context options of this target as argv strings, never {@code null}
     */
    public Target {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
        options = List.copyOf(options);
    }

    /**
     * Returns a target for {@code host} with no user, port or options.
     *
     * @param host a host name or IP literal
     * @return a target for {@code host} with no user, port or options
     */
    public static Target of(String host) {
        return new Target(null, host, null, List.of());
    }

    /**
     * Whether this target is the local machine, reached without ssh: {@code localhost} with no port, and no user
     * or the current user (the original's rule for {@code localhost} and {@code $USER@localhost}).
     *
     * @param currentUser the name of the user running ctys
     * @return {@code true} if commands for this target run locally
     */
    public boolean isLocal(String currentUser) {
        return "localhost".equals(host) && port == null && (user == null || user.equals(currentUser));
    }

    /** @return {@code [user@]host[:port]}, with IPv6 literals in brackets when a port follows */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (user != null) {
            text.append(user).append('@');
        }
        boolean v6 = host.indexOf(':') >= 0;
        text.append(v6 && port != null ? "[" + host + "]" : host);
        if (port != null) {
            text.append(':').append(port);
        }
        return text.toString();
    }
}
