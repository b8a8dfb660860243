package org.ctys.plugin.vde;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ctys.api.CtysException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;

/**
 * The steps of one create, each with its undo. A step that fails rolls back, in reverse order, exactly what this
 * run did; the error says which step failed and what was undone (spec W-1).
 */
final class Journal {

    private record Done(String step, List<Command> undo, java.util.function.BooleanSupplier action) {
    }

    private final CommandRunner runner;
    private final Deque<Done> done = new ArrayDeque<>();

    Journal(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs a step; when it fails, rolls back and throws.
     *
     * @param step what the step does, e.g. "create bridge ctysbr0"
     * @param command the command
     * @param undo the commands that undo it, run in order
     */
    void run(String step, Command command, Command... undo) {
        execute(step, command);
        done.push(new Done(step, List.of(undo), null));
    }

    /**
     * Runs a step whose undo is not a command (e.g. a shutdown through the management socket).
     *
     * @param undo undoes the step, telling whether it worked
     */
    void run(String step, Command command, java.util.function.BooleanSupplier undo) {
        execute(step, command);
        done.push(new Done(step, List.of(), undo));
    }

    private void execute(String step, Command command) {
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (CtysException e) {
            throw failed(step, e.getMessage());
        }
        if (!result.succeeded()) {
            throw failed(step, lastLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
    }

    /** Fails the run at {@code step}, rolling back what was done. */
    VdeStepException failed(String step, String reason) {
        List<String> undone = new ArrayList<>();
        while (!done.isEmpty()) {
            Done last = done.pop();
            boolean ok = last.action() == null || last.action().getAsBoolean();
            for (Command command : last.undo()) {
                try {
                    ok &= runner.run(command).succeeded();
                } catch (CtysException e) {
                    ok = false;
                }
            }
            undone.add(last.step() + (ok ? "" : " (undo failed)"));
        }
        return new VdeStepException("step '" + step + "' failed: " + reason + "; "
                + (undone.isEmpty() ? "nothing to undo" : "undone: " + String.join(", ", undone)));
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
    }
}
