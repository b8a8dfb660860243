package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;

/**
 * Host names with ranges and lists, as ClusterShell and pdsh users write them: {@code lab[01-20]},
 * {@code node[1-3,7]}, {@code rack[1-2]n[01-04]} (expanded left to right, the last bracket fastest), and the
 * original's shell-style {@code {h1,h2}}. A range keeps the zero padding of its lower bound.
 */
final class HostPattern {

    /**
     * More hosts than this from one pattern, or from all the targets of one command, is almost certainly a typo,
     * and would exhaust memory.
     */
    static final int MAX_HOSTS = 1_000_000;

    private HostPattern() {
    }

    /** @return whether {@code text} has anything to expand */
    static boolean isPattern(String text) {
        return text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
    }

    /**
     * @param input the whole input, quoted in errors
     * @param start where the pattern starts in {@code input}
     * @param pattern the pattern
     * @return the host names in order
     */
    static List<String> expand(String input, int start, String pattern) {
        List<String> hosts = new ArrayList<>(List.of(""));
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '[' || c == '{') {
                char close = c == '[' ? ']' : '}';
                int end = pattern.indexOf(close, i + 1);
                if (end < 0) {
                    throw new SyntaxException("expected '" + close + "' closing the host " + (c == '[' ? "range" : "list"),
                            input, start + i);
                }
                List<String> parts = c == '[' ? range(input, start + i + 1, pattern.substring(i + 1, end))
                        : list(input, start + i + 1, pattern.substring(i + 1, end));
                if ((long) hosts.size() * parts.size() > MAX_HOSTS) {
                    throw new SyntaxException("the host pattern expands to more than " + MAX_HOSTS + " hosts",
                            input, start + i);
                }
                List<String> next = new ArrayList<>(hosts.size() * parts.size());
                for (String prefix : hosts) {
                    for (String part : parts) {
                        next.add(prefix + part);
                    }
                }
                hosts = next;
                i = end + 1;
            } else if (c == ']' || c == '}') {
                throw new SyntaxException("'" + c + "' without its opening bracket", input, start + i);
            } else {
                int next = i;
                while (next < pattern.length() && "[{]}".indexOf(pattern.charAt(next)) < 0) {
                    next++;
                }
                String literal = pattern.substring(i, next);
                hosts.replaceAll(prefix -> prefix + literal);
                i = next;
            }
        }
        return hosts;
    }

    private static List<String> list(String input, int start, String body) {
        List<String> parts = new ArrayList<>();
        int offset = 0;
        for (String part : body.split(",", -1)) {
            if (part.isEmpty() || !part.matches("[A-Za-z0-9._-]+")) {
                throw new SyntaxException("expected host name parts separated by ',' inside '{...}'", input,
                        start + offset);
            }
            parts.add(part);
            offset += part.length() + 1;
        }
        return parts;
    }

    private static List<String> range(String input, int start, String body) {
        List<String> parts = new ArrayList<>();
        int offset = 0;
        for (String element : body.split(",", -1)) {
            int dash = element.indexOf('-');
            String low = dash < 0 ? element : element.substring(0, dash);
            String high = dash < 0 ? element : element.substring(dash + 1);
            if (!low.matches("[0-9]{1,9}") || !high.matches("[0-9]{1,9}")) {
                throw new SyntaxException("expected numbers or ranges like 1-3,7 inside '[...]'", input,
                        start + offset);
            }
            int from = Integer.parseInt(low);
            int to = Integer.parseInt(high);
            if (to < from) {
                throw new SyntaxException("range " + element + " runs backwards", input, start + offset);
            }
            if (parts.size() + (long) to - from + 1 > MAX_HOSTS) {
                throw new SyntaxException("the host range expands to more than " + MAX_HOSTS + " hosts", input,
                        start + offset);
            }
            int width = low.length() > 1 && low.charAt(0) == '0' ? low.length() : 0;
            for (int n = from; n <= to; n++) {
                String number = Integer.toString(n);
                parts.add(number.length() < width ? "0".repeat(width - number.length()) + number : number);
            }
            offset += element.length() + 1;
        }
        return parts;
    }
}
