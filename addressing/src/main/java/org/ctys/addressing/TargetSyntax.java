package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.Target;

/**
 * Plain target addresses: {@code host}, {@code user@host}, {@code host:port}, {@code user@host:port},
 * {@code [v6]:port} and bare IPv6 literals, several in one argument when separated by commas.
 *
 * @since 0.1
 */
public final class TargetSyntax {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\$?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private TargetSyntax() {
    }

    /**
     * Parses the target arguments of a command line.
     *
     * @param arguments one or more targets per argument, separated by commas
     * @param defaultUser the user for targets without {@code user@} (the {@code -l} option), or {@code null}
     * @return the targets in order, never {@code null}
     * @throws SyntaxException if an argument is not a list of addresses
     */
    public static List<Target> parse(List<String> arguments, String defaultUser) {
        List<Target> targets = new ArrayList<>();
        for (String argument : arguments) {
            int start = 0;
            for (String part : argument.split(",", -1)) {
                targets.add(parseOne(argument, start, part, defaultUser));
                start += part.length() + 1;
            }
        }
        return targets;
    }

    private static Target parseOne(String input, int offset, String text, String defaultUser) {
        if (text.isEmpty()) {
            throw new SyntaxException("expected a host", input, offset);
        }
        int paren = text.indexOf('(');
        if (paren >= 0) {
            throw new SyntaxException("context options on a target are not supported yet", input, offset + paren);
        }
        String user = defaultUser;
        String rest = text;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            user = text.substring(0, at);
            if (!USER.matcher(user).matches()) {
                throw new SyntaxException("expected a user name before '@'", input, offset);
            }
            rest = text.substring(at + 1);
        }
        int hostOffset = offset + (at + 1);
        String host;
        Integer port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new SyntaxException("expected ']' closing the IPv6 address", input, hostOffset + rest.length());
            }
            host = rest.substring(1, close);
            if (!IPV6.matcher(host).matches()) {
                throw new SyntaxException("expected an IPv6 address inside '[...]'", input, hostOffset + 1);
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new SyntaxException("expected ':<port>' after ']'", input, hostOffset + close + 1);
                }
                port = parsePort(input, hostOffset + close + 2, after.substring(1));
            }
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            host = rest;
            if (!IPV6.matcher(host).matches()) {
                throw new SyntaxException("expected an IPv6 address (write [addr]:port to add a port)",
                        input, hostOffset);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(input, hostOffset + colon + 1, rest.substring(colon + 1));
            }
            Matcher hostMatcher = HOST.matcher(host);
            if (!hostMatcher.matches()) {
                throw new SyntaxException("expected a host name (letters, digits, '.', '-', '_')", input, hostOffset);
            }
        }
        return new Target(user, host, port, List.of());
    }

    private static Integer parsePort(String input, int offset, String text) {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new SyntaxException("expected a port number 1-65535", input, offset);
        }
        return Integer.valueOf(text);
    }
}
