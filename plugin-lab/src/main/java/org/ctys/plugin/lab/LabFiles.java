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
     * @return the lab
     * @throws UsageException when the file cannot be read or is not a valid lab, quoting it
     */
    static Lab read(String file, PluginContext context) {
        DataParser parser = context.service(DataParser.class).orElseThrow(() -> new EnvironmentException(
                "this ctys offers plugins no DataParser, which reads lab files"));
        // one character more than the parser takes: a longer file is refused without being read whole
        CommandResult result = context.runner().run(Command.of("head", "-c",
                Long.toString(DataParser.MAX_DOCUMENT_CHARS + 1L), "--", file).asReadOnly());
        if (!result.succeeded()) {
            String reason = result.stderr().strip().lines().reduce((first, next) -> next).orElse("exit "
                    + result.exitCode());
            throw new UsageException("cannot read lab file '" + file + "': " + reason);
        }
        return LabReader.read(parser.yaml(result.stdout(), file), file);
    }
}
