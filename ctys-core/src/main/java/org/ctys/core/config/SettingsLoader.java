package org.ctys.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ctys.api.EnvironmentException;
import org.ctys.api.UsageException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the settings: built-in defaults, then the first configuration file found (SnakeYAML, safe loading: plain
 * maps, lists, strings and numbers only), then the environment. Unknown keys and wrong types are errors that name
 * the file and the key, never silently ignored.
 */
public final class SettingsLoader {

    private static final Set<String> KNOWN = Set.of(ConfigKeys.PLUGINS_PATH, ConfigKeys.SSH_CONFIG,
            ConfigKeys.SSH_CONNECT_TIMEOUT, ConfigKeys.FAN_OUT, ConfigKeys.GROUPS_PATH, ConfigKeys.MACROS_PATH);

    private SettingsLoader() {
    }

    /**
     * @param environment the environment variables
     * @return the settings of this run
     * @throws UsageException when the configuration file is malformed
     * @throws EnvironmentException when {@value ConfigKeys#ENV_CONFIG} names a file that cannot be read
     */
    public static Settings load(Map<String, String> environment) {
        return load(environment, Path::of);
    }

    /**
     * @param environment the environment variables
     * @param paths turns a path as written in a setting into one (a relative one against the working directory of
     *              the command)
     * @return the settings of this run
     * @throws UsageException when the configuration file is malformed
     * @throws EnvironmentException when {@value ConfigKeys#ENV_CONFIG} names a file that cannot be read
     */
    public static Settings load(Map<String, String> environment, Function<String, Path> paths) {
        Settings settings = Settings.defaults(environment.get("HOME"));
        Path file = configFile(environment, paths);
        if (file != null) {
            settings = apply(settings, file, read(file), paths);
        }
        List<Path> plugins = new ArrayList<>(settings.pluginsPath());
        for (String entry : environment.getOrDefault(ConfigKeys.ENV_PLUGINS_PATH, "").split(":")) {
            if (!entry.isBlank()) {
                plugins.add(paths.apply(entry));
            }
        }
        String ssh = environment.get(ConfigKeys.ENV_SSH_CONFIG);
        Path sshConfig = ssh == null || ssh.isBlank() ? settings.sshConfig() : paths.apply(ssh);
        return new Settings(plugins, sshConfig, settings.connectTimeout(), settings.fanOut(),
                pathVariable(environment, ConfigKeys.ENV_GROUPS_PATH, settings.groupsPath(), paths),
                pathVariable(environment, ConfigKeys.ENV_MACRO_PATH, settings.macrosPath(), paths),
                settings.source());
    }

    /** A search path from the environment replaces the configured one, as PATH does. */
    private static List<Path> pathVariable(Map<String, String> environment, String name, List<Path> configured,
                                           Function<String, Path> paths) {
        String value = environment.get(name);
        if (value == null) {
            return configured;
        }
        List<Path> result = new ArrayList<>();
        for (String entry : value.split(":")) {
            if (!entry.isBlank()) {
                result.add(paths.apply(entry));
            }
        }
        return result;
    }

    private static Path configFile(Map<String, String> environment, Function<String, Path> paths) {
        String explicit = environment.get(ConfigKeys.ENV_CONFIG);
        if (explicit != null && !explicit.isBlank()) {
            Path file = paths.apply(explicit);
            if (!Files.isReadable(file)) {
                throw new EnvironmentException("configuration file " + file + " (from " + ConfigKeys.ENV_CONFIG
                        + ") cannot be read");
            }
            return file;
        }
        String home = environment.getOrDefault("HOME", "");
        for (String candidate : ConfigKeys.DEFAULT_FILES) {
            if (candidate.startsWith("~/") && home.isEmpty()) {
                continue;
            }
            Path file = Path.of(candidate.startsWith("~/") ? home + candidate.substring(1) : candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (document == null) {
                return Map.of();
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new UsageException("configuration file " + file + " must be a map of keys, not "
                        + document.getClass().getSimpleName());
            }
            Map<String, Object> flat = new java.util.LinkedHashMap<>();
            flatten("", map, flat, file);
            return flat;
        } catch (MarkedYAMLException e) {
            throw new UsageException("configuration file " + file + " line " + (e.getProblemMark().getLine() + 1)
                    + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new UsageException("configuration file " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new EnvironmentException("configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat, Path file) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested && !KNOWN.contains(key)) {
                flatten(key + ".", nested, flat, file);
            } else if (!KNOWN.contains(key)) {
                throw new UsageException("configuration file " + file + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KNOWN)));
            } else {
                flat.put(key, entry.getValue());
            }
        }
    }

    private static Settings apply(Settings defaults, Path file, Map<String, Object> values,
                                  Function<String, Path> paths) {
        List<Path> plugins = new ArrayList<>(defaults.pluginsPath());
        plugins.addAll(directories(file, values, ConfigKeys.PLUGINS_PATH, List.of(), paths));
        Object ssh = values.get(ConfigKeys.SSH_CONFIG);
        if (ssh != null && !(ssh instanceof String)) {
            throw typeError(file, ConfigKeys.SSH_CONFIG, "a file name", ssh);
        }
        int timeout = number(file, values, ConfigKeys.SSH_CONNECT_TIMEOUT,
                (int) defaults.connectTimeout().toSeconds(), 3600);
        int fanOut = number(file, values, ConfigKeys.FAN_OUT, defaults.fanOut(), 1024);
        return new Settings(plugins, ssh == null ? defaults.sshConfig() : paths.apply((String) ssh),
                Duration.ofSeconds(timeout), fanOut,
                directories(file, values, ConfigKeys.GROUPS_PATH, defaults.groupsPath(), paths),
                directories(file, values, ConfigKeys.MACROS_PATH, defaults.macrosPath(), paths), file);
    }

    private static List<Path> directories(Path file, Map<String, Object> values, String key, List<Path> fallback,
                                          Function<String, Path> paths) {
        Object path = values.get(key);
        if (path == null) {
            return fallback;
        }
        if (!(path instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
            throw typeError(file, key, "a list of directories", path);
        }
        return list.stream().map(e -> paths.apply((String) e)).toList();
    }

    private static int number(Path file, Map<String, Object> values, String key, int fallback, int max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer number) || number < 1 || number > max) {
            throw typeError(file, key, "a whole number from 1 to " + max, value);
        }
        return number;
    }

    private static UsageException typeError(Path file, String key, String expected, Object value) {
        return new UsageException("configuration file " + file + ": '" + key + "' must be " + expected + ", not '"
                + value + "'");
    }
}
