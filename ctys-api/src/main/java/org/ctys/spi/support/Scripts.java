package org.ctys.spi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.ProcessCheck;

/**
 * Shell scripts a plugin sends to its targets, kept as resource files beside its classes rather than as Java
 * strings: readable, and testable on their own. A script runs as {@code sh -c <script> <name> <args...>}, so its
 * arguments arrive as {@code "$1"}... and are never pasted into the script's text.
 *
 * @since 0.1
 */
public final class Scripts {

    private Scripts() {
    }

    /**
     * Returns the text of a resource beside a class.
     *
     * @param owner a class of the plugin, whose package holds the resource
     * @param name the resource's name relative to that package, e.g. {@code create.sh}
     * @return its text, read as UTF-8
     * @throws IllegalStateException when there is no such resource (a packaging mistake)
     */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the command that runs a resource script with {@link ProcessCheck}'s {@code ctys_alive} defined
     * before it: {@code sh -c <script> <name> <args...>}, where {@code <name>} ({@code $0}) is the script's name
     * without {@code .sh}, so that error messages name it.
     *
     * @param owner a class of the plugin, whose package holds the script
     * @param name the script's resource name, e.g. {@code create.sh}
     * @param args its arguments, {@code $1} on
     * @return the command, to be marked {@code asRoot()} or {@code asReadOnly()} as the script needs
     */
    public static Command command(Class<?> owner, String name, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", ProcessCheck.withFunction(text(owner, name)),
                name.endsWith(".sh") ? name.substring(0, name.length() - 3) : name));
        argv.addAll(List.of(args));
        return Command.of(argv);
    }
}
