package org.ctys.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ctys.core.Invocation;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time generator (run by the exec plugin before packaging) of the manual pages and the bash/zsh completion
 * script, with picocli-codegen, from the very command classes ctys runs.
 */
public final class Documentation {

    private Documentation() {
    }

    /** @param args the output directory */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.resolve("man"));
        Files.createDirectories(out.resolve("completion"));
        Invocation quiet = Invocation.of(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of(), null);
        CommandLine ctys = Cli.commandLine(quiet, "ctys");
        CommandLine setupVde = Cli.commandLine(quiet, "ctys-setupVDE");
        write(out.resolve("man/ctys.adoc"), ctys);
        write(out.resolve("man/ctys-setupVDE.adoc"), setupVde);
        // written last at every build: ./ctys compares the sources against this file to decide on a rebuild
        Files.writeString(out.resolve("BUILD-INFO"), "ctys " + org.ctys.core.Version.current() + " built "
                + java.time.Instant.now() + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("completion/ctys.bash"), AutoComplete.bash("ctys", ctys)
                + "\n" + AutoComplete.bash("ctys-setupVDE", setupVde), StandardCharsets.UTF_8);
    }

    private static void write(Path file, CommandLine commandLine) throws IOException {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(writer, commandLine.getCommandSpec());
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }
}
