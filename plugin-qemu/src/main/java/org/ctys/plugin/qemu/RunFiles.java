package org.ctys.plugin.qemu;

/**
 * Where a running guest keeps its files on the target: beside the VDE sockets under {@code CTYS_SOCKBASE}, named
 * by user and label so that users sharing a directory never meet: {@code <base>/ctys-vm.<user>.<label>.qmp} and
 * {@code .pid}, {@code .ctys} (what ctys needs to list it), {@code .serial}, {@code .vnc}.
 *
 * @param base the directory, CTYS_SOCKBASE
 * @param user the user the guest runs as
 * @param label the guest's label
 */
public record RunFiles(String base, String user, String label) {

    /** The prefix of every guest file; {@code -a list} globs for it. */
    static final String PREFIX = "ctys-vm.";

    /** @return the path every file of the guest starts with, {@code <base>/ctys-vm.<user>.<label>} */
    public String prefix() {
        return base + "/" + PREFIX + user + "." + label;
    }

    private String file(String suffix) {
        return prefix() + suffix;
    }

    /** @return the QMP socket */
    public String qmp() {
        return file(".qmp");
    }

    /** @return QEMU's pid file */
    public String pid() {
        return file(".pid");
    }

    /** @return what ctys wrote about the guest when it started it */
    public String state() {
        return file(".ctys");
    }

    /** @return the serial console socket */
    public String serial() {
        return file(".serial");
    }

    /** @return the VNC socket */
    public String vnc() {
        return file(".vnc");
    }
}
