package org.ctys.core.server;

import java.nio.file.Path;

/** For tests outside this package: where a server's directory is, named as the launcher and the client name it. */
public final class ServerDirectories {

    private ServerDirectories() {
    }

    /**
     * @param netns a network namespace's inode
     * @return the directory of user {@code uid}'s server in that namespace and the caller's control groups
     */
    public static Path of(long uid, long netns) {
        return ServerAddress.of(uid, Long.toString(netns)).directory();
    }
}
