package org.ctys.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The manual page as text, for {@code -H man}: rendered from the same command model as the roff page and the
 * usage help, so the three cannot tell different stories.
 */
final class Manual {

    private static final String INDENT = "       ";
    private static final int WIDTH = 100;

    private Manual() {
    }

    /** @return the manual of {@code commandLine} and of its subcommands, in man's section layout */
    static String render(CommandLine commandLine) {
        StringBuilder text = new StringBuilder();
        page(text, commandLine);
        return text.toString();
    }

    private static void page(StringBuilder text, CommandLine commandLine) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        CommandSpec spec = commandLine.getCommandSpec();
        String name = spec.qualifiedName();
        spec.usageMessage().width(WIDTH - INDENT.length());
        Help help = commandLine.getHelp();
        section(text, "NAME", name + " - " + String.join(" ", spec.usageMessage().header()).strip());
        section(text, "SYNOPSIS", help.synopsis(0));
        section(text, "DESCRIPTION", help.description());
        section(text, "OPTIONS", help.optionList());
        section(text, "ARGUMENTS", help.parameterList());
        section(text, "COMMANDS", help.commandList());
        section(text, "EXIT STATUS", help.exitCodeList());
        section(text, "SEE ALSO", help.footer());
        commandLine.getSubcommands().values().forEach(sub -> page(text, sub));
    }

    private static void section(StringBuilder text, String heading, String body) {
        if (body.isBlank()) {
            return;
        }
        text.append(heading).append('\n');
        // picocli's sections end in a newline, which stripIndent would count as an unindented line
        body.stripTrailing().stripIndent().replaceFirst("^\\n+", "").lines()
                .forEach(line -> text.append(line.isBlank() ? "" : INDENT + line).append('\n'));
        text.append('\n');
    }
}
