package org.ctys.core.cli;

import java.util.List;
import org.ctys.core.output.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The output options every command shares: {@code -X} terse records, {@code --json} for programs.
 *
 * @param terse {@code -X}
 * @param json {@code --json}
 * @param noHeader {@code --no-header}
 */
record OutputOptions(boolean terse, boolean json, boolean noHeader) {

    static final List<Option> OPTIONS = List.of(
            Option.flag("Terse output: one ';'-separated record per line, no header; with -V the bare version.",
                    "-X"),
            Option.flag("Output JSON.", "--json"),
            Option.flag("No table header (ctys-setupVDE: also -n).", "--no-header"));

    static void declare(CommandSpec spec) {
        Args.add(spec, OPTIONS);
    }

    static OutputOptions of(Given given) {
        return new OutputOptions(given.on("-X"), given.on("--json"), given.on("--no-header"));
    }

    /** @return these options with those given before a subcommand's name ({@code ctys --json plugins}) */
    OutputOptions and(OutputOptions outer) {
        return new OutputOptions(terse || outer.terse, json || outer.json, noHeader || outer.noHeader);
    }

    OutputFormat format() {
        if (json) {
            return OutputFormat.JSON;
        }
        if (terse) {
            return OutputFormat.TERSE;
        }
        return noHeader ? OutputFormat.PLAIN : OutputFormat.TABLE;
    }
}
