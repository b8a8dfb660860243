package org.ctys.core.cli;

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

    static void declare(CommandSpec spec) {
        spec.addOption(Args.flag("Terse output: one ';'-separated record per line, no header; with -V the bare "
                + "version.", "-X"));
        spec.addOption(Args.flag("Output JSON.", "--json"));
        spec.addOption(Args.flag("No table header (ctys-setupVDE: also -n).", "--no-header"));
    }

    static OutputOptions of(CommandSpec spec) {
        return new OutputOptions(Args.on(spec, "-X"), Args.on(spec, "--json"), Args.on(spec, "--no-header"));
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
