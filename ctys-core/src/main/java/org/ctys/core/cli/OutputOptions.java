package org.ctys.core.cli;

import org.ctys.core.output.OutputFormat;
import picocli.CommandLine.Option;

/** The output options every command shares: {@code -X} terse records, {@code --json} for programs. */
final class OutputOptions {

    @Option(names = "-X", description = "Terse output: one ';'-separated record per line, no header; "
            + "with -V the bare version.")
    boolean terse;

    @Option(names = "--json", description = "Output JSON (an array of objects).")
    boolean json;

    OutputFormat format(OutputOptions inherited) {
        if (json || inherited != null && inherited.json) {
            return OutputFormat.JSON;
        }
        return terse || inherited != null && inherited.terse ? OutputFormat.TERSE : OutputFormat.TABLE;
    }
}
