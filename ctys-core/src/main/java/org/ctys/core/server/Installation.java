package org.ctys.core.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client and a server must share for the server to do the client's command: the same distribution, jar for
 * jar, the same JVM and JVM options, the same view of the machine (namespaces and root directory; not the mount
 * namespace, which {@code ip netns exec} makes anew for every command) and the same umask, which the files its
 * commands write get and which a process cannot hand to another. A server whose jars changed under it (a new
 * build) leaves.
 */
final class Installation {

    private Installation() {
    }

    /**
     * @param kind a namespace kind ({@code net}, {@code pid}, ...)
     * @return this process's namespace of that kind (its inode), or {@code none} where the kernel has none
     */
    static String namespace(String kind) {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
            return link.substring(link.indexOf('[') + 1, link.length() - 1);
        } catch (IOException | RuntimeException e) {
            return "none";
        }
    }

    /**
     * @param home the distribution, or {@code null}
     * @param javaOptions the launcher's {@code CTYS_JAVA_OPTS}, or {@code null}
     * @return a text that changes when any of them does
     */
    static String fingerprint(Path home, String javaOptions) {
        StringBuilder text = new StringBuilder().append(home).append('\n').append(System.getProperty("java.home"))
                .append('\n').append(javaOptions == null ? "" : javaOptions).append('\n');
        for (String kind : new String[] {"net", "pid", "user", "uts", "ipc", "cgroup"}) {
            text.append(kind).append(' ').append(namespace(kind)).append('\n');
        }
        try {
            text.append("root ").append(Files.readAttributes(Path.of("/"), BasicFileAttributes.class).fileKey())
                    .append('\n');
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    text.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            text.append("unreadable: ").append(e.getMessage()).append('\n');
        }
        if (home != null) {
            Map<String, String> jars = new TreeMap<>();
            try (DirectoryStream<Path> lib = Files.newDirectoryStream(home.resolve("lib"))) {
                for (Path jar : lib) {
                    BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                    jars.put(jar.getFileName().toString(), attributes.size() + " "
                            + attributes.lastModifiedTime().toMillis());
                }
            } catch (IOException e) {
                text.append("unreadable: ").append(e.getMessage());
            }
            for (Map.Entry<String, String> jar : jars.entrySet()) {
                text.append(jar.getKey()).append(' ').append(jar.getValue()).append('\n');
            }
        }
        return text.toString();
    }
}
