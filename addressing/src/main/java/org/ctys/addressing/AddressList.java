package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ctys.api.ContextOptions;
import org.ctys.api.SyntaxException;
import org.ctys.api.Target;

/**
 * The written target list: an optional leading global context {@code '(...)'} and the addresses, separated by
 * white space or commas, each optionally followed by its own {@code (...)}.
 *
 * <pre>
 * list     := [ '(' context ')' ] { address [ '(' context ')' ] }     separated by white space or ','
 * address  := '@' group | [ user '@' ] ( name [ ':' port ] | '[' ipv6 ']' [ ':' port ] | ipv6 )
 * name     := host pattern (letters, digits, '.', '-', '_', ranges [01-20,25], lists {a,b}) or a group path a/b/c
 * </pre>
 *
 * @param global the global context that applies to every target, never {@code null}
 * @param addresses the addresses in order, never {@code null}
 * @since 0.1
 */
public record AddressList(ContextOptions global, List<Address> addresses) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\[{][A-Za-z0-9._/\\-\\[\\]{},]*");

    /** Copies. */
    public AddressList {
        addresses = List.copyOf(addresses);
    }

    /**
     * Parses command-line target arguments; the global context may only open the first one.
     *
     * @param arguments the target arguments as the shell passed them
     * @return the parsed list
     * @throws SyntaxException if an argument does not follow the grammar
     */
    public static AddressList parse(List<String> arguments) {
        ContextOptions global = ContextOptions.NONE;
        List<Address> addresses = new ArrayList<>();
        for (int a = 0; a < arguments.size(); a++) {
            boolean globalAllowed = a == 0;
            ContextOptions found = scan(arguments.get(a), globalAllowed, addresses);
            if (found != null) {
                global = found;
            }
        }
        return new AddressList(global, addresses);
    }

    /**
     * Parses one target argument.
     *
     * @param text the argument
     * @param globalAllowed whether it may open with the global context (only the first argument may)
     * @return the parsed argument
     */
    static AddressList parse(String text, boolean globalAllowed) {
        List<Address> addresses = new ArrayList<>();
        ContextOptions global = scan(text, globalAllowed, addresses);
        return new AddressList(global == null ? ContextOptions.NONE : global, addresses);
    }

    /**
     * Parses one line of a group file or one argument: addresses only, no global context.
     *
     * @param text the text
     * @return the addresses in order
     */
    static List<Address> parseMembers(String text) {
        List<Address> addresses = new ArrayList<>();
        scan(text, false, addresses);
        return addresses;
    }

    /** Scans {@code text} into {@code addresses}; returns a leading global context, or {@code null}. */
    private static ContextOptions scan(String text, boolean globalAllowed, List<Address> addresses) {
        ContextOptions global = null;
        int i = 0;
        int firstAddress = addresses.size();
        boolean afterComma = false;
        boolean attachable = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                // group files hold contexts as typed for the shell, host'(-d 1)': the quotes are not part of them
                i++;
            } else if (c == ',') {
                if (afterComma || addresses.size() == firstAddress && global == null) {
                    throw new SyntaxException("expected a target before ','", text, i);
                }
                afterComma = true;
                attachable = false;
                i++;
            } else if (c == '(') {
                int close = closing(text, i);
                ContextOptions context = ContextOptions.parse(text, i + 1, close);
                if (attachable) {
                    Address last = addresses.remove(addresses.size() - 1);
                    addresses.add(new Address(last.user(), last.name(), last.port(), last.group(), context));
                    attachable = false;
                } else if (globalAllowed && global == null && addresses.size() == firstAddress && !afterComma) {
                    global = context;
                } else {
                    throw new SyntaxException("context options '(...)' must follow a target, or open the target "
                            + "list as its global context", text, i);
                }
                i = close + 1;
                if (i < text.length() && text.charAt(i) == '\'' && i >= 2) {
                    i++;
                }
            } else {
                int end = tokenEnd(text, i);
                addresses.add(address(text, i, text.substring(i, end)));
                afterComma = false;
                attachable = true;
                i = end;
            }
        }
        if (afterComma) {
            throw new SyntaxException("expected a target after ','", text, text.length() - 1);
        }
        return global;
    }

    /** Finds the ')' that closes the '(' at {@code open}, skipping quoted text and balanced inner parentheses. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                while (c == '"' && close > 0 && text.charAt(close - 1) == '\\') {
                    close = text.indexOf(c, close + 1);
                }
                if (close < 0) {
                    throw new SyntaxException("unclosed quote in context options", text, i);
                }
                i = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new SyntaxException("expected ')' closing the context options", text, open);
    }

    private static int tokenEnd(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && (Character.isWhitespace(c) || c == ',' || c == '('
                    || c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '(')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static Address address(String input, int start, String token) {
        String user = null;
        boolean group = false;
        String rest = token;
        int at = token.indexOf('@');
        if (at == 0) {
            group = true;
            rest = token.substring(1);
        } else if (at > 0) {
            user = token.substring(0, at);
            if (!Target.isUserName(user)) {
                throw new SyntaxException("expected a user name before '@'", input, start);
            }
            rest = token.substring(at + 1);
            if (rest.startsWith("@")) {
                group = true;
                rest = rest.substring(1);
            }
        }
        int nameStart = start + (token.length() - rest.length());
        if (rest.indexOf('@') >= 0) {
            throw new SyntaxException("expected one '@' between user and host", input, nameStart + rest.indexOf('@'));
        }
        if (rest.isEmpty()) {
            throw new SyntaxException(group ? "expected a group name after '@'" : "expected a host after '@'",
                    input, nameStart);
        }
        String name;
        Integer port = null;
        if (rest.startsWith("[") && rest.indexOf(':') > 0 && rest.indexOf(':') < rest.indexOf(']')) {
            int close = rest.indexOf(']');
            name = rest.substring(1, close);
            if (!Target.isIpv6(name)) {
                throw new SyntaxException("expected an IPv6 address inside '[...]'", input, nameStart + 1);
            }
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new SyntaxException("expected ':<port>' after ']'", input, nameStart + close + 1);
                }
                port = port(input, nameStart + close + 2, after.substring(1));
            }
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            name = rest;
            if (!Target.isIpv6(name)) {
                throw new SyntaxException("expected an IPv6 address (write [address]:port to add a port)", input,
                        nameStart);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            name = colon < 0 ? rest : rest.substring(0, colon);
            if (colon >= 0) {
                port = port(input, nameStart + colon + 1, rest.substring(colon + 1));
            }
            if (!NAME.matcher(name).matches()) {
                throw new SyntaxException("expected a host or group name (letters, digits, '.', '-', '_', '/', "
                        + "ranges like [01-20])", input, nameStart);
            }
            // a '/' inside brackets is a range's step (n[1-10/3]); outside them it separates a group path
            if (name.replaceAll("\\[[^\\]]*\\]", "").indexOf('/') >= 0) {
                if (name.startsWith("/") || name.endsWith("/") || ("/" + name + "/").contains("/../")
                        || ("/" + name + "/").contains("/./") || name.contains("//")) {
                    throw new SyntaxException("expected a group path relative to the group directories, without "
                            + "'.', '..' or empty parts", input, nameStart);
                }
                group = true;
            }
            if (group && HostPattern.isPattern(name)) {
                throw new SyntaxException("a group name has no ranges", input, nameStart);
            }
            if (!group && HostPattern.isPattern(name)) {
                HostPattern.expand(input, nameStart, name);
            }
        }
        return new Address(user, name, port, group, ContextOptions.NONE);
    }

    private static Integer port(String input, int at, String text) {
        if (!Target.isPort(text)) {
            throw new SyntaxException("expected a port number 1-65535", input, at);
        }
        return Integer.valueOf(text);
    }

    /** @return the list as written in canonical form */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!global.options().isEmpty()) {
            text.append('(').append(global).append(')');
        }
        for (Address address : addresses) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(address);
        }
        return text.toString();
    }
}
