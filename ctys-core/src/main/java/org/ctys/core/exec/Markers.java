package org.ctys.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one protocol of the scripts whose output carries several steps (a batch's commands; the look and the
 * scripts run under a target's lock): a step ends with the line {@code <mark> <exit status>} on standard output,
 * after a newline of its own, and the line {@code <mark>} on standard error. A mark is a fresh nonce and the step's
 * name, so that no command's own output can pass for one.
 */
final class Markers {

    /** Shell code that ends a step: marks both streams with {@code $m}, and standard output with {@code $r}. */
    static final String END = "printf '\\n%s %s\\n' \"$m\" \"$r\"; printf '%s\\n' \"$m\" >&2";

    private final String nonce = fresh();

    /**
     * A step's end, found on both streams.
     *
     * @param exitCode its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     * @param outEnd where the next step's standard output begins
     * @param errEnd where the next step's standard error begins
     */
    record Ended(int exitCode, String stdout, String stderr, int outEnd, int errEnd) {
    }

    /** @return the mark of step {@code step} of this script */
    String mark(String step) {
        return nonce + "-" + step;
    }

    /**
     * @param stdout standard output so far
     * @param stderr standard error so far
     * @param mark the step's mark
     * @param outFrom where the step's standard output begins
     * @param errFrom where its standard error begins
     * @return the step, once its marks are on both streams
     */
    static Optional<Ended> find(String stdout, String stderr, String mark, int outFrom, int errFrom) {
        int end = stdout.indexOf("\n" + mark + " ", outFrom);
        int newline = end < 0 ? -1 : stdout.indexOf('\n', end + 1);
        int errorsEnd = stderr.indexOf(mark + "\n", errFrom);
        if (newline < 0 || errorsEnd < 0) {
            return Optional.empty();
        }
        return Optional.of(new Ended(Integer.parseInt(stdout.substring(end + mark.length() + 2, newline).strip()),
                stdout.substring(outFrom, end), stderr.substring(errFrom, errorsEnd), newline + 1,
                errorsEnd + mark.length() + 1));
    }

    /** @return a fresh nonce, which no command's own output can pass for */
    private static String fresh() {
        // the kernel's random bytes, read directly: a SecureRandom would first set up the JCA providers, 8-10 ms of
        // every command's start-up for 8 bytes
        try (InputStream random = Files.newInputStream(Path.of("/dev/urandom"))) {
            return "@@ctys-" + HexFormat.of().formatHex(random.readNBytes(8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /dev/urandom", e);
        }
    }
}
