package org.ctys.core.config;

/**
 * Every configuration key and environment variable ctys reads, in one place. The configuration file is YAML:
 *
 * <pre>
 * plugins:
 *   path: [/opt/ctys/plugins]      # more plugin directories
 * groups:
 *   path: [/srv/ctys/groups]       # group directories; default ~/.ctys/groups, /etc/ctys/groups
 * macros:
 *   path: [/srv/ctys/macros]       # macro directories; default ~/.ctys/macros, /etc/ctys/macros
 * ssh:
 *   config: /etc/ctys/ssh_config   # ssh -F; default: the user's own configuration
 *   connectTimeout: 10             # seconds
 * fanOut: 64                       # targets worked on at once
 * </pre>
 */
public final class ConfigKeys {

    /** Environment: the configuration file to read instead of the default locations; it must exist. */
    public static final String ENV_CONFIG = "CTYS_CONFIG";
    /** Environment: more plugin directories, {@code :}-separated, after those of the configuration file. */
    public static final String ENV_PLUGINS_PATH = "CTYS_PLUGINS_PATH";
    /** Environment: the ssh configuration file, overriding {@value #SSH_CONFIG}. */
    public static final String ENV_SSH_CONFIG = "CTYS_SSH_CONFIG";

    /** Environment: the group directories, {@code :}-separated, replacing {@value #GROUPS_PATH}. */
    public static final String ENV_GROUPS_PATH = "CTYS_GROUPS_PATH";
    /** Environment: the macro directories, {@code :}-separated, replacing {@value #MACROS_PATH}. */
    public static final String ENV_MACRO_PATH = "CTYS_MACRO_PATH";

    /** Key: a list of group directories. */
    public static final String GROUPS_PATH = "groups.path";
    /** Key: a list of macro directories. */
    public static final String MACROS_PATH = "macros.path";
    /** Key: a list of plugin directories. */
    public static final String PLUGINS_PATH = "plugins.path";
    /** Key: the ssh configuration file. */
    public static final String SSH_CONFIG = "ssh.config";
    /** Key: the ssh connect timeout in seconds, 1 to 3600. */
    public static final String SSH_CONNECT_TIMEOUT = "ssh.connectTimeout";
    /** Key: how many targets are worked on at once, 1 to 1024. */
    public static final String FAN_OUT = "fanOut";

    /** The configuration files looked for, in order, when {@value #ENV_CONFIG} is not set ({@code ~} is HOME). */
    public static final String[] DEFAULT_FILES = {"~/.ctys/ctys.yaml", "/etc/ctys/ctys.yaml"};

    private ConfigKeys() {
    }
}
