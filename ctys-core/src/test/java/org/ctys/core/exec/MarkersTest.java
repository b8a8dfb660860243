package org.ctys.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.api.exec.CommandResult;
import org.junit.jupiter.api.Test;

/** The marker protocol, against the output of the real sh running {@link Markers#END}. */
class MarkersTest {

    private static CommandResult sh(String script) {
        return ProcessRunner.run(ProcessEnvironment.INHERITED, List.of("sh", "-c", script), null, java.util.Map.of(),
                null, null);
    }

    @Test
    void stepsEndWithTheirMarksOnBothStreamsWhateverTheirOutput() {
        Markers markers = new Markers();
        String first = markers.mark("0");
        String second = markers.mark("1");
        CommandResult run = sh("m=" + first + "; printf 'no newline'; printf 'err' >&2; r=3; " + Markers.END
                + "\nm=" + second + "; echo line; echo " + first + " 0; r=0; " + Markers.END + "\n");
        Markers.Ended one = Markers.find(run.stdout(), run.stderr(), first, 0, 0).orElseThrow();
        assertEquals(3, one.exitCode());
        assertEquals("no newline", one.stdout());
        assertEquals("err", one.stderr());
        Markers.Ended two = Markers.find(run.stdout(), run.stderr(), second, one.outEnd(), one.errEnd())
                .orElseThrow();
        assertEquals(0, two.exitCode());
        // a command that prints another step's mark does not end anything: marks are looked for after its start
        assertEquals("line\n" + first + " 0\n", two.stdout());
        assertEquals("", two.stderr());
    }

    @Test
    void aStepIsNotEndedUntilBothStreamsSaySo() {
        String mark = new Markers().mark("ran");
        assertTrue(Markers.find("out\n" + mark + " 0\n", "", mark, 0, 0).isEmpty());
        assertTrue(Markers.find("out\n" + mark + " 0", mark + "\n", mark, 0, 0).isEmpty(), "its line is not whole");
        assertTrue(Markers.find("out\n" + mark + " 0\n", mark + "\n", mark, 0, 0).isPresent());
    }

    @Test
    void everyScriptHasMarksOfItsOwn() {
        assertNotEquals(new Markers().mark("0"), new Markers().mark("0"));
    }
}
