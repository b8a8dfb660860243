package org.ctys.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a user's server listens: a UNIX socket in
 * {@code /tmp/ctys-server-<uid>-<network namespace>-<control groups>}, a directory only that user may enter. Both
 * sides check the directory before use: a client must not hand its environment (its ssh agent, its secrets) to a
 * socket someone else put there; the server also checks each client's user.
 *
 * @param directory the private directory
 */
record ServerAddress(Path directory) {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    /**
     * @return the address for the user this process runs as in its network namespace: a command under
     *         {@code ip netns exec} is done by a server in that namespace, which sees its links
     */
    static ServerAddress ofCurrentUser() {
        return of(uid(), Installation.namespace("net"));
    }

    /**
     * @param netns a network namespace's inode
     * @return the address of user {@code uid}'s server in that namespace and this process's control groups
     */
    static ServerAddress of(long uid, String netns) {
        return new ServerAddress(Path.of("/tmp", "ctys-server-" + uid + "-" + netns + "-"
                + controlGroupKey(Path.of("/proc/self/cgroup"))));
    }

    /**
     * A server per control group too: the processes a served command starts are started in the server's, and a
     * login session or a systemd unit is one (so a second ssh login has a server of its own, instead of being
     * declined by the first one's). The launcher's shell makes the same key (bin/ctys, {@code cgroup_key}).
     *
     * @param cgroup a process's {@code /proc/<pid>/cgroup}
     * @return the djb2 hash of its bytes, 8 hex digits; that of no bytes when it cannot be read, as the shell's
     */
    static String controlGroupKey(Path cgroup) {
        long hash = 5381;
        try {
            for (byte b : Files.readAllBytes(cgroup)) {
                hash = (hash * 33 + (b & 0xff)) & 0xffffffffL;
            }
        } catch (IOException e) {
            hash = 5381;
        }
        return String.format("%08x", hash);
    }

    /** @return the socket */
    Path socket() {
        return directory.resolve("socket");
    }

    /**
     * @return the FIFO through which the launcher's own shell hands commands to the server, without a JVM of its
     *     own ({@link ShellClients})
     */
    Path requests() {
        return directory.resolve("requests");
    }

    /** @return the file with the running server's pid */
    Path pid() {
        return directory.resolve("pid");
    }

    /** @return the lock the running server holds, so that a second one started at the same moment leaves */
    Path lock() {
        return directory.resolve("lock");
    }

    /** @return the running server's standard error */
    Path log() {
        return directory.resolve("server.log");
    }

    /**
     * @return whether the directory exists and is this user's alone (owned by them, mode 0700, not a link)
     * @throws IOException when it cannot be examined
     */
    boolean isPrivate() throws IOException {
        return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                && ((Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid()
                && Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE);
    }

    /**
     * Creates the directory unless it exists.
     *
     * @return whether it is private afterwards
     * @throws IOException when it cannot be created or examined
     */
    boolean makePrivate() throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another client made it at the same moment: checked below like any other
            }
        }
        return isPrivate();
    }

    static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
