package org.ctys.core.prereq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.core.exec.RemoteShell;
import org.ctys.spi.Prerequisite;

/**
 * Checks many prerequisites on a target with one POSIX {@code sh} command, so a remote target costs one round trip
 * however many plugins ask. The script is constant; the prerequisites travel as arguments, never as shell text.
 */
public final class PrerequisiteProbe {

    /** The state of one prerequisite on one target. */
    public enum Status {
        /** Present and usable. */
        OK,
        /** Not there. */
        MISSING,
        /** There, but the login user cannot open it for reading and writing. */
        DENIED
    }

    /**
     * One prerequisite's state.
     *
     * @param prerequisite what was checked
     * @param status what was found
     * @param where the path found, or {@code ""}
     */
    public record Finding(Prerequisite prerequisite, Status status, String where) {
    }

    // sudo's secure_path and root's PATH include the sbin directories; a login user's PATH often does not.
    // A device counts as usable only when opening it read-write works: permissions alone say nothing of a
    // device node whose driver is absent. '<>' would create a missing file, so the node is tested first.
    private static final String SCRIPT = """
            PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
            for p do
              k=${p%%:*}; n=${p#*:}
              case $k in
                program) if f=$(ctys_path "$n"); then echo "ok $p $f"; else echo "missing $p"; fi ;;
                file) if [ -e "$n" ]; then echo "ok $p $n"; else echo "missing $p"; fi ;;
                device) if [ ! -c "$n" ] && [ ! -b "$n" ]; then echo "missing $p"; \
            elif (: <>"$n") 2>/dev/null; then echo "ok $p $n"; else echo "denied $p $n"; fi ;;
              esac
            done
            """;

    private PrerequisiteProbe() {
    }

    /**
     * @param prerequisites what to check
     * @return the one command that checks them all
     */
    public static Command command(List<Prerequisite> prerequisites) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RemoteShell.PATH_FUNCTION + SCRIPT,
                "ctys-prerequisites"));
        prerequisites.forEach(p -> argv.add(key(p)));
        return Command.of(argv);
    }

    /**
     * @param prerequisites what was checked, in the order given to {@link #command}
     * @param result how the command ended
     * @return one finding per prerequisite, in order
     * @throws EnvironmentException when the output does not answer every prerequisite
     */
    public static List<Finding> parse(List<Prerequisite> prerequisites, CommandResult result) {
        Map<String, String[]> answers = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.split(" ", 3);
            if (fields.length >= 2) {
                answers.put(fields[1], fields);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Prerequisite prerequisite : prerequisites) {
            String[] answer = answers.get(key(prerequisite));
            if (result.exitCode() != 0 || answer == null) {
                throw new EnvironmentException("the prerequisite check did not run (exit " + result.exitCode()
                        + "): " + result.stderr().strip());
            }
            Status status = Status.valueOf(answer[0].toUpperCase(Locale.ROOT));
            findings.add(new Finding(prerequisite, status, answer.length > 2 ? answer[2] : ""));
        }
        return findings;
    }

    private static String key(Prerequisite prerequisite) {
        return prerequisite.kind().name().toLowerCase(Locale.ROOT) + ":" + prerequisite.name();
    }
}
