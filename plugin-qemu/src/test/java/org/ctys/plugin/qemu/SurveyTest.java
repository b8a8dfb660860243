package org.ctys.plugin.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.DataParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey's script, run by sh here as it is on a target. */
class SurveyTest {

    @TempDir
    Path dir;

    /** A huge definition costs neither time nor memory: it arrives cut just past what the parser could take. */
    @Test
    void aDefinitionIsReadNoFurtherThanTheParserCouldTake() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "x".repeat(6 << 20));
        Files.writeString(dir.resolve("small.yaml"), "label: small\n");
        List<String> argv = Survey.command(dir.toString(), List.of("d:" + dir)).argv();
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals(0, process.waitFor());
        Survey survey = Survey.of(new CommandResult(0, out, "", java.time.Duration.ZERO));
        assertEquals(2, survey.files().size(), survey.files().toString());
        assertEquals(4L * DataParser.MAX_DOCUMENT_CHARS + 1, survey.files().get(0).text().length());
        assertEquals("label: small\n", survey.files().get(1).text());
    }
}
