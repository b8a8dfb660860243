package org.ctys.api.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * "Is the process this pid file names still the one I started?", for plugins that manage daemons. A pid file is
 * only a number: the process may have ended and its pid been reused, or it may be a zombie for seconds on a host
 * whose init reaps late. The answer is one POSIX shell function, for the scripts a plugin sends to a target:
 * <pre>ctys_alive PID [TEXT...]</pre>
 * ends 0 when {@code PID} is a number naming a live process that is not a zombie and whose command line holds each
 * {@code TEXT} (a fixed string, e.g. the daemon's own socket path) within one of its arguments; 1 otherwise.
 *
 * @since 0.1
 */
public final class ProcessCheck {

    /** The definition of {@code ctys_alive}, ending in a newline: put it before the script that calls it. */
    public static final String FUNCTION = """
            ctys_alive() {
              ctys_p=$1; shift
              case $ctys_p in ''|*[!0-9]*) return 1;; esac
              ctys_l=; read -r ctys_l 2>/dev/null < "/proc/$ctys_p/stat" || return 1
              ctys_l=${ctys_l##*) }
              case ${ctys_l%% *} in ''|Z) return 1;; esac
              for ctys_t do
                tr '\\0' '\\n' < "/proc/$ctys_p/cmdline" 2>/dev/null | grep -qF -- "$ctys_t" || return 1
              done
              return 0
            }
            """;

    private ProcessCheck() {
    }

    /**
     * Returns {@code script} with {@link #FUNCTION} defined before it.
     *
     * @param script a POSIX shell script that calls {@code ctys_alive}
     * @return the script with the function defined first
     */
    public static String withFunction(String script) {
        return FUNCTION + script;
    }

    /**
     * Returns a read-only command that ends 0 when the process is alive as {@code ctys_alive} judges, 1 when not.
     *
     * @param pid the pid, as the pid file says
     * @param texts what its command line must hold
     * @return the command
     */
    public static Command alive(String pid, String... texts) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", withFunction("ctys_alive \"$@\""), "ctys-alive", pid));
        argv.addAll(List.of(texts));
        return Command.of(argv).asReadOnly();
    }

    /**
     * Returns a command that waits, checking every 10 ms, until the process is gone as {@code ctys_alive} judges (a
     * zombie counts as gone), at most {@code limit}; it ends 0 when it is gone, 1 when it is still there. It is not
     * read-only: it waits for what an earlier change (a signal, a shutdown) caused, so a dry run plans it instead.
     *
     * @param pid the pid, as the pid file says
     * @param limit how long to wait
     * @param texts what its command line must hold to count as the process
     * @return the command
     */
    public static Command waitUntilGone(String pid, Duration limit, String... texts) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", withFunction("""
                n=$1; shift; i=0
                while ctys_alive "$@"; do
                  [ "$i" -ge "$n" ] && exit 1
                  i=$((i+1)); sleep 0.01
                done
                exit 0
                """), "ctys-wait-gone", Long.toString(Math.max(1, limit.toMillis() / 10)), pid));
        argv.addAll(List.of(texts));
        return Command.of(argv);
    }
}
