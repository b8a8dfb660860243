package org.ctys.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses plugin code that someone other than its owner could have changed: ctys runs it with the user's rights,
 * often root's. A plugin directory, every directory above it, and each jar must not be writable by group or others
 * (a directory with the sticky bit, like /tmp, may be world-writable above the plugin directory), and must be owned
 * by the user running ctys or by root.
 */
final class PluginDirectorySafety {

    private final String currentUser;

    PluginDirectorySafety(String currentUser) {
        this.currentUser = currentUser;
    }

    /** @return why {@code directory} is unsafe, empty when it is safe */
    Optional<String> checkDirectory(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Optional<String> own = check(absolute, false);
        if (own.isPresent()) {
            return own;
        }
        for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
            Optional<String> problem = check(parent, true);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** @return why the plugin file is unsafe, empty when it is safe */
    Optional<String> checkEntry(Path entry) {
        return check(entry, false);
    }

    private Optional<String> check(Path path, boolean stickyAllowed) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            boolean writableByOthers = permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE);
            if (writableByOthers && !(stickyAllowed && isSticky(path))) {
                return Optional.of(path + " is writable by other users (mode "
                        + PosixFilePermissions.toString(permissions) + "); fix: chmod go-w " + path);
            }
            if (!ownedByUs(owner)) {
                return Optional.of(path + " is owned by " + owner + ", not by " + currentUser
                        + " or root; fix: chown " + currentUser + " " + path);
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.of(path + " is on a file system without POSIX permissions");
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of " + path + ": " + e.getMessage());
        }
    }

    private boolean ownedByUs(String owner) {
        return owner.equals(currentUser) || owner.equals("root");
    }

    private static boolean isSticky(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (((Integer) mode) & 01000) != 0;
    }
}
