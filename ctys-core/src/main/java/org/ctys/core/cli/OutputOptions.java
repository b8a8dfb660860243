package org.ctys.core.cli;

import org.ctys.core.output.OutputFormat;
import picocli.CommandLine.Option;

/** The output options every command shares: {@code -X} terse records, {@code --json} for programs. */
final class OutputOptions {

    @Option(names = "-X", description = "Terse output: one ';'-separated record per line, no header; "
            + "with -V the bare version.")
    boolean terse;

    @Option(names = "--json", description = "Output JSON.")
    boolean json;

    @Option(names = "--no-header", description = "No table header (ctys-setupVDE: also -n).")
    boolean noHeader;

    OutputFormat format(OutputOptions inherited) {
        if (json || inherited != null && inherited.json) {
            return OutputFormat.JSON;
        }
        if (terse || inherited != null && inherited.terse) {
            return OutputFormat.TERSE;
        }
        return noHeader || inherited != null && inherited.noHeader ? OutputFormat.PLAIN : OutputFormat.TABLE;
    }
}
