package org.ctys.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ctys.api.UsageException;

/**
 * How a command that needs root becomes root on a target ({@code -Z}). Each way is one constant POSIX shell
 * script run on the target with the command as its arguments: nothing is probed by running the real command,
 * nothing ever waits on a password, and a login user that is already root runs the command as it is.
 */
public enum Escalation {

    /** No escalation: a root command runs only where the login user is root. */
    NONE("""
            [ "$(id -u)" = 0 ] && {ROOT}
            printf 'ctys-privilege-denied none %s %s\\n' "$(id -un)" "$(ctys_path "$1")" >&2
            exit 126
            """, true),

    /** {@code sudo -n}: asks sudo whether the command is allowed ({@code sudo -n -l}), then runs it. */
    SUDO("""
            [ "$(id -u)" = 0 ] && {ROOT}
            if ! sudo -n -l -- "$@" >/dev/null 2>&1; then
              printf 'ctys-privilege-denied sudo %s %s\\n' "$(id -un)" "$(ctys_path "$1")" >&2
              exit 126
            fi
            {ALLOWED}exec sudo -n -- "$@"
            """, true),

    /** Kerberos {@code ksu root -q -e}: allowed by the root account's {@code .k5users}. */
    KSU("""
            [ "$(id -u)" = 0 ] && exec "$@"
            p=$(ctys_path "$1")
            shift
            ksu root -q -e "$p" "$@" </dev/null && exit 0
            s=$?
            [ "$s" = 1 ] && printf 'ctys-privilege-denied ksu %s %s\\n' "$(id -un)" "$p" >&2 && exit 126
            exit $s
            """, false);

    /** The marker the scripts print when root is refused, with the mechanism, the user and the program. */
    static final String DENIED = "ctys-privilege-denied";

    private final String script;
    /** The same script up to the point where it would run the command, ending 0 there; {@code null}: none. */
    private final String check;

    Escalation(String template, boolean checkable) {
        template = RemoteShell.PATH_FUNCTION + template;
        this.script = template.replace("{ROOT}", "exec \"$@\"").replace("{ALLOWED}", "");
        this.check = checkable ? template.replace("{ROOT}", "exit 0").replace("{ALLOWED}", "exit 0\n") : null;
    }

    /**
     * @param argv a command that needs root
     * @return a command that ends 0 when {@link #wrap} would be allowed to run it, and otherwise fails as the
     *     wrapped command would, without running it; empty when the mechanism cannot tell without running it
     */
    public java.util.Optional<List<String>> check(List<String> argv) {
        if (check == null) {
            return java.util.Optional.empty();
        }
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", check,
                "ctys-check-" + name().toLowerCase(Locale.ROOT)));
        wrapped.addAll(argv);
        return java.util.Optional.of(wrapped);
    }

    /**
     * @param argv a command that needs root
     * @return the command that runs it as root on the target
     */
    public List<String> wrap(List<String> argv) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", script, "ctys-" + name().toLowerCase(Locale.ROOT)));
        wrapped.addAll(argv);
        return wrapped;
    }

    /**
     * Reads {@code -Z} as the original did: a comma list of {@code SUDO}, {@code KSU}, {@code NOSUDO},
     * {@code NOKSU}, {@code ALL} (ksu first, then sudo, as the original tried them) or {@code NONE}; the first that
     * enables a mechanism wins.
     *
     * @param value the text of {@code -Z}
     * @return the escalation
     * @throws UsageException for anything else
     */
    public static Escalation parse(String value) {
        Escalation chosen = NONE;
        boolean decided = false;
        for (String word : value.split(",")) {
            switch (word.strip().toUpperCase(Locale.ROOT)) {
                case "SUDO" -> chosen = decided ? chosen : SUDO;
                case "KSU", "ALL" -> chosen = decided ? chosen : KSU;
                case "NONE", "NOSUDO", "NOKSU" -> {
                    continue;
                }
                default -> throw new UsageException("unknown privilege mechanism '" + word + "' in -Z " + value
                        + "; expected SUDO, KSU, NONE (or NOSUDO, NOKSU, ALL)");
            }
            decided = true;
        }
        return chosen;
    }
}
