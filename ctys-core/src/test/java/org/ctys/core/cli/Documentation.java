package org.ctys.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.core.Invocation;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time generator (run by the exec plugin before packaging) of the manual pages, with picocli-codegen, from the
 * very command classes ctys runs.
 */
public final class Documentation {

    /**
     * An option with only a short name, as picocli's generator writes it: {@code *-b*, _<bridge>_::}, or
     * {@code *-f*, ::} for a flag; the comma belongs between two names, so it goes.
     */
    private static final Pattern SHORT_OPTION_LABEL = Pattern.compile("(?m)^(\\*-[^-*]\\*),( \\[?_.*_]?)? ?::$");

    /** The synopsis section: AsciiDoc joins its lines into one paragraph unless each ends in a hard break. */
    private static final Pattern SYNOPSIS = Pattern.compile("(?s)(== Synopsis\n\n)(.*?)(\n\n// end::)");

    private Documentation() {
    }

    /** @param args the output directory */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.resolve("man"));
        Invocation quiet = Invocation.of(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of(), null);
        CommandLine ctys = Cli.commandLine(quiet, "ctys");
        CommandLine setupVde = Cli.commandLine(quiet, "ctys-setupVDE");
        write(out.resolve("man"), ctys);
        write(out.resolve("man"), setupVde);
        // written last at every build: ./ctys compares the sources against this file to decide on a rebuild
        Files.writeString(out.resolve("BUILD-INFO"), "ctys " + org.ctys.core.Version.current() + " built "
                + java.time.Instant.now() + "\n", StandardCharsets.UTF_8);
    }

    /** Writes the page of {@code commandLine} and of each of its subcommands ({@code ctys-plugins.adoc}, ...). */
    private static void write(Path directory, CommandLine commandLine) throws IOException {
        StringWriter text = new StringWriter();
        // wide enough that no synopsis line is wrapped: each line of it is one form of the command
        commandLine.getCommandSpec().usageMessage().width(1000);
        try (PrintWriter writer = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(writer, commandLine.getCommandSpec());
        }
        String page = SHORT_OPTION_LABEL.matcher(text.toString()).replaceAll("$1$2::");
        page = SYNOPSIS.matcher(page).replaceFirst(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2).replace("\n", " +\n") + m.group(3)));
        Files.writeString(directory.resolve(commandLine.getCommandSpec().qualifiedName("-") + ".adoc"), page,
                StandardCharsets.UTF_8);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            write(directory, sub);
        }
    }
}
