package org.ctys.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ctys.api.EnvironmentException;
import org.ctys.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path home;

    private Path config(String yaml) throws Exception {
        Path file = home.resolve(".ctys/ctys.yaml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    @Test
    void defaultsApplyWithoutAFile() {
        Settings defaults = SettingsLoader.load(Map.of("HOME", home.toString()));
        assertEquals(Settings.defaults(home.toString()), defaults);
        assertEquals(List.of(home.resolve(".ctys/groups"), Path.of("/etc/ctys/groups")), defaults.groupsPath());
        assertEquals(List.of(home.resolve(".ctys/macros"), Path.of("/etc/ctys/macros")), defaults.macrosPath());
    }

    @Test
    void theFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws Exception {
        Path file = config("""
                plugins:
                  path: [/opt/a, /opt/b]
                ssh:
                  config: /etc/ctys/ssh_config
                  connectTimeout: 3
                fanOut: 8
                groups:
                  path: [/srv/groups]
                """);
        Settings fromFile = SettingsLoader.load(Map.of("HOME", home.toString()));
        // plugin directories add to the default ones, ~/.ctys/plugins and /etc/ctys/plugins
        assertEquals(new Settings(List.of(home.resolve(".ctys/plugins"), Path.of("/etc/ctys/plugins"),
                Path.of("/opt/a"), Path.of("/opt/b")), Path.of("/etc/ctys/ssh_config"),
                Duration.ofSeconds(3), 8, List.of(Path.of("/srv/groups")),
                List.of(home.resolve(".ctys/macros"), Path.of("/etc/ctys/macros")), file), fromFile);
        Settings withEnvironment = SettingsLoader.load(Map.of("HOME", home.toString(), "CTYS_PLUGINS_PATH",
                "/x:/y", "CTYS_SSH_CONFIG", "/z", "CTYS_GROUPS_PATH", "/g1:/g2"));
        assertEquals(List.of(Path.of("/g1"), Path.of("/g2")), withEnvironment.groupsPath());
        assertEquals(List.of(home.resolve(".ctys/plugins"), Path.of("/etc/ctys/plugins"), Path.of("/opt/a"),
                Path.of("/opt/b"), Path.of("/x"), Path.of("/y")), withEnvironment.pluginsPath());
        assertEquals(Path.of("/z"), withEnvironment.sshConfig());
    }

    @Test
    void unknownKeysAndWrongTypesNameTheFileAndKey() throws Exception {
        Path file = config("ssh:\n  conect: 3\n");
        assertEquals("configuration file " + file + ": unknown key 'ssh.conect'; known keys: fanOut, "
                + "groups.path, macros.path, plugins.path, ssh.config, ssh.connectTimeout",
                assertThrows(UsageException.class, () -> SettingsLoader.load(Map.of("HOME", home.toString())))
                        .getMessage());
        config("fanOut: many\n");
        assertEquals("configuration file " + file + ": 'fanOut' must be a whole number from 1 to 1024, not 'many'",
                assertThrows(UsageException.class, () -> SettingsLoader.load(Map.of("HOME", home.toString())))
                        .getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        config("fanOut: 3\nplugins: [unclosed\n");
        assertTrue(assertThrows(UsageException.class, () -> SettingsLoader.load(Map.of("HOME", home.toString())))
                .getMessage().contains(" line 3: "));
    }

    @Test
    void onlyPlainDataIsLoaded() throws Exception {
        config("fanOut: !!java.lang.ProcessBuilder [touch, /tmp/ctys-pwned]\n");
        assertThrows(UsageException.class, () -> SettingsLoader.load(Map.of("HOME", home.toString())));
        assertTrue(Files.notExists(Path.of("/tmp/ctys-pwned")));
    }

    @Test
    void anExplicitConfigFileMustExist() {
        assertThrows(EnvironmentException.class, () -> SettingsLoader.load(Map.of("CTYS_CONFIG", "/no/such.yaml")));
    }
}
