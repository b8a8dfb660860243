package org.ctys.core.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.session.CliSession;
import org.ctys.spi.ApiVersion;

/**
 * The server's loaded plugins, per list of plugin directories, loaded again when a jar in them was added, removed
 * or replaced: each command sees the plugins a run of its own would load.
 */
final class PluginCache {

    private record Loaded(String stamp, PluginRegistry registry) {
    }

    private final String user;
    private final Map<List<Path>, Loaded> loaded = new HashMap<>();

    /** @param user the user the server runs as, whom plugin directories must belong to */
    PluginCache(String user) {
        this.user = user;
    }

    synchronized PluginRegistry get(List<Path> directories) {
        String stamp = stamp(directories);
        Loaded current = loaded.get(directories);
        if (current == null || !current.stamp().equals(stamp)) {
            current = new Loaded(stamp, PluginRegistry.load(List.of(new CliSession()), directories, user,
                    ApiVersion.current()));
            loaded.put(List.copyOf(directories), current);
        }
        return current.registry();
    }

    /** Names, sizes, times and owners of the directories and their entries: what loading them looks at. */
    private static String stamp(List<Path> directories) {
        StringBuilder stamp = new StringBuilder();
        for (Path directory : directories) {
            stamp.append(directory).append(' ').append(attributes(directory)).append('\n');
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
                for (Path entry : entries) {
                    sorted.put(entry.getFileName().toString(), attributes(entry));
                }
                sorted.forEach((name, attributes) -> stamp.append(name).append(' ').append(attributes).append('\n'));
            } catch (IOException e) {
                stamp.append("unreadable ").append(e.getMessage());
            }
        }
        return stamp.toString();
    }

    private static String attributes(Path path) {
        try {
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class);
            return basic.size() + " " + basic.lastModifiedTime().toMillis() + " " + Files.getOwner(path).getName()
                    + " " + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException | UnsupportedOperationException e) {
            return "absent";
        }
    }
}
