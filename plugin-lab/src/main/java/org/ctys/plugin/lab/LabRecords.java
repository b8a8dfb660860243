package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.PluginContext;
import org.ctys.spi.support.Scripts;

/**
 * The labs a user runs, as recorded on the control host when they were created: each lab's file as it was brought
 * up, so that {@code list} finds the labs without their files, {@code cancel} removes what a changed file no
 * longer names, and {@code create} removes what was dropped from the file.
 */
final class LabRecords {

    /** A recorded lab: its name and the file's text. */
    record Entry(String name, String text) {
    }

    private static final int NONE = 3;
    private static final int UNSAFE = 4;

    private final PluginContext context;

    LabRecords(PluginContext context) {
        this.context = context;
    }

    /** @return the text recorded for the lab of that name, empty when there is none */
    Optional<String> read(String name) {
        CommandResult result = run(Scripts.command(LabRecords.class, "records.sh", "read", name).asReadOnly());
        return result.exitCode() == NONE ? Optional.empty() : Optional.of(result.stdout());
    }

    /** Records a lab's file as it is being brought up. */
    void write(String name, String text) {
        run(Scripts.command(LabRecords.class, "records.sh", "write", name).withStdin(text));
    }

    /** Forgets a lab. */
    void remove(String name) {
        run(Scripts.command(LabRecords.class, "records.sh", "remove", name));
    }

    /** @return every recorded lab, by name */
    List<Entry> list() {
        String out = run(Scripts.command(LabRecords.class, "records.sh", "list").asReadOnly()).stdout();
        String[] fields = out.split("\0", -1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            entries.add(new Entry(fields[i], fields[i + 1]));
        }
        return entries;
    }

    private CommandResult run(Command command) {
        CommandResult result = context.runner().run(command);
        if (result.exitCode() == UNSAFE || !result.succeeded() && result.exitCode() != NONE) {
            throw new EnvironmentException("the lab records on " + context.target().address() + ": "
                    + result.stderr().strip().lines().reduce((a, b) -> b).orElse("exit " + result.exitCode()));
        }
        return result;
    }
}
