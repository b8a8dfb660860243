package org.ctys.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One host an action is aimed at, with the options that apply to it alone. Its text form is the address language's
 * for one host, {@code [user@]host[:port][(options)]} with an IPv6 literal in brackets when a port follows, and
 * {@link #parse(String)} reads it back: {@code Target.parse(t.toString()).equals(t)}.
 *
 * @param user the login user, or {@code null} for the default (the {@code -l} option or the ssh configuration)
 * @param host a host name, alias or IP literal (IPv6 without brackets); never {@code null} or blank
 * @param port the ssh port, or {@code null} for the default
 * @param options the context options of this target as argv strings, never {@code null}
 * @since 0.1
 */
public record Target(String user, String host, Integer port, List<String> options) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\$?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

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

    /**
     * Reads a target from its text form, {@code [user@]host[:port][(options)]}; a host here is one name or IP
     * literal, not a range or a group (the command line's target arguments expand those first).
     *
     * @param text the text form, e.g. {@code admin@h2:2222(-Z SUDO)} or {@code [fd00::1]:22}
     * @return the target
     * @throws SyntaxException when {@code text} is not one target, quoting it and naming the column
     */
    public static Target parse(String text) {
        ContextOptions context = ContextOptions.NONE;
        int end = text.length();
        int open = text.indexOf('(');
        if (open >= 0) {
            if (!text.endsWith(")")) {
                throw new SyntaxException("expected ')' closing the context options", text, open);
            }
            context = ContextOptions.parse(text, open + 1, text.length() - 1);
            end = open;
        }
        String user = null;
        int start = 0;
        int at = text.lastIndexOf('@', end - 1);
        if (at >= 0) {
            user = text.substring(0, at);
            if (!isUserName(user)) {
                throw new SyntaxException("expected a user name before '@'", text, 0);
            }
            start = at + 1;
        }
        String rest = text.substring(start, end);
        String host = rest;
        Integer port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? "" : rest.substring(1, close);
            if (!IPV6.matcher(host).matches()) {
                throw new SyntaxException("expected an IPv6 address inside '[...]'", text, start);
            }
            String after = rest.substring(close + 1);
            if (!after.startsWith(":")) {
                throw new SyntaxException("expected ':<port>' after ']'", text, start + close + 1);
            }
            port = port(text, start + close + 2, after.substring(1));
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            if (!IPV6.matcher(rest).matches()) {
                throw new SyntaxException("expected an IPv6 address (write [address]:port to add a port)", text,
                        start);
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                port = port(text, start + colon + 1, rest.substring(colon + 1));
            }
            if (!HOST.matcher(host).matches()) {
                throw new SyntaxException("expected a host name or IP address (letters, digits, '.', '-', '_')",
                        text, start);
            }
        }
        return new Target(user, host, port, context.argv());
    }

    private static Integer port(String input, int at, String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new SyntaxException("expected a port number 1-65535", input, at);
        }
        return Integer.valueOf(text);
    }

    /**
     * Whether a text is a login user name ctys accepts ({@code user@host}, {@code -l user}): it reaches ssh's command
     * line and remote shells, so nothing but letters, digits, {@code . _ -} and a final {@code $} is.
     *
     * @param user a login user as written
     * @return whether it is a user name
     */
    public static boolean isUserName(String user) {
        return USER.matcher(user).matches();
    }

    /**
     * Whether a port as written is one, {@code 1-65535} in decimal digits.
     *
     * @param text a port as written
     * @return whether it is a port number
     */
    public static boolean isPort(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535;
    }

    /**
     * Whether a text is an IPv6 literal as the address language writes one (without brackets, an optional zone).
     *
     * @param text a host as written
     * @return whether it is an IPv6 literal
     */
    public static boolean isIpv6(String text) {
        return IPV6.matcher(text).matches();
    }

    /**
     * Returns this target's context options.
     *
     * @return this target's context options, parsed from {@link #options()}
     */
    public ContextOptions context() {
        return ContextOptions.ofArgv(options);
    }

    /**
     * Returns the target without its context options, as output names hosts.
     *
     * @return {@code [user@]host[:port]}, with an IPv6 literal in brackets when a port follows
     */
    public String address() {
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

    /**
     * Returns the text form, which {@link #parse(String)} reads back.
     *
     * @return {@code [user@]host[:port][(options)]}
     */
    @Override
    public String toString() {
        return options.isEmpty() ? address() : address() + "(" + ShellWords.join(options) + ")";
    }
}
