package org.ctys.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A real second local user, made with {@code useradd} for one test and removed with everything it owns when the
 * test ends: the hostile neighbour of root's security tests. It gets a world-writable sticky directory of its own,
 * shaped like /tmp, to plant files in.
 */
public final class LocalUser implements AutoCloseable {

    private final String name;
    private final Path shared;

    private LocalUser(String name, Path shared) {
        this.name = name;
        this.shared = shared;
    }

    /** Adds the user; skips or fails the test when the machine cannot. */
    public static LocalUser create() throws IOException, InterruptedException {
        SystemTests.requireRootAnd("useradd", "userdel", "runuser");
        String name = "ctysh" + Long.toHexString(ProcessHandle.current().pid()) + Long.toHexString(System.nanoTime()
                & 0xfff);
        SystemTests.run("useradd", "-M", "-N", "-d", "/nonexistent", "-s", "/bin/sh", name);
        Path shared = Files.createTempDirectory("ctys-shared-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        SystemTests.run("chmod", "1777", shared.toString());   // sticky, as /tmp and /var/tmp
        return new LocalUser(name, shared);
    }

    /** @return the user's name */
    public String name() {
        return name;
    }

    /** @return the user's numeric id */
    public int uid() throws IOException, InterruptedException {
        return Integer.parseInt(SystemTests.run("id", "-u", name).strip());
    }

    /** @return a sticky directory everyone may write to, as /tmp, removed when the test ends */
    public Path sharedDirectory() {
        return shared;
    }

    /**
     * Runs a shell command as this user, as a hostile neighbour would, and waits for it.
     *
     * @return its standard output
     * @throws IOException when it fails
     */
    public String sh(String command) throws IOException, InterruptedException {
        return SystemTests.run("runuser", "-u", name, "--", "sh", "-c", command);
    }

    /**
     * Starts a long-lived process as this user (its pid is the user's own).
     *
     * @return the process
     */
    public Process start(String command) throws IOException {
        return new ProcessBuilder("runuser", "-u", name, "--", "sh", "-c", "exec " + command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Ends the user's processes (its own, by their owner), removes its files, the directory and the user. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        try {
            new ProcessBuilder("pkill", "-KILL", "-u", name).start().waitFor();
            // the slow init here reaps late: userdel refuses a user with a live process
            for (int i = 0; i < 50 && new ProcessBuilder("pgrep", "-u", name).start().waitFor() == 0; i++) {
                Thread.sleep(100);
            }
            SystemTests.run("rm", "-rf", "--", shared.toString());
        } catch (IOException e) {
            failures.add(e.getMessage());
        } finally {
            Process del = new ProcessBuilder("userdel", name).redirectErrorStream(true).start();
            String out = new String(del.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (del.waitFor() != 0) {
                failures.add("userdel " + name + ": " + out);
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
    }
}
