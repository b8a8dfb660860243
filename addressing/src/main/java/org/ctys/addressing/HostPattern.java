package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.SyntaxException;

/**
 * Host names with ranges and lists, as ClusterShell ({@code nodeset -e}) and pdsh users write them:
 * {@code lab[01-20]}, {@code node[1-3,7]}, steps {@code n[1-10/3]} (n1 n4 n7 n10), several brackets
 * {@code rack[1-2]n[01-04]} (expanded left to right, the last bracket fastest), and the original's shell-style
 * {@code {h1,h2}}. A bound written with a leading zero sets the width of every number of its range, and then both
 * bounds must have that width ({@code 01-100} is an error, as in ClusterShell). Unlike {@code nodeset}, the hosts
 * come in the order written, not sorted (a host named twice is dropped later, with every other duplicate target),
 * and digits before a bracket are put in front of its numbers, as pdsh does ({@code n5[8-10]}: n58 n59 n510), where
 * nodeset merges them into the range (n58 to n510).
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

    /** One element of a range: a number, or {@code low-high} with an optional {@code /step}. */
    private static final Pattern ELEMENT = Pattern.compile("([0-9]{1,9})(?:-([0-9]{1,9})(?:/([0-9]{1,9}))?)?");

    private static List<String> range(String input, int start, String body) {
        List<String> parts = new ArrayList<>();
        int offset = 0;
        for (String element : body.split(",", -1)) {
            int at = start + offset;
            Matcher m = ELEMENT.matcher(element.strip());
            if (!m.matches()) {
                throw new SyntaxException("expected numbers, ranges and steps like 1-3,7,10-20/5 inside '[...]'",
                        input, at);
            }
            String low = m.group(1);
            String high = m.group(2) == null ? low : m.group(2);
            int from = Integer.parseInt(low);
            int to = Integer.parseInt(high);
            int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (to < from) {
                throw new SyntaxException("range " + element + " runs backwards", input, at);
            }
            if (step == 0) {
                throw new SyntaxException("range " + element + " has step 0; a step is 1 or more", input, at);
            }
            // zero padding as ClusterShell reads it: a bound with a leading zero fixes the width of both
            boolean padded = padded(low) || padded(high);
            if (padded && low.length() != high.length()) {
                throw new SyntaxException("range " + element + " mixes widths; write both bounds zero-padded to "
                        + "the same width", input, at);
            }
            if (parts.size() + ((long) to - from) / step + 1 > MAX_HOSTS) {
                throw new SyntaxException("the host range expands to more than " + MAX_HOSTS + " hosts", input, at);
            }
            int width = padded ? low.length() : 0;
            for (long n = from; n <= to; n += step) {
                String number = Long.toString(n);
                parts.add(number.length() < width ? "0".repeat(width - number.length()) + number : number);
            }
            offset += element.length() + 1;
        }
        return parts;
    }

    private static boolean padded(String number) {
        return number.length() > 1 && number.charAt(0) == '0';
    }
}
