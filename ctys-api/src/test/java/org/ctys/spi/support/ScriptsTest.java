package org.ctys.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.api.exec.Command;
import org.junit.jupiter.api.Test;

/** Resource scripts: read beside their class, run as {@code sh -c} with their name and arguments. */
class ScriptsTest {

    @Test
    void aScriptRunsWithItsNameAndArgumentsAndTheLivenessCheckBeforeIt() throws Exception {
        Command command = Scripts.command(ScriptsTest.class, "hello.sh", "it's $(id)");
        assertEquals(List.of("sh", "-c"), command.argv().subList(0, 2));
        assertTrue(command.argv().get(2).startsWith("ctys_alive() {"));
        assertEquals(List.of("hello", "it's $(id)"), command.argv().subList(3, 5));
        Process sh = new ProcessBuilder(command.argv()).start();
        assertEquals("hello it's $(id)\n", new String(sh.getInputStream().readAllBytes()));
        assertEquals(0, sh.waitFor());
    }

    @Test
    void aMissingScriptIsAPackagingMistakeNamedAsSuch() {
        assertEquals("missing resource nope.sh beside " + ScriptsTest.class.getName(), assertThrows(
                IllegalStateException.class, () -> Scripts.text(ScriptsTest.class, "nope.sh")).getMessage());
    }
}
