package org.ctys.core.exec;

import java.util.List;
import java.util.Optional;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;

/**
 * The one reading of ssh's own failures on a remote target: its exit status 255 (a remote command's status is
 * 0-254, or 128+n for a signal), as the failure to reach the target or the loss of the connection while something ran.
 *
 * @param transport how the target is reached: a local target has no ssh, so nothing is ssh's
 * @param target the target, for the message
 */
record SshFailure(Transport transport, Target target) {

    /** ssh's exit status for its own failure: the connection, the login, or the connection lost. */
    static final int EXIT = 255;

    /**
     * A command that may end 255 itself counts as ssh's failure only with ssh's own words for it last.
     *
     * @return the failure to reach the target, when {@code exit} and {@code stderr} say ssh failed
     */
    Optional<TargetFailureException> reaching(int exit, String stderr) {
        if (transport.local() || exit != EXIT || !sshSaid(stderr)) {
            return Optional.empty();
        }
        return Optional.of(new TargetFailureException(Reason.CONNECT, "cannot reach " + target + ": "
                + lastLine(stderr)));
    }

    /**
     * For a script of ctys's own, which never ends 255 itself: 255 is ssh losing the connection, of which a
     * multiplexed client says nothing when its master gave up on a silent host.
     *
     * @param program what was running, for the message
     * @return the loss of the connection while {@code program} ran, when {@code exit} says so
     */
    Optional<TargetFailureException> losing(int exit, String stderr, String program) {
        if (transport.local() || exit != EXIT) {
            return Optional.empty();
        }
        String why = lastLine(stderr);
        return Optional.of(new TargetFailureException(Reason.CONNECT, "lost the connection to " + target
                + " during '" + program + "'" + (why.isEmpty() ? "" : ": " + why)));
    }

    private static boolean sshSaid(String stderr) {
        String last = lastLine(stderr);
        // ssh's own words for a connection that failed, was lost (peer gone, sshd killed) or went silent (ServerAlive)
        return last.startsWith("ssh:") || last.contains("Permission denied (") || last.contains("Connection closed")
                || last.contains("Connection refused") || last.contains("Host key verification failed")
                || last.contains("Connection timed out") || last.contains("kex_exchange_identification")
                || last.contains("closed by remote host") || last.contains("not responding")
                || last.contains("Connection reset") || last.startsWith("client_loop:")
                || last.startsWith("mux_client_");
    }

    /** @return the last non-blank line of a program's output, or {@code ""} */
    static String lastLine(String text) {
        if (text == null) {
            return "";
        }
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
