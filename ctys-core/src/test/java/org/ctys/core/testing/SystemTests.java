package org.ctys.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Prerequisites of tests that run real system parts. A missing one skips the test with a message, except under
 * {@code CTYS_REQUIRE_SYSTEM_TESTS=1} (as in CI), where it fails it.
 */
public final class SystemTests {

    private SystemTests() {
    }

    /** @return whether a missing prerequisite fails instead of skipping */
    public static boolean required() {
        return "1".equals(System.getenv("CTYS_REQUIRE_SYSTEM_TESTS"));
    }

    /** Skips or fails unless {@code present}; {@code what} says what is missing and how to get it. */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (required()) {
            fail("system test prerequisite missing (CTYS_REQUIRE_SYSTEM_TESTS=1): " + what);
        }
        Assumptions.abort("skipped, missing: " + what);
    }

    /** Requires root and the named programs. */
    public static void requireRootAnd(String... programs) {
        require("root".equals(System.getProperty("user.name")), "root (network namespaces need it)");
        for (String program : programs) {
            boolean found = false;
            for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/bin", "/sbin"}) {
                found |= Files.isExecutable(Path.of(dir, program));
            }
            require(found, program + " (run scripts/prerequisites.sh)");
        }
    }

    /** @return the distribution built by mvn package, required to exist */
    public static Path distribution() {
        String dist = System.getProperty("ctys.dist");
        require(dist != null && Files.isExecutable(Path.of(dist, "bin", "ctys")),
                "the distribution (ctys.dist=" + dist + "); run the integration tests with mvn verify");
        return Path.of(dist);
    }

    /**
     * Runs a command of the test's own (root's, when the test runs as root) and waits for it.
     *
     * @param argv the command
     * @return its output, both streams
     * @throws IOException when it exits other than 0, with its output
     */
    public static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
