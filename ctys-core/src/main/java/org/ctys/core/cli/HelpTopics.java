package org.ctys.core.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ctys.api.UsageException;
import org.ctys.core.ExitCodes;
import org.ctys.core.Invocation;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.CtysPlugin;

/** The extended help of {@code -H <topic>}, as the original's {@code -H}: topics, man pages, plugin help. */
final class HelpTopics {

    private static final Map<String, String> TOPICS = new TreeMap<>(Map.of(
            "topics", "this list",
            "man", "the ctys(1) manual page",
            "setupvde", "the ctys-setupVDE(1) manual page",
            "subopts", "the sub-option grammar of -a ACTION=<subopts>",
            "exit-codes", "what each exit code means",
            "plugins", "where plugins are found and how they are vetted",
            "targets", "targets, context options, GROUPS, MACROS, host ranges, precedence",
            "environment", "the environment variables ctys reads",
            "<TYPE>", "a session type's own help, e.g. -H VDE"));

    private static final String SUBOPTS = """
            Sub-options: -a <ACTION>=<key>[:<value>][,<key>[:<value>]]...

            Keys are matched ignoring case; a key may repeat (cancel=l:a,l:b); a key without a value is a flag.
            Inside a value:
              ,,   a literal comma            ::   a literal colon
              %%   a literal percent sign     %    a space (cmd:uname%-a is 'uname -a')
              \\,  \\:  \\%  \\\\  \\<space>   the character itself
            A single ':' inside a value is an error (write '::'), except in a MAC address (m:00:50:56:13:11:3c).
            Examples: create=l:test,cmd:uname%-a   cancel=l:tst000,l:tst001   cmd:a::b -> 'a:b'
            """;

    private static final String EXIT_CODES = """
            0  all OK
            1  erroneous parameters: a bad option, address, sub-option, session type or action
            2  a missing environment element: a plugin, tool, file, socket or privilege, or an action that
               is not available yet
            3  one or more targets failed while others may have succeeded; every target's outcome is printed
            """;

    private static final String TARGETS = """
            Targets: [user@]host[:port]  [v6addr]:port  @group  group/path  lab[01-20]  node[1-3,7]  {h1,h2}
              separated by spaces or commas; none means the local host (no ssh); localhost and $USER@localhost
              are local too. 'ctys --expand <targets>' shows what they become, running nothing.
            Host ranges as ClusterShell writes them: lab[01-20], node[1-3,7], steps n[1-10/3] (n1 n4 n7 n10),
              several brackets r[1-2]n[01-04]; a bound with a leading zero sets the width of both.
            Context options: host'(-d 1 -Z SUDO)' for one target; a leading '(...)' for all of them. They are
              ctys options (as the original's getopts string: -a -A -b -d -D -c -C -F -g -H -j -k -l -L -M -o -O
              -p -r -s -S -t -T -W -x -z -Z take a value, -E -f -h -n -v -V -w -X -y -Y do not), plus -u and -i
              of ctys-setupVDE. -l and -Z act on the target; -b -i -u -g -s -S -f are the VDE switch's options.
            Precedence, lowest first, a later value of the same option winning: command-line options, the leading
              '(...)', then per group level from the outermost in: the group's CONTEXT line, the options on the
              reference to the group; last the target's own. Options of one target never reach another.
              user@ beats a -l context option, which beats ctys -l; user@group and group:port are defaults for
              the group's members.
            Group or host: @name and names with '/' are groups and must exist; a bare name is a group when a file
              of that name exists in a group directory, else a host; never looked up in the current directory.
            GROUPS: files in CTYS_GROUPS_PATH (default ~/.ctys/groups:/etc/ctys/groups). Per line: members as on
              the command line (several per line, comma- or space-separated), '# comment', '#include g1,g2'
              (expanded in place), CONTEXT'(options)' for all members of the file. A target named twice keeps
              its first occurrence (--keep-duplicates keeps all). A cycle is an error naming file:line and chain.
            MACROS: MACRO:<name>[%<file>][%OPTIONAL] anywhere on the command line, from files in CTYS_MACRO_PATH
              (default ~/.ctys/macros:/etc/ctys/macros; file 'default' unless %<file>). Lines NAME = value, '\'
              continues, '#' comments; nested macros resolve in the same file. Undefined: error (exit 1) unless
              %OPTIONAL; a missing file: exit 2; %EVAL is refused.
            """;

