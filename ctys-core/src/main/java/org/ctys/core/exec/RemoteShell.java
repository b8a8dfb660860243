package org.ctys.core.exec;

import java.util.List;
import org.ctys.api.ShellWords;

/**
 * The one place where an argv list becomes text for a remote POSIX shell, quoted word by word as {@link ShellWords}
 * quotes, so nothing in it is ever expanded or split. A command runs its program found along {@code PATH}, as
 * {@code exec} would, wherever it runs: never a shell builtin of the same name, whose options differ
 * ({@code kill -TERM -- <pid>} is dash's error and /usr/bin/kill's signal).
 */
public final class RemoteShell {

    /**
     * A POSIX shell function: {@code ctys_path NAME} prints the absolute path of the program {@code NAME} along
     * {@code PATH}, the one {@link #command} runs and a sudoers rule names (never a builtin, as {@code command -v}
     * answers for {@code kill}); {@code NAME} itself and status 1 where there is none.
     */
    public static final String PATH_FUNCTION = "ctys_path() { case $1 in */*) echo \"$1\"; return 0;; esac; "
            + "o=$IFS; IFS=:; for d in $PATH; do IFS=$o; [ -n \"$d\" ] && [ -f \"$d/$1\" ] && [ -x \"$d/$1\" ] "
            + "&& { echo \"$d/$1\"; return 0; }; done; IFS=$o; echo \"$1\"; return 1; }\n";

    private RemoteShell() {
    }

    /**
     * @param argv the program and its arguments
     * @return a shell command that runs exactly {@code argv}'s program (never a builtin) and ends with its exit
     *     status, in a subshell of its own, so that more commands may follow it in the same script
     */
    public static String command(List<String> argv) {
        return "(exec " + quote(argv) + ")";
    }

    /**
     * @param argv the program and its arguments
     * @return a command line that a POSIX shell splits back into exactly {@code argv}
     */
    public static String quote(List<String> argv) {
        return ShellWords.join(argv);
    }
}
