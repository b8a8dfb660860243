package org.ctys.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh directory of one test, e.g. a socket base, removed with everything in it when closed, also what root or
 * another user made in it. Open it before a {@link ScratchNamespace} in the same try, so that the processes in the
 * namespace end before their directory goes.
 */
public final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /** @return a new directory under the system's temporary directory, its name starting with {@code prefix} */
    public static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix));
    }

    /** @return the directory */
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // rm, not Files.walk: entries may be sockets and directories other users made, and rm -r does not follow
        // a symlink planted inside
        SystemTests.run("rm", "-rf", "--", path.toString());
    }
}