    private static final String PLUGINS = """
            Plugins are PF4J plugin jars. ctys loads every *.jar in <install>/plugins, ~/.ctys/plugins,
            /etc/ctys/plugins, the directories of plugins.path in the configuration file, then those of
            CTYS_PLUGINS_PATH (':'-separated); a directory that does not exist is skipped. A jar registers its
            org.ctys.spi.CtysPlugin implementation in META-INF/services and names itself with Plugin-Id and
            Plugin-Version in its manifest.
            A plugin directory, the directories above it, and every jar must be owned by you or root and not be
            writable by group or others (a sticky directory such as /tmp may be); otherwise it is refused.
            A duplicate plugin id or a session type claimed by two plugins is reported, never shadowed.
            'ctys plugins' lists them; 'ctys plugins <targets>' checks their prerequisites on the targets.
            """;

    private static final String ENVIRONMENT = """
            CTYS_CONFIG        the configuration file, instead of ~/.ctys/ctys.yaml and /etc/ctys/ctys.yaml
            CTYS_PLUGINS_PATH  more plugin directories (':'-separated), after the configured ones
            CTYS_SSH_CONFIG    the ssh configuration file (--ssh-config beats it, it beats ssh.config)
            CTYS_GROUPS_PATH   group directories (':'-separated), replacing groups.path
            CTYS_MACRO_PATH    macro directories (':'-separated), replacing macros.path
            CTYS_SOCKBASE      the directory on each target for sockets, pid and state files (default /var/tmp)
            CTYS_VM_PATH       guest definition directories on each target (default ~/.ctys/vms:/etc/ctys/vms)
            CTYS_JAVA_OPTS     extra JVM options for the launcher
            CTYS_VDE_CONFIRM_SECONDS  how long a host waits for a VDE create -i to confirm the move before it gives
                               the interface back by itself (default 60)
            JAVA_HOME          the JDK the launcher uses (default: java on the PATH)
            """;

    private final Invocation invocation;

    HelpTopics(Invocation invocation) {
        this.invocation = invocation;
    }

    /** @return the topic names {@code -H} takes besides the session types */
    static List<String> topics() {
        return TOPICS.keySet().stream().filter(topic -> !topic.startsWith("<")).toList();
    }

    int show(String topic) {
        switch (topic.toLowerCase(Locale.ROOT)) {
            case "topics" -> TOPICS.forEach((name, what) -> invocation.out().printf("%-12s %s%n", name, what));
            case "man" -> invocation.out().print(Manual.render(Cli.commandLine(invocation, "ctys")));
            case "setupvde", "ctys-setupvde" -> invocation.out()
                    .print(Manual.render(Cli.commandLine(invocation, "ctys-setupVDE")));
            case "subopts" -> invocation.out().print(SUBOPTS);
            case "exit-codes" -> invocation.out().print(EXIT_CODES);
            case "plugins" -> invocation.out().print(PLUGINS);
            case "targets" -> invocation.out().print(TARGETS);
            case "environment" -> invocation.out().print(ENVIRONMENT);
            default -> invocation.out().print(pluginHelp(topic));
        }
        return ExitCodes.OK;
    }

    private String pluginHelp(String topic) {
        PluginRegistry registry = invocation.loadPlugins();
        PluginRegistry.Binding binding;
        try {
            binding = ActionRun.resolve(registry, topic);
        } catch (UsageException e) {
            throw new UsageException("unknown help topic '" + topic + "'; topics: " + String.join(", ",
                    TOPICS.keySet()) + ", or a session type: " + String.join(", ",
                    registry.sessionTypes().keySet()));
        }
        CtysPlugin extension = binding.extension();
        StringBuilder text = new StringBuilder(extension.help().strip()).append("\n\nActions:\n");
        for (ActionDescriptor action : extension.actions()) {
            text.append("  ").append(action.synopsis()).append("\n      ").append(action.summary()).append('\n');
        }
        text.append("\nPlugin: ").append(binding.plugin().id()).append(' ').append(binding.plugin().version())
                .append(" from ").append(binding.plugin().location()).append('\n');
        return text.toString();
    }
}
