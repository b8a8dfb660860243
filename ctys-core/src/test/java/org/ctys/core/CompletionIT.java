package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distribution's bash and zsh completion, run by the real shells against the real launchers: actions,
 * session types (an installed plugin's too), -Z values, -H topics, groups after @ and each action's sub-option keys.
 */
class CompletionIT {

    @TempDir
    static Path scratch;
    private static Path dist;
    private static Map<String, String> environment;

    @BeforeAll
    static void setUp() throws IOException {
        dist = SystemTests.distribution();
        SystemTests.requireRootAnd("bash", "zsh");
        Path plugins = Files.createDirectories(scratch.resolve("plugins"));
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
        Path groups = Files.createDirectories(scratch.resolve("groups/site"));
        Files.writeString(scratch.resolve("groups/lab"), "h1 h2\n");
        Files.writeString(groups.resolve("rack1"), "h3\n");
        Files.writeString(scratch.resolve("groups/.hidden"), "h4\n");
        environment = Map.of("PATH", dist.resolve("bin") + ":" + System.getenv("PATH"), "DIST", dist.toString(),
                "CTYS_PLUGINS_PATH", plugins.toString(), "CTYS_GROUPS_PATH", scratch.resolve("groups").toString());
    }

    /** @return what {@code shell} offers on TAB at the end of {@code line}, as the words the line would end in */
    private static List<String> complete(String shell, String line) throws Exception {
        return complete(shell, line, environment);
    }

    /** The same with the variables {@code env}: {@code DIST}, or {@code COMPLETION} naming the script, and PATH. */
    static List<String> complete(String shell, String line, Map<String, String> env) throws Exception {
        Path script = Path.of(CompletionIT.class.getResource("/completion/complete." + shell).toURI());
        ProcessBuilder builder = new ProcessBuilder(shell, shell.equals("zsh") ? "-f" : "--norc", script.toString(),
                line);
        builder.environment().putAll(env);
        CtysRun run = CtysRun.process(builder);
        assertEquals(0, run.code(), run.err());
        String current = line.substring(line.lastIndexOf(' ') + 1);
        // bash replaces only the part after the last '=' or ':'; put the word together as the user sees it
        String before = shell.equals("bash") ? current.replaceFirst("[^=:]*$", "") : "";
        return run.out().lines().map(word -> word.equals("nospace") || word.equals("default") ? word
                : before.isEmpty() || word.startsWith(before) ? word : before + word.replaceFirst("^[=:]", ""))
                .sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void offersTheSessionTypesOfEveryInstalledPlugin(String shell) throws Exception {
        assertEquals(List.of("CLI", "HELLO", "KVM", "LAB", "QEMU", "VDE"), complete(shell, "ctys -t "));
        assertEquals(List.of("VDE"), complete(shell, "ctys -t v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void offersTheActionsOfTheType(String shell) throws Exception {
        assertEquals(List.of("greet"), complete(shell, "ctys -t HELLO -a "));
        assertEquals(List.of("cancel", "check", "create"), complete(shell, "ctys -t VDE -a c"));
        assertEquals(List.of("cancel", "check", "create"), complete(shell, "ctys-setupVDE c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void offersEachActionsSubOptionKeysWithoutASpace(String shell) throws Exception {
        assertEquals(List.of("greet=cmd:", "greet=flag", "greet=k:", "nospace"),
                complete(shell, "ctys -t HELLO -a greet="));
        assertEquals(List.of("create=b:br0,f", "create=b:br0,g:", "create=b:br0,i:", "create=b:br0,legacy",
                "create=b:br0,mgmt:", "create=b:br0,sock:", "create=b:br0,stp", "create=b:br0,u:", "nospace"),
                complete(shell, "ctys -t VDE -a create=b:br0,"));
        assertEquals(List.of("cancel=u:x,f"), complete(shell, "ctys -t VDE -a cancel=u:x,f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void offersEscalationsTopicsAndOptions(String shell) throws Exception {
        assertEquals(List.of("KSU", "NONE", "SUDO"), complete(shell, "ctys -Z "));
        assertEquals(List.of("CLI", "HELLO", "KVM", "LAB", "QEMU", "VDE", "environment", "exit-codes", "man",
                "plugins", "setupvde", "subopts", "targets", "topics"), complete(shell, "ctys -H "));
        assertEquals(List.of("--fail-fast", "--fanout"), complete(shell, "ctys --fa"));
        assertEquals(List.of("doctor"), complete(shell, "ctys plugins "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void offersGroupNamesAfterTheAtSign(String shell) throws Exception {
        assertEquals(List.of("@lab", "@site/rack1"), complete(shell, "ctys -t VDE -a list @"));
        assertEquals(List.of("@site/rack1"), complete(shell, "ctys-setupVDE -r @s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void leavesFileNamesToTheShellWhereItHasNothing(String shell) throws Exception {
        assertEquals(shell.equals("zsh") ? List.of("default") : List.of(),
                complete(shell, "ctys --ssh-config ./"));
    }
}
