package org.ctys.core.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a client and a server must share for the server to do the client's command: the same distribution, jar for
 * jar, the same JVM and JVM options, the same view of the machine (namespaces and root directory; not the mount
 * namespace, which {@code ip netns exec} makes anew for every command), and what the processes a command starts
 * inherit from the process that starts them and no process can hand to another: umask, user, groups,
 * capabilities, resource limits, control group, nice value and OOM score adjustment. A served command's
 * processes are so started as the client's own JVM would have started them (a switch started by a command in a
 * systemd unit is in that unit's control group, and ends with it, either way). A server whose jars changed under
 * it (a new build) leaves.
 */
final class Installation {

    private static final Path SELF = Path.of("/proc/self");

    /**
     * The lines of {@code /proc/<pid>/status} a command's processes inherit and a process cannot hand to another:
     * umask, user and group ids, supplementary groups, capabilities, no-new-privileges and seccomp.
     */
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(Umask|Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp|Seccomp_filters):");

    private Installation() {
    }

    /**
     * @param kind a namespace kind ({@code net}, {@code pid}, ...)
     * @return this process's namespace of that kind (its inode), or {@code none} where the kernel has none
     */
    static String namespace(String kind) {
        return namespace(SELF, kind);
    }

    private static String namespace(Path process, String kind) {
        try {
            String link = Files.readSymbolicLink(process.resolve("ns").resolve(kind)).toString();
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
        return fingerprint(home, javaOptions, SELF, real(Path.of(System.getProperty("java.home"))));
    }

    /**
     * @param environment a process's environment
     * @return the JDK the launcher would run in that environment ({@code $JAVA_HOME}, else {@code java} on the
     *     {@code PATH}), as {@link #fingerprint(Path, String)} names the JDK; {@code none} when it finds none
     */
    static String javaHome(Map<String, String> environment) {
        String given = environment.get("JAVA_HOME");
        if (given != null && !given.isEmpty()) {
            return real(Path.of(given));
        }
        for (String directory : environment.getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(directory.isEmpty() ? "." : directory, "java");
            if (Files.isExecutable(java) && !Files.isDirectory(java)) {
                try {
                    return java.toRealPath().getParent().getParent().toString();
                } catch (IOException e) {
                    return "none";
                }
            }
        }
        return "none";
    }

    private static String real(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toString();
        }
    }

    /**
     * @param process the {@code /proc} entry of the process whose view of the machine counts
     * @param javaHome the JDK that process runs, or would run ctys with
     * @return {@link #fingerprint(Path, String)} as that process would have made it
     */
    static String fingerprint(Path home, String javaOptions, Path process, String javaHome) {
        StringBuilder text = new StringBuilder().append(home).append('\n').append(javaHome)
                .append('\n').append(javaOptions == null ? "" : javaOptions).append('\n');
        for (String kind : new String[] {"net", "pid", "user", "uts", "ipc", "cgroup"}) {
            text.append(kind).append(' ').append(namespace(process, kind)).append('\n');
        }
        try {
            text.append("root ").append(Files.readAttributes(process.resolve("root"), BasicFileAttributes.class)
                    .fileKey()).append('\n');
            for (String line : Files.readAllLines(process.resolve("status"))) {
                if (CREDENTIALS.matcher(line).lookingAt()) {
                    text.append(line).append('\n');
                }
            }
            for (String line : Files.readAllLines(process.resolve("limits"))) {
                // the JVM raises its soft limit of open files to the hard one (MaxFDLimit), in a command's own
                // JVM as in the server: the shell's soft limit is not what a command's processes would get
                String[] columns = line.strip().split("\\s{2,}");
                text.append(columns[0].equals("Max open files") && columns.length > 2 ? columns[0] + " " + columns[2]
                        : line.strip()).append('\n');
            }
            for (String line : Files.readAllLines(process.resolve("cgroup"))) {
                text.append("cgroup ").append(line).append('\n');
            }
            String stat = Files.readString(process.resolve("stat"));
            // the fields after the command name (which may hold spaces): state is the first, nice the 17th
            text.append("nice ").append(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]).append('\n');
            text.append("oom_score_adj ").append(Files.readString(process.resolve("oom_score_adj")).strip())
                    .append('\n');
        } catch (IOException | RuntimeException e) {
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
