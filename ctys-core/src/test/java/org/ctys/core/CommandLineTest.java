package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.PluginJar;
import org.ctys.spi.ApiVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exit codes and one-line errors of the command line, black box. */
class CommandLineTest {

    @TempDir
    Path plugins;

    @BeforeEach
    void installAPlugin() throws Exception {
        PluginJar.simple("hello", "HELLO", "GREET").writeTo(plugins, "hello.jar");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-t hello -a frob|unknown action 'FROB' for session type HELLO; expected one of: greet",
        "-t nope -a greet|unknown session type 'nope'; installed: CLI, HELLO",
        "-t hello -a greet=l:a:b|unescaped ':' in the value of 'l' (write '::' for a literal colon) in "
                + "'greet=l:a:b' at column 10",
        "-t hello -a greet=|expected sub-options after '=' in 'greet=' at column 6",
        "-t hello -a greet h1,,h2|expected a target before ',' in 'h1,,h2' at column 4",
        "-t hello -a greet h1:0|expected a port number 1-65535 in 'h1:0' at column 4",
        "-a greet|no session type given for -a greet: add -t <TYPE>, e.g. -t VDE",
        "-t hello|no action given: add -a <ACTION>[=<subopts>], e.g. -a info",
        "--bogus|Unknown option: '--bogus'",
        "-d x -V|Invalid value for option '-d': 'x' is not an int",
        "-H nosuchtopic|unknown help topic 'nosuchtopic'; topics: <TYPE>, environment, exit-codes, man, plugins, setupvde, "
                + "subopts, targets, topics, or a session type: CLI, HELLO",
    })
    void badInputIsExitOneWithOneLineQuotingIt(String args, String message) {
        CtysRun run = CtysRun.ctys(plugins, args.split(" "));
        assertEquals(1, run.code(), run.err());
        assertEquals("ctys: " + message, run.err().lines().findFirst().orElseThrow());
        assertEquals("", run.out());
    }

    @Test
    void declaredValueKindsAndSingleKeysAreCheckedOncePerRunBeforeAnyTarget() throws Exception {
        PluginJar.checked("checked", "CHECKED", "SET", "set[=n:<count>][,b:<bridge>]",
                ".checking(\"n\", ValueKind.INTEGER).checking(\"b\", ValueKind.INTERFACE).once(\"b\")")
                .writeTo(plugins, "checked.jar");
        List<String> fifty = java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(i -> "h" + i).toList();
        for (String[] bad : new String[][] {
            {"set=n:x", "ctys: sub-option 'n:x' of CHECKED set: expected a whole number, e.g. 30\n"},
            {"set=b:br;0", "ctys: sub-option 'b:br;0' of CHECKED set: expected an interface name of 1-15 letters, "
                + "digits, '_', '.' or '-', e.g. br0\n"},
            {"set=b:a,b:b", "ctys: sub-option 'b' of CHECKED set is given more than once; it takes one value: "
                + "b:<bridge>\n"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("-t", "checked", "-a", bad[0]));
            args.addAll(fifty);
            CtysRun run = CtysRun.ctys(plugins, args.toArray(String[]::new));
            assertEquals(1, run.code(), run.err());
            assertEquals(bad[1], run.err(), "one line for fifty targets, before any of them is reached");
        }
        CtysRun good = CtysRun.ctys(plugins, "-t", "checked", "-a", "set=n:3,n:4,b:br0", "-X");
        assertEquals(0, good.code(), good.err());
    }

    @Test
    void theCliTypeRunsACommandAndReportsItsExitStatusAndOutput() {
        CtysRun run = CtysRun.ctys(plugins, "-t", "cli", "-a", "create=l:t1,cmd:echo%out;echo%err%>&2;exit%3",
                "--no-header");
        assertEquals(3, run.code(), run.err());
        assertEquals("localhost  t1  3  out  err\n", run.out());
        assertEquals("ctys: localhost: exit: 'echo out;echo err >&2;exit 3' exited with status 3: err\n", run.err());
        CtysRun bad = CtysRun.ctys(plugins, "-t", "cli", "-a", "create=cmd:true");
        assertEquals(1, bad.code());
        assertEquals("ctys: CLI create needs the sub-option l:<label>: "
                + "create=l:<label>,cmd:<command>[,s:<shell>][,cd:<dir>]"
                + "[,root]\n", bad.err());
    }

    @Test
    void longRunsShowProgressOnATerminal() {
        CtysRun run = CtysRun.of(true, null, Map.of(), "ctys", "-t", "CLI", "-a", "create=l:p,cmd:sleep%0.6",
                "--fanout", "1", "--keep-duplicates", "localhost", "localhost", "localhost");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("\rctys: 2/3 done, 0 failed") && run.err().contains("\rctys: 3/3 done"),
                run.err());
        assertTrue(run.err().endsWith("\r\u001b[K"), "the progress line is cleared before the results");
    }

    @Test
    void noArgumentsPrintsUsageAndExitsOne() {
        CtysRun run = CtysRun.ctys(plugins);
        assertEquals(1, run.code());
        assertTrue(run.err().contains("Usage: ctys [-t <TYPE>]"), run.err());
        assertTrue(run.err().contains("3   one or more targets failed"), run.err());
    }

    @Test
    void versionIsBareWithTerse() {
        assertEquals(Version.current() + "\n", CtysRun.ctys(plugins, "-X", "-V").out());
        assertTrue(CtysRun.ctys(plugins, "-V").out().startsWith("ctys " + Version.current() + " (plugin API " + ApiVersion.current()));
    }

    @Test
    void subOptionsReachThePluginDecoded() {
        CtysRun run = CtysRun.ctys(plugins, "-t", "HELLO", "-a", "greet=cmd:uname%-a,,x", "--json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"subopts\" : \"[SubOption[key=cmd, value=uname -a,x]]\""), run.out());
        assertTrue(run.out().contains("\"dryRun\" : false"), run.out());
        assertTrue(run.out().startsWith("{\n  \"dryRun\" : false,\n  \"exitCode\" : 0,\n  \"ok\" : 1,\n  \"changed\" : 0,\n"
                + "  \"failed\" : 0,"),
                run.out());
    }

    @Test
    void dryRunPrintsEachTargetsExactCommandLinesAndRunsNothing() {
        CtysRun run = CtysRun.ctys(plugins, "-t", "HELLO", "-a", "greet", "--dry-run", "-X", "localhost",
                "root@h1:2222");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("localhost;uname -n", lines[0]);
        assertEquals("localhost;# ok: done", lines[1]);
        // the plugin's record, as the real run would print it
        assertEquals("localhost;# record: plugin=hello action=GREET subopts=[] dryRun=true output=ran on", lines[2]);
        assertTrue(lines[3].startsWith("root@h1:2222;ssh -o BatchMode=yes -o ConnectTimeout=10 "
                + "-o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o ControlMaster=auto"), lines[3]);
        assertTrue(lines[3].contains(" -p 2222 -l root -- h1 '") && lines[3].endsWith("; exec uname -n'"), lines[3]);
    }

    @Test
    void outputOptionsBeforeASubcommandApplyToItsSubcommandsToo() {
        CtysRun run = CtysRun.ctys(plugins, "--json", "plugins", "doctor", "-t", "CLI");
        assertTrue(run.out().startsWith("{\n  \"plugins\" : ["), run.out());
        assertTrue(run.out().contains("\"check\" : \"program sh\""), run.out());
        CtysRun terse = CtysRun.ctys(plugins, "-X", "plugins", "-t", "CLI");
        assertEquals("cli;" + ApiVersion.current() + ";CLI;create;STARTED;(built into ctys);\n", terse.out());
    }

    @Test
    void theCliTypeSendsItsOneCommandWithoutAMultiplexingMaster() {
        CtysRun run = CtysRun.ctys(plugins, "-t", "CLI", "-a", "create=l:x,cmd:true", "--dry-run", "-X", "h1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("h1;ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 "
                + "-o ServerAliveCountMax=3 -- h1 '"), run.out());
        assertFalse(run.out().contains("Control"), run.out());
    }

    @Test
    void theEnvironmentTopicNamesEveryVariableCtysReads() throws Exception {
        CtysRun run = CtysRun.ctys(plugins, "-H", "environment");
        assertEquals(0, run.code(), run.err());
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("CTYS_SOCKBASE", "CTYS_VM_PATH",
                "CTYS_JAVA_OPTS", "JAVA_HOME"));
        for (java.lang.reflect.Field field : org.ctys.core.config.ConfigKeys.class.getFields()) {
            if (field.getName().startsWith("ENV_")) {
                names.add((String) field.get(null));
            }
        }
        for (String name : names) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(name)), name + " in:\n" + run.out());
        }
        assertTrue(CtysRun.ctys(plugins, "-H", "topics").out().contains("environment "));
    }

    @Test
    void pluginHelpComesFromThePlugin() {
        CtysRun run = CtysRun.ctys(plugins, "-H", "hello");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("help of HELLO from plugin hello\n\nActions:\n"
                + "  greet[=k:<v>][,cmd:<command>][,flag]\n      test action\n"),
                run.out());
    }

    @Test
    void setupVdeFaceRejectsStrayActions() {
        CtysRun run = CtysRun.of(null, java.util.Map.of(), "ctys-setupVDE", "create", "check");
        assertEquals(1, run.code());
        assertEquals("ctys-setupVDE: expected exactly one action of create, cancel, check, list, listall, ports, "
                + "info, not 'create check'\n", run.err());
    }

    @Test
    void aFailingTargetIsReportedAndOthersGoOn() {
        CtysRun run = CtysRun.ctys(plugins, "-t", "hello", "-a", "greet", "-X", "localhost", "127.0.0.1:1");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.out().startsWith("localhost;hello;GREET;"), run.out());
        assertTrue(run.err().startsWith("ctys: 127.0.0.1:1: connect: cannot reach 127.0.0.1:1: "), run.err());
    }

    /** Each topic -H topics lists prints what the list says it does, and the list names every topic. */
    @Test
    void everyHelpTopicPrintsWhatTheTopicListSays() {
        Map<String, String> starts = Map.of("topics", "<TYPE>", "man", "NAME\n       ctys - ",
                "setupvde", "NAME\n       ctys-setupVDE - ", "subopts", "Sub-options: ", "exit-codes", "0  all OK",
                "plugins", "Plugins are PF4J plugin jars. ctys loads every *.jar in <install>/plugins, "
                        + "~/.ctys/plugins",
                "targets", "Targets: ", "environment", "CTYS_CONFIG ");
        CtysRun list = CtysRun.of(null, Map.of(), "ctys", "-H", "topics");
        assertEquals(new java.util.TreeSet<>(starts.keySet()), list.out().lines().map(l -> l.split(" ")[0])
                .filter(topic -> !topic.equals("<TYPE>")).collect(java.util.stream.Collectors.toCollection(
                        java.util.TreeSet::new)), list.out());
        starts.forEach((topic, start) -> {
            CtysRun run = CtysRun.of(null, Map.of(), "ctys", "-H", topic);
            assertEquals(0, run.code(), topic + ": " + run.err());
            assertTrue(run.out().startsWith(start), topic + " prints " + run.out());
        });
    }
}
