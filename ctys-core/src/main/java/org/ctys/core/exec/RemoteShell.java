package org.ctys.core.exec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where an argv list becomes text for a remote POSIX shell. Every argument is single-quoted unless
 * it consists only of characters no shell treats specially, so nothing in it is ever expanded or split.
 */
public final class RemoteShell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%^-]+");

    private RemoteShell() {
    }

    /**
     * @param argv the program and its arguments
     * @return a command line that a POSIX shell splits back into exactly {@code argv}
     */
    public static String quote(List<String> argv) {
        if (argv.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        for (String argument : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            if (PLAIN.matcher(argument).matches()) {
                line.append(argument);
            } else {
                line.append('\'').append(argument.replace("'", "'\\''")).append('\'');
            }
        }
        return line.toString();
    }
}
