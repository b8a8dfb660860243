package org.ctys.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ctys.api.exec.CommandResult;
import org.junit.jupiter.api.Test;

class RemoteShellTest {

    private static final List<String> HOSTILE = List.of("plain", "", "two words", "it's", "\"dq\"", "$(id)",
            "`id`", "a;b", "*", "~", "new\nline", "tab\tx", "ünïcødé", "\\", "!x", "a'b'c", "-n", "%s", "$HOME",
            "{a,b}", "#c", "x=y", "&", "|");

    @Test
    void aPosixShellSplitsTheQuotedLineBackIntoTheSameArgv() {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(HOSTILE);
        CommandResult result = ProcessRunner.run(ProcessEnvironment.INHERITED, List.of("sh", "-c", RemoteShell.quote(argv)), null,
                java.util.Map.of(), null, null);
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(HOSTILE, Arrays.asList(result.stdout().split("\0", -1)).subList(0, HOSTILE.size()));
    }

    @Test
    void plainWordsStayUnquoted() {
        assertEquals("ip link set tap0 up", RemoteShell.quote(List.of("ip", "link", "set", "tap0", "up")));
        assertEquals("echo '' 'a b' 'it'\\''s'", RemoteShell.quote(List.of("echo", "", "a b", "it's")));
    }
}
