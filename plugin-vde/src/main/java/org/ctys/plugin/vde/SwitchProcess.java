package org.ctys.plugin.vde;

import java.util.List;
import java.util.Set;

/**
 * The live process a switch's pid file names, as /proc shows it. The pid file is written by the switch, which may
 * run as an unprivileged user, into a directory others may write: it is that user's word, so the process is acted
 * on only when it proves to be the switch.
 *
 * @param pid its pid
 * @param program its program name ({@code /proc/<pid>/comm})
 * @param uid its owner
 * @param netns its network namespace ({@code net:[<inode>]}), empty when it could not be read
 * @param argv its command line
 */
record SwitchProcess(String pid, String program, int uid, String netns, List<String> argv) {

    /** Copies. */
    SwitchProcess {
        argv = List.copyOf(argv);
    }

    /**
     * @param sock the switch's data socket
     * @param mgmt the switch's management socket
     * @param owners who may run it: root, or the switch's user
     * @param ownNetns the network namespace this action runs in
     * @return why this process is not that switch, or {@code null} when it is
     */
    String notTheSwitch(String sock, String mgmt, Set<Integer> owners, String ownNetns) {
        if (!program.equals("vde_switch")) {
            return "it is '" + program + "', not vde_switch";
        }
        if (!owners.contains(uid)) {
            return "it runs as uid " + uid + ", not as " + owners;
        }
        if (!names("-M", "--mgmt", mgmt)) {
            return "its command line does not name the management socket " + mgmt;
        }
        if (!names("-s", "--sock", sock)) {
            return "its command line does not name the data socket " + sock;
        }
        if (!netns.equals(ownNetns)) {
            return "it runs in another network namespace (" + (netns.isEmpty() ? "unknown" : netns) + ")";
        }
        return null;
    }

    private boolean names(String option, String longOption, String path) {
        int at = argv.indexOf(option) >= 0 ? argv.indexOf(option) : argv.indexOf(longOption);
        return at >= 0 && at + 1 < argv.size() && argv.get(at + 1).equals(path);
    }
}
