package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident server ({@code CTYS_SERVER=1}) through the launcher, in a network namespace of the test's own (a
 * server per user and namespace: this one is the test's alone): it answers as a run of its own would, with the
 * client's environment, directory and Ctrl-C, and steps aside where it cannot.
 */
class ServerIT {

    private static final String NAMESPACE = "ctys-srv-" + ProcessHandle.current().pid();

    private Path dist;
    private Path serverDirectory;

    @TempDir
    Path work;

    @BeforeEach
    void namespace() throws Exception {
        SystemTests.requireRootAnd("ip", "setsid");
        dist = SystemTests.distribution();
        run("ip", "netns", "add", NAMESPACE);
        long inode = ((Number) Files.getAttribute(Path.of("/run/netns", NAMESPACE), "unix:ino")).longValue();
        // a server per user, network namespace and control group: the test's processes' group
        serverDirectory = org.ctys.core.server.ServerDirectories.of(0, inode);
        Files.createDirectories(work.resolve("groups"));
        Files.writeString(work.resolve("groups/lab"), "h1\nh2\n");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        stopServer();
        run("ip", "netns", "del", NAMESPACE);
        removeDirectory(serverDirectory);
    }

    private static void removeDirectory(Path directory) throws Exception {
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void answersAsARunOfItsOwnWithTheClientsDirectoryAndEnvironment() throws Exception {
        Map<String, String> own = Map.of("CTYS_GROUPS_PATH", "groups", "CTYS_MARK", "mark-1");
        List<String[]> commands = List.of(new String[] {"--expand", "-X", "@lab"},
                new String[] {"-t", "CLI", "-a", "create=l:x,cmd:echo%$CTYS_MARK;pwd;ls", "localhost"},
                new String[] {"-t", "NOPE", "-a", "list"}, new String[] {"--expand", "@nosuchgroup"});
        List<CtysRun> alone = new ArrayList<>();
        for (String[] command : commands) {
            alone.add(ctys(own, command));
        }
        startServer();
        for (int i = 0; i < commands.size(); i++) {
            // from the launcher's shell: standard output a pipe and standard error a file (relayed), both pipes,
            // both files
            CtysRun served = ctys(served(own), commands.get(i));
            assertEquals(alone.get(i), served, String.join(" ", commands.get(i)));
            assertEquals(alone.get(i), shell(served(own), commands.get(i)), "piped: " + String.join(" ",
                    commands.get(i)));
            assertEquals(alone.get(i), shellToFiles(served(own), commands.get(i)), "to files: "
                    + String.join(" ", commands.get(i)));
        }
        // without the shell's door (as before a server made it): the JVM client
        Files.delete(serverDirectory.resolve("requests"));
        for (int i = 0; i < commands.size(); i++) {
            assertEquals(alone.get(i), ctys(served(own), commands.get(i)), "JVM client: " + String.join(" ",
                    commands.get(i)));
        }
        assertTrue(alone.get(1).out().contains("mark-1") && alone.get(1).out().contains(work.toString())
                && alone.get(1).out().contains("groups"), alone.get(1).out());
        assertEquals(ExitCodes.USAGE, alone.get(2).code());
        String log = Files.readString(serverDirectory.resolve("server.log"));
        for (String[] command : commands) {
            assertTrue(log.contains("ctys " + List.of(command) + ": exit"), log);
            assertEquals(3, log.lines().filter(l -> l.contains("ctys " + List.of(command) + ": exit")
                    && l.endsWith(" (shell)")).count(), "served without a JVM client: " + log);
            assertEquals(1, log.lines().filter(l -> l.contains("ctys " + List.of(command) + ": exit")
                    && l.endsWith(" (socket)")).count(), "served to a JVM client: " + log);
        }
        // another directory and environment in the next command: the server keeps neither
        CtysRun other = ctys(served(Map.of("CTYS_MARK", "mark-2")), "-t", "CLI", "-a", "create=l:x,cmd:echo%$CTYS_MARK",
                "localhost");
        assertTrue(other.out().contains("mark-2") && !other.out().contains("mark-1"), other.out());
    }

    @Test
    void commandsAtTheSameMomentKeepTheirOwnEnvironmentAndOutputAndLeakNothing() throws Exception {
        startServer();
        for (int i = 0; i < 3; i++) {
            ctys(served(Map.of()), "-t", "CLI", "-a", "create=l:x,cmd:true", "localhost");
        }
        long descriptors = descriptors();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<CtysRun>> runs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String mark = "mark-" + i;
                String[] command = {"-t", "CLI", "-a", "create=l:x,cmd:echo%$CTYS_MARK;exit%" + (mark.length() % 3),
                    "-X", "localhost"};
                boolean fromShell = i % 2 == 0;
                runs.add(clients.submit(() -> fromShell ? shell(served(Map.of("CTYS_MARK", mark)), command)
                        : ctys(served(Map.of("CTYS_MARK", mark)), command)));
            }
            for (int i = 0; i < runs.size(); i++) {
                CtysRun run = runs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                String mark = "mark-" + i;
                assertEquals(mark.length() % 3 == 0 ? 0 : 3, run.code(), run.err());
                assertTrue(run.out().contains(";" + mark + ";") && run.out().split("mark-").length == 2, run.out());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(descriptors, descriptors(), "the server's open descriptors after 24 commands");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void ctrlCStopsTheServedCommandAndItsProcesses(boolean fromShell) throws Exception {
        startServer();
        if (!fromShell) {
            Files.delete(serverDirectory.resolve("requests"));   // the JVM client
        }
        ProcessBuilder builder = new ProcessBuilder(launcher("-t", "CLI", "-a", "create=l:long,cmd:sleep%303.5",
                "localhost")).directory(work.toFile()).redirectErrorStream(true);
        if (!fromShell) {
            builder.redirectOutput(work.resolve("out").toFile());
        }
        builder.environment().put("CTYS_SERVER", "1");
        Process client = builder.start();
        Thread copy = fromShell ? copy(client.getInputStream(), work.resolve("out")) : null;
        for (int i = 0; i < 100 && !running("sleep 303.5"); i++) {
            Thread.sleep(100);
        }
        assertTrue(running("sleep 303.5"), "the command started");
        run("kill", "-INT", Long.toString(client.pid()));
        assertTrue(client.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "the client ended");
        if (copy != null) {
            copy.join(5000);
            assertEquals(130, client.exitValue(), "as a JVM of its own ends after Ctrl-C");
            assertTrue(Files.readString(work.resolve("out")).contains("cancelled"), Files.readString(
                    work.resolve("out")));
            assertTrue(Files.readString(serverDirectory.resolve("server.log")).contains("(shell)"));
        }
        for (int i = 0; i < 50 && running("sleep 303.5"); i++) {
            Thread.sleep(100);
        }
        assertFalse(running("sleep 303.5"), "the command was stopped: " + Files.readString(work.resolve("out")));
        assertTrue(serverAlive(), "the server goes on");
        assertEquals(0, ctys(served(Map.of()), "--expand", "-X", "h1").code());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aServerThatDiesDuringACommandIsReportedAsSuch(boolean fromShell) throws Exception {
        startServer();
        if (!fromShell) {
            Files.delete(serverDirectory.resolve("requests"));   // the JVM client
        }
        ProcessBuilder builder = new ProcessBuilder(launcher("-t", "CLI", "-a", "create=l:long,cmd:sleep%304.5",
                "localhost")).directory(work.toFile()).redirectOutput(work.resolve("out").toFile());
        if (!fromShell) {
            builder.redirectError(work.resolve("err").toFile());
        }
        builder.environment().put("CTYS_SERVER", "1");
        Process client = builder.start();
        Thread copy = fromShell ? copy(client.getErrorStream(), work.resolve("err")) : null;
        for (int i = 0; i < 100 && !running("sleep 304.5"); i++) {
            Thread.sleep(100);
        }
        run("kill", "-KILL", Long.toString(serverPid()));
        try {
            assertTrue(client.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "the client ended");
            if (copy != null) {
                copy.join(5000);
            }
            assertEquals(ExitCodes.ENVIRONMENT, client.exitValue());
            assertTrue(Files.readString(work.resolve("err")).startsWith("ctys: the resident server ended during the "
                    + "command"), Files.readString(work.resolve("err")));
        } finally {
            // the command the killed server started: ours, ended by its pid
            Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 304.5").start();
            for (String pid : new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!pid.isBlank()) {
                    run("kill", pid.strip());
                }
            }
        }
    }

    @Test
    void debugOutputAndOtherJvmOptionsRunInTheClientsOwnProcess() throws Exception {
        startServer();
        CtysRun debug = ctys(served(Map.of()), "-d", "2", "-t", "CLI", "-a", "create=l:x,cmd:true", "localhost");
        assertEquals(0, debug.code(), debug.err());
        assertTrue(debug.err().contains("DEBUG"), debug.err());
        CtysRun declined = shell(served(Map.of()), "-d", "2", "-t", "CLI", "-a", "create=l:x,cmd:true", "localhost");
        assertEquals(0, declined.code(), declined.err());
        assertTrue(declined.err().contains("DEBUG"), "declined from the shell too: " + declined.err());
        assertEquals(new CtysRun(0, ";h1;;;\n", ""), shell(Map.of("CTYS_SERVER", "1", "CTYS_JAVA_OPTS", "-Xmx200m"),
                "--expand", "-X", "h1"));
        CtysRun options = ctys(Map.of("CTYS_SERVER", "1", "CTYS_JAVA_OPTS", "-Xmx200m"), "--expand", "-X", "h1");
        assertEquals(new CtysRun(0, ";h1;;;\n", ""), options);
        String log = Files.readString(serverDirectory.resolve("server.log"));
        assertFalse(log.contains("-d, 2") || log.contains("[--expand, -X, h1]"), log);
        assertTrue(serverAlive(), "a server that declined goes on");
    }

    @Test
    void aNewBuildRetiresTheServer() throws Exception {
        startServer();
        long pid = serverPid();
        Path jar = dist.resolve("lib").resolve("ctys-api-" + Version.current() + ".jar");
        FileTime built = Files.getLastModifiedTime(jar);
        try {
            Files.setLastModifiedTime(jar, FileTime.fromMillis(built.toMillis() + 60_000));
            assertEquals(new CtysRun(0, ";h1;;;\n", ""), shell(served(Map.of()), "--expand", "-X", "h1"));
            for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent(), "the old server left");
        } finally {
            Files.setLastModifiedTime(jar, built);
        }
    }

    @Test
    void refusesASharedDirectoryAndLeavesWhenIdle() throws Exception {
        startServer(Map.of("CTYS_SERVER_IDLE", "2"));
        long pid = serverPid();
        Files.setPosixFilePermissions(serverDirectory, PosixFilePermissions.fromString("rwxr-xr-x"));
        CtysRun refused = shell(served(Map.of()), "--expand", "-X", "h1");
        assertEquals(0, refused.code());
        assertEquals(";h1;;;\n", refused.out());
        assertTrue(refused.err().contains("not using the resident server: " + serverDirectory
                + " is not a private directory of this user"), refused.err());
        Files.setPosixFilePermissions(serverDirectory, PosixFilePermissions.fromString("rwx------"));
        for (int i = 0; i < 100 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent(); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent(), "an idle server leaves");
        assertFalse(Files.exists(serverDirectory.resolve("socket")), "and takes its socket along");
        assertFalse(Files.exists(serverDirectory.resolve("requests")), "and the shell's FIFO");
    }

    @Test
    void theServerIsTheDefaultAndZeroTurnsItOff() throws Exception {
        startServer();
        // empty is what the launcher takes as unset (${CTYS_SERVER:-1})
        assertEquals(new CtysRun(0, ";h1;;;lab\n;h2;;;lab\n", ""), shell(Map.of("CTYS_SERVER", "", "CTYS_GROUPS_PATH",
                "groups"), "--expand", "-X", "@lab"));
        String log = Files.readString(serverDirectory.resolve("server.log"));
        assertTrue(log.contains("[--expand, -X, @lab]: exit 0") && log.contains("(shell)"), log);
        for (String off : List.of("0", "no", "off", "false")) {
            assertEquals(new CtysRun(0, ";h3;;;\n", ""), shell(Map.of("CTYS_SERVER", off), "--expand", "-X", "h3"));
        }
        assertFalse(Files.readString(serverDirectory.resolve("server.log")).contains("h3"), "not served");
        CtysRun bad = shell(Map.of("CTYS_SERVER", "maybe"), "--expand", "-X", "h4");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertEquals("ctys: CTYS_SERVER='maybe': expected 1 (yes, on, true; the default: use the resident server) or "
                + "0 (no, off, false: a JVM of its own for every command)\n", bad.err());
        assertFalse(Files.readString(serverDirectory.resolve("server.log")).contains("h4"), "nothing run");
    }

    /**
     * A served command's processes are the server's children: a client whose processes would inherit other limits,
     * another nice value or other groups is declined, and runs its command itself, from the shell and its JVM.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"nice -n 7|0|7",
        "prlimit --core=4096|1|8", "setpriv --groups 4,27|2|0+4+27",
        "sh -c umask\u00a0077;exec\u00a0\"$0\"\u00a0\"$@\"|3|0077"})
    void aClientWhoseProcessesWouldInheritSomethingElseRunsItsCommandItself(String prefix, int field, String value)
            throws Exception {
        startServer();
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
        for (String word : prefix.split(" ")) {
            argv.add(word.replace('\u00a0', ' '));
        }
        argv.addAll(List.of(dist.resolve("bin/ctys").toString(), "-t", "CLI", "-a",
                "create=l:x,cmd:echo%$(nice)/$(ulimit%-c)/$(id%-G|tr%'%'%+)/$(umask)", "localhost"));
        for (boolean fromShell : new boolean[] {true, false}) {
            if (!fromShell) {
                Files.deleteIfExists(serverDirectory.resolve("requests"));   // the JVM client
            }
            ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile());
            builder.environment().put("CTYS_SERVER", "1");
            CtysRun run = CtysRun.process(builder);
            assertEquals(0, run.code(), run.err());
            // nice, core size in 512-byte blocks (dash), groups, umask
            java.util.regex.Matcher printed = java.util.regex.Pattern.compile(" (\\S+/\\S+/\\S+/\\S+)")
                    .matcher(run.out());
            assertTrue(printed.find(), run.out());
            assertEquals(value, printed.group(1).split("/")[field], prefix + ": " + run.out());
        }
        String log = Files.readString(serverDirectory.resolve("server.log"));
        assertFalse(log.contains("echo%$(nice)"), "declined, both times: " + log);
        assertTrue(serverAlive(), "a server that declined goes on");
    }

    @Test
    void clientsItOnlyDeclinesDoNotKeepTheServerAlive() throws Exception {
        startServer(Map.of("CTYS_SERVER_IDLE", "2"));
        // gone once its socket is (a process that ended looks alive until the slow PID 1 here reaps it)
        Path socket = serverDirectory.resolve("socket");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE, "nice", "-n", "7",
                dist.resolve("bin/ctys").toString(), "--expand", "-X", "h6"));
        long until = System.nanoTime() + 8_000_000_000L;
        int declined = 0;
        while (Files.exists(socket) && System.nanoTime() < until) {
            ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile());
            // CTYS_SERVER_IDLE=0: a client that finds no server starts none (nor one under nice)
            builder.environment().putAll(Map.of("CTYS_SERVER", "1", "CTYS_SERVER_IDLE", "0"));
            assertEquals(new CtysRun(0, ";h6;;;\n", ""), CtysRun.process(builder));
            declined++;
        }
        assertFalse(Files.exists(socket), "the idle server left, though " + declined
                + " clients came and were declined meanwhile");
        assertTrue(declined >= 2, "clients came while it was idle: " + declined);
        String log = Files.readString(serverDirectory.resolve("server.log"));
        assertFalse(log.contains("h6"), "none was served: " + log);
    }

    /**
     * A login session or a systemd unit is a control group of its own, and a served command's processes start in
     * the server's: a command in another group gets a server of its own instead of being declined by this one.
     */
    @Test
    void aCommandInAnotherControlGroupHasAServerOfItsOwn() throws Exception {
        startServer();
        Path group = controlGroups().resolve("ctys-srv-" + ProcessHandle.current().pid());
        Files.createDirectory(group);
        Path other = null;
        try {
            // moved before ip netns exec, which mounts a /sys of the namespace's (without the control groups)
            List<String> argv = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"",
                    group.toString(), "ip", "netns", "exec", NAMESPACE, dist.resolve("bin/ctys").toString(),
                    "--expand", "-X", "h5"));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile());
            builder.environment().put("CTYS_SERVER", "1");
            assertEquals(new CtysRun(0, ";h5;;;\n", ""), CtysRun.process(builder));
            for (int i = 0; i < 300 && other == null; i++) {
                try (var servers = Files.list(serverDirectory.getParent())) {
                    other = servers.filter(d -> d.getFileName().toString().startsWith(
                            serverDirectory.getFileName().toString().replaceAll("-[0-9a-f]{8}$", "-"))
                            && !d.equals(serverDirectory) && Files.exists(d.resolve("socket"))).findFirst()
                            .orElse(null);
                }
                Thread.sleep(100);
            }
            assertTrue(other != null, "a second server started, in the other group");
            assertEquals(new CtysRun(0, ";h5;;;\n", ""), CtysRun.process(builder));
            assertTrue(Files.readString(other.resolve("server.log")).contains("[--expand, -X, h5]: exit 0"),
                    "served by the other group's server");
            assertFalse(Files.readString(serverDirectory.resolve("server.log")).contains("h5"),
                    "not by this group's, nor declined by it");
            assertTrue(Files.readString(Path.of("/proc", Files.readString(other.resolve("pid")).strip(), "cgroup"))
                    .contains(group.getFileName().toString()), "the other server runs in the other group");
        } finally {
            if (other != null) {
                stopServer(other);
                removeDirectory(other);
            }
            // empty once its server left (and was reaped: PID 1 here reaps late)
            for (int i = 0; i < 50 && !Files.readString(group.resolve("cgroup.procs")).isBlank(); i++) {
                Thread.sleep(100);
            }
            Files.delete(group);
        }
    }

    /** @return where a control group hierarchy of version 2 is mounted (a process of it may be moved by root) */
    private static Path controlGroups() throws Exception {
        for (String mount : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] fields = mount.split(" ");
            if (fields[2].equals("cgroup2")) {
                return Path.of(fields[1]);
            }
        }
        throw new org.opentest4j.TestAbortedException("no cgroup2 hierarchy mounted");
    }

    private static Map<String, String> served(Map<String, String> environment) {
        Map<String, String> with = new java.util.HashMap<>(environment);
        with.put("CTYS_SERVER", "1");
        return with;
    }

    /** The first command starts the server (and runs itself); the server is ready once its socket exists. */
    private void startServer() throws Exception {
        startServer(Map.of());
    }

    private void startServer(Map<String, String> environment) throws Exception {
        assertEquals(0, ctys(served(environment), "--expand", "-X", "h1").code());
        for (int i = 0; i < 300 && !Files.exists(serverDirectory.resolve("socket")); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(serverDirectory.resolve("socket")), "the server started");
    }

    private long serverPid() throws Exception {
        return Long.parseLong(Files.readString(serverDirectory.resolve("pid")).strip());
    }

    private long descriptors() throws Exception {
        try (var open = Files.list(Path.of("/proc", Long.toString(serverPid()), "fd"))) {
            return open.count();
        }
    }

    private boolean serverAlive() throws Exception {
        return ProcessHandle.of(serverPid()).filter(ProcessHandle::isAlive).isPresent();
    }

    /** Ends the server this test started, by its pid, when it is still the server. */
    private void stopServer() throws Exception {
        stopServer(serverDirectory);
    }

    private static void stopServer(Path serverDirectory) throws Exception {
        Path pidFile = serverDirectory.resolve("pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("org.ctys.core.server.Server"))
                        .orElse(false));
        if (server.isPresent()) {
            server.get().destroy();
            server.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(Files.exists(serverDirectory.resolve("socket")), "a server stopped by TERM takes its socket");
        }
    }

    private List<String> launcher(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE,
                dist.resolve("bin/ctys").toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private CtysRun ctys(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher(args)).directory(work.toFile());
        builder.environment().put("CTYS_SERVER", "0");   // a JVM of its own, unless told otherwise
        builder.environment().putAll(environment);
        return CtysRun.process(builder);
    }

    /** Runs the launcher with both output streams pipes: a served command then goes through the shell's FIFO. */
    private CtysRun shell(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher(args)).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("CTYS_SERVER", "0");   // a JVM of its own, unless told otherwise
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path err = Files.createTempFile("ctys-err", ".txt");
        try {
            Thread errors = copy(process.getErrorStream(), err);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            errors.join();
            return new CtysRun(code, out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs the launcher with both output streams files (outside the work directory): the shell relays them. */
    private CtysRun shellToFiles(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher(args)).directory(work.toFile());
        builder.environment().put("CTYS_SERVER", "0");   // a JVM of its own, unless told otherwise
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("ctys-out", ".txt");
        Path err = Files.createTempFile("ctys-err", ".txt");
        try {
            Files.writeString(out, "before\n");
            int code = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(err.toFile()).start().waitFor();
            String written = Files.readString(out);
            assertTrue(written.startsWith("before\n"), "appended after what was there: " + written);
            return new CtysRun(code, written.substring("before\n".length()), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Thread copy(java.io.InputStream stream, Path file) {
        Thread copy = new Thread(() -> {
            try (stream) {
                Files.write(file, stream.readAllBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        copy.start();
        return copy;
    }

    private static boolean running(String commandLine) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", commandLine).start();
        return pgrep.waitFor() == 0;
    }

    private static void run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", argv) + ": " + output);
    }
}
