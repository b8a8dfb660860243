package org.ctys.plugin.lab;

import org.ctys.api.EnvironmentException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;

/** Reads a lab file where the action runs: the control host, unless the command names other targets. */
final class LabFiles {

    private LabFiles() {
    }

    /**
     * @param file the lab file as the user named it, relative to the directory ctys runs in
     * @param context the target the action runs on
     * @return the file's text
     * @throws UsageException when the file cannot be read, quoting it
     */
    static String text(String file, PluginContext context) {
        // one character more than the parser takes: a longer file is refused without being read whole
        CommandResult result = context.runner().run(Command.of("head", "-c",
                Long.toString(DataParser.MAX_DOCUMENT_CHARS + 1L), "--", file).asReadOnly());
        if (!result.succeeded()) {
            String reason = result.stderr().strip().lines().reduce((first, next) -> next).orElse("exit "
                    + result.exitCode());
            throw new UsageException("cannot read lab file '" + file + "': " + reason);
        }
        return result.stdout();
    }

    /**
     * @param text a lab file's text
     * @param source where it came from, named in errors
     * @param context the target the action runs on, whose core parses YAML
     * @return the lab
     * @throws UsageException when the text is not a valid lab, naming each problem's line
     */
    static Lab parse(String text, String source, PluginContext context) {
        DataParser parser = context.service(DataParser.class).orElseThrow(() -> new EnvironmentException(
                "this ctys offers plugins no DataParser, which reads lab files"));
        return LabReader.read(parser.yaml(text, source), source);
    }
}
